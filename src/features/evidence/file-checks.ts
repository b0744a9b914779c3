/**
 * What an uploaded evidence file really is, by its content (magic bytes), never by its name or
 * the type the browser declared. Only PDF, PNG, JPEG, XLSX, DOCX and CSV are accepted, and the
 * name's extension must agree with the content.
 */
import fs from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

export interface AllowedType {
  readonly mime: string;
  readonly extensions: readonly string[];
  readonly label: string;
}

export const ALLOWED_TYPES: readonly AllowedType[] = [
  { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  { mime: 'image/png', extensions: ['png'], label: 'PNG image' },
  { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG image' },
  {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'Excel spreadsheet',
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word document',
  },
  { mime: 'text/csv', extensions: ['csv'], label: 'CSV file' },
];

export type CheckResult =
  | { readonly ok: true; readonly type: AllowedType }
  | { readonly ok: false; readonly reason: string };

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim());
  return m?.[1]?.toLowerCase() ?? '';
}

/** Whether a buffer is text a CSV could be: UTF-8 (or plain ASCII) with no control characters but tab, CR and LF. */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  for (const b of bytes) {
    if (b === 0x09 || b === 0x0a || b === 0x0d) continue;
    if (b < 0x20 || b === 0x7f) return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    // Windows-1252 text is also acceptable: every byte above is printable there except 0x81, 0x8d, 0x8f, 0x90, 0x9d.
    return !bytes.some((b) => b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d);
  }
}

export async function checkFile(path: string, originalName: string): Promise<CheckResult> {
  const ext = extensionOf(originalName);
  const detected = await fileTypeFromFile(path);
  const allowedList = ALLOWED_TYPES.map((t) => t.extensions[0]?.toUpperCase()).join(', ');
  if (detected) {
    const type = ALLOWED_TYPES.find((t) => t.mime === detected.mime);
    if (!type) {
      return {
        ok: false,
        reason: `The file is a ${detected.ext.toUpperCase()} file, which cannot be uploaded. Upload a ${allowedList} file`,
      };
    }
    if (!type.extensions.includes(ext)) {
      return {
        ok: false,
        reason: `The file’s contents are a ${type.label}, but its name ends .${ext || '(nothing)'}. Rename it or choose the right file`,
      };
    }
    return { ok: true, type };
  }
  const bytes = await fs.readFile(path);
  if (ext === 'csv' && looksLikeText(bytes)) {
    const type = ALLOWED_TYPES.find((t) => t.mime === 'text/csv');
    if (type) return { ok: true, type };
  }
  if (bytes.length === 0) return { ok: false, reason: 'The file is empty' };
  return { ok: false, reason: `The file’s contents are not a ${allowedList} file` };
}
