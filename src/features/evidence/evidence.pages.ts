/**
 * The page of one figure's evidence: its value, the note, confidence and links (a form when the
 * return can be changed), the files kept for it and the queries about it. Built in one place for
 * the GET, a form sent back and an upload refused.
 */
import { formatValue } from '../../core/framework/format.js';
import type { Section } from '../../core/framework/sections.js';
import type { FormErrors } from '../../http/form-errors.js';
import { returnPath } from '../returns/return-context.js';
import type { ReturnContext, ReturnState, ReturnsService } from '../returns/returns.service.js';
import type { EvidenceService } from './evidence.service.js';

export const V = 'features/evidence/views';

export interface EvidenceItem {
  readonly ctx: ReturnContext;
  readonly state: ReturnState;
  readonly section: Section;
  readonly item: Section['items'][number];
  readonly files: Awaited<ReturnType<EvidenceService['files']>>;
  readonly comments: Awaited<ReturnType<ReturnsService['listComments']>>;
  /** Whether the person may change the figure's evidence now. */
  readonly editable: boolean;
}

/** The evidence form's values as saved. */
export function evidenceValues(p: EvidenceItem): Record<string, unknown> {
  const v = p.state.values.get(p.item.id);
  return {
    note: v?.note ?? '',
    confidence: v?.confidence ?? '',
    links: (v?.links ?? []).join('\n'),
  };
}

export function evidencePage(
  p: EvidenceItem,
  form: { values: Record<string, unknown>; errors: FormErrors },
  maxUploadBytes: number,
) {
  const path = returnPath(p.ctx);
  const v = p.state.values.get(p.item.id);
  return {
    title: p.item.label,
    ...p,
    value: v?.value == null ? 'Not entered' : formatValue(Number(v.value), p.item.unit),
    ...form,
    path,
    action: `${path}/items/${p.item.id}`,
    uploadAction: `${path}/items/${p.item.id}/files`,
    maxUploadMb: Math.round(maxUploadBytes / 1024 / 1024),
    back: { href: path, text: 'Back to the return' },
  };
}
