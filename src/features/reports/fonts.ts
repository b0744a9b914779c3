/**
 * The fonts the PDF report embeds: Liberation Sans (regular and bold, SIL Open Font License 1.1,
 * its licence beside them), shipped in assets/fonts so that no system font is needed at run time.
 * Read once per process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PdfFonts } from '../../core/report/pdf.js';
import { ROOT } from '../../lib/root.js';

export const FONT_DIR = path.join(ROOT, 'assets/fonts');

let fonts: PdfFonts | undefined;

export function reportFonts(): PdfFonts {
  fonts ??= {
    regular: fs.readFileSync(path.join(FONT_DIR, 'LiberationSans-Regular.ttf')),
    bold: fs.readFileSync(path.join(FONT_DIR, 'LiberationSans-Bold.ttf')),
  };
  return fonts;
}
