/** The evidence details of a figure: a note, how confident the organisation is, and links. */
import { z } from 'zod';
import { paragraph } from '../../lib/text.js';

export const evidenceSchema = z.object({
  note: paragraph('the note', 4000).optional(),
  confidence: z
    .enum(['low', 'medium', 'high'], { error: 'Select how confident you are in this figure' })
    .optional(),
  links: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(/\s+/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z.url({
            protocol: /^https?$/,
            error: 'Each link must be a full web address starting with https://',
          }),
        )
        .max(10, 'Add up to 10 links'),
    ),
});
