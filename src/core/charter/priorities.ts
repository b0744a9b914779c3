/**
 * Local priorities residents and groups raise with a partnership (SPEC §2.8, decision 029):
 * reading the form that raises one, and indicator C3, the share of published priorities the
 * partnership has answered in public. Pure.
 *
 * A priority is published at once; a moderator can hide it (with a reason shown in its place)
 * and restore it, as for consultation responses (core/charter/consultation.ts moderate()).
 */
import { isPillarId } from '../pillars.js';
import type { Problem } from '../registers/entry-form.js';
import { validateDisplayName, type SuggestionState } from './consultation.js';
import type { Read } from './forms.js';
import { readAnswerForm, type AnswerFormValues } from './responses.js';
import { textProblem } from './versions.js';

type Body = Record<string, unknown>;

function text(body: Body, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

export const MAX_PRIORITY_TITLE = 200;
export const MAX_PRIORITY_DESCRIPTION = 2000;

/** The value of the area choice that means the partnership's whole area (stored as null). */
export const WHOLE_AREA = 'whole';

export interface PriorityValues {
  readonly title: string;
  readonly description: string;
  /** A district code of the partnership's area, or null for all of it. */
  readonly area: string | null;
  readonly pillar: string;
  /** The name shown with it, or null for anonymous. */
  readonly displayName: string | null;
}

/** How a priority is shown: under a chosen name, or anonymously (as consultation responses). */
function readName(body: Body, problems: Problem[]): string | null {
  const how = text(body, 'showAs');
  if (how !== 'name' && how !== 'anonymous') {
    problems.push({ field: 'showAs', text: 'Select how your priority is shown' });
    return null;
  }
  if (how === 'anonymous') return null;
  const name = text(body, 'displayName');
  if (!name) {
    problems.push({ field: 'displayName', text: 'Enter the name to show, or choose anonymously' });
    return null;
  }
  problems.push(
    ...validateDisplayName(name).map((p) => ({
      field: 'displayName',
      text: p.text.replace('reads the consultation', 'reads the priorities'),
    })),
  );
  return name;
}

/**
 * A priority: a title (1–200 characters, one line), a description (1–2,000), the area it is
 * about (one of `areas`, the partnership's district codes, or the whole area), its pillar, and
 * how it is shown (under a name or anonymously).
 */
export function readPriority(body: Body, areas: ReadonlySet<string>): Read<PriorityValues> {
  const problems: Problem[] = [];
  const title = text(body, 'title');
  const description = text(body, 'description');
  for (const p of [
    textProblem('title', 'a short title for the priority', title, {
      max: MAX_PRIORITY_TITLE,
      required: true,
      lineBreaks: false,
    }),
    textProblem('description', 'what the priority is and why it matters', description, {
      max: MAX_PRIORITY_DESCRIPTION,
      required: true,
      lineBreaks: true,
    }),
  ])
    if (p) problems.push(p);
  const a = text(body, 'area');
  const area = a === WHOLE_AREA ? null : areas.has(a) ? a : undefined;
  if (area === undefined) problems.push({ field: 'area', text: 'Select the area it is about' });
  const pillar = text(body, 'pillar');
  if (!isPillarId(pillar))
    problems.push({ field: 'pillar', text: 'Select the part of the charter it is about' });
  const displayName = readName(body, problems);
  return problems.length > 0 || area === undefined
    ? { ok: false, problems }
    : { ok: true, values: { title, description, area, pillar, displayName } };
}

/**
 * The partnership's answer to a priority: as for a suggestion (core/charter/responses.ts
 * readAnswerForm), in words about a priority.
 */
export function readPriorityAnswer(
  body: Body,
  known: Parameters<typeof readAnswerForm>[1],
): Read<AnswerFormValues> {
  const read = readAnswerForm(body, known);
  return read.ok
    ? read
    : {
        ok: false,
        problems: read.problems.map((p) => ({
          ...p,
          text: p.text.replace('the suggestion was answered', 'the priority was answered'),
        })),
      };
}

// ---------------------------------------------------------------------------------------------
// C3: local priorities answered

export interface PriorityFact {
  readonly state: SuggestionState;
  /** Whether the partnership has given it a public answer (whatever the answer says). */
  readonly answered: boolean;
  /** The day it was raised (ISO calendar date). */
  readonly createdOn: string;
}

export interface PrioritiesAnswered {
  readonly numerator: number;
  readonly denominator: number;
  /** The percentage answered (0–100), or null when there is no published priority. */
  readonly value: number | null;
}

/**
 * C3 (core/framework/catalogue.ts): of the priorities published (by `asOf`, an ISO date, when
 * given), the share with a public answer. Hidden priorities, and any waiting for a moderator, are
 * left out; an answer counts whatever it says, so this measures responsiveness, not agreement.
 */
export function prioritiesAnswered(
  list: readonly PriorityFact[],
  asOf?: string,
): PrioritiesAnswered {
  const published = list.filter(
    (p) => p.state === 'published' && (asOf === undefined || p.createdOn <= asOf),
  );
  const numerator = published.filter((p) => p.answered).length;
  const denominator = published.length;
  return {
    numerator,
    denominator,
    value: denominator === 0 ? null : (numerator / denominator) * 100,
  };
}

/** "1 of 2 published priorities have a public answer (50.0%)", or "No priorities yet". */
export function prioritiesAnsweredText(c3: PrioritiesAnswered): string {
  if (c3.value === null) return 'No priorities yet';
  const verb = c3.numerator === 1 || c3.denominator === 1 ? 'has' : 'have';
  const noun = c3.denominator === 1 ? 'priority' : 'priorities';
  return `${c3.numerator} of ${c3.denominator} published ${noun} ${verb} a public answer (${c3.value.toFixed(1)}%)`;
}

/** How C3 is counted, in words, beside the figure. */
export const PRIORITIES_ANSWERED_RULE =
  'Every published priority counts. Priorities hidden by a moderator are left out. A priority counts as answered once the partnership has given it a public answer with a reason, whatever the answer says (accepted, partly accepted, not taken forward or already covered): this shows whether the partnership answers, not whether it agrees.';

/** How a priority staff enter for someone reached them: "Paper form at the library event". */
export function readPriorityEnteredHow(body: Body): Read<{ enteredHow: string }> {
  const enteredHow = text(body, 'enteredHow');
  const p = textProblem('enteredHow', 'how the priority reached you', enteredHow, {
    max: 200,
    required: true,
    lineBreaks: false,
  });
  return p ? { ok: false, problems: [p] } : { ok: true, values: { enteredHow } };
}
