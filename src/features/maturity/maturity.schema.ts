/** The maturity forms: an organisation's ratings, and a reviewer's decisions, read and checked. */
import { PILLARS, type PillarId } from '../../core/pillars.js';
import { field } from '../../http/form-errors.js';
import type { Decision, Rating } from './maturity.service.js';

type Problem = { field: string; text: string };

/** The pillars rated in the form (a level and evidence each); a pillar left blank is skipped. */
export function readRatings(body: unknown): { ratings: Rating[]; problems: Problem[] } {
  const ratings: Rating[] = [];
  const problems: Problem[] = [];
  for (const p of PILLARS) {
    const level = field(body, `level-${p.id}`);
    const evidence = field(body, `evidence-${p.id}`).trim();
    if (!level && !evidence) continue;
    if (!/^[1-4]$/.test(level)) {
      problems.push({ field: `level-${p.id}`, text: `Select a level for ${p.title}` });
      continue;
    }
    if (!evidence) {
      problems.push({
        field: `evidence-${p.id}`,
        text: `Give the evidence for your ${p.title} level`,
      });
      continue;
    }
    if (evidence.length > 4000) {
      problems.push({
        field: `evidence-${p.id}`,
        text: 'Evidence must be 4,000 characters or fewer',
      });
      continue;
    }
    ratings.push({ pillar: p.id, level: Number(level), evidence });
  }
  if (ratings.length === 0 && problems.length === 0)
    problems.push({ field: `level-${PILLARS[0]?.id}`, text: 'Rate at least one pillar' });
  return { ratings, problems };
}

/** The reviewer's decision on each rated pillar (agreed, or queried with a comment). */
export function readDecisions(
  body: unknown,
  rated: readonly { pillar: string }[],
): { decisions: Decision[]; problems: Problem[] } {
  const decisions: Decision[] = [];
  const problems: Problem[] = [];
  for (const r of rated) {
    const d = field(body, `decision-${r.pillar}`);
    const comment = field(body, `comment-${r.pillar}`).trim();
    if (d !== 'agreed' && d !== 'queried') continue;
    if (d === 'queried' && !comment) {
      problems.push({ field: `comment-${r.pillar}`, text: 'Say what you are querying' });
      continue;
    }
    decisions.push({ pillar: r.pillar as PillarId, decision: d, comment: comment || null });
  }
  if (!decisions.length && !problems.length)
    problems.push({
      field: `decision-${rated[0]?.pillar ?? 'workforce'}`,
      text: 'Agree or query at least one rating',
    });
  return { decisions, problems };
}
