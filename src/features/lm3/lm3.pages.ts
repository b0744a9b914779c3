/**
 * What each Local Multiplier 3 page shows: the partnership lead's page, the links just created,
 * a new link for one supplier, and the public survey with its closed and thank-you pages. Each is
 * built in one place for the GET and for a form sent back with problems.
 */
import { periodDates, fyLabel } from '../../core/periods.js';
import { formatDate } from '../../core/dates.js';
import { formatPounds } from '../../core/spend/amounts.js';
import type { Lm3Result } from '../../core/spend/lm3.js';
import type { Partnership } from '../../db/schema.js';
import { noErrors, type FormErrors } from '../../http/form-errors.js';
import {
  LM3_METHOD,
  LM3_SURVEY_TTL_DAYS,
  type CreatedLink,
  type Lm3Service,
  type SurveyByToken,
} from './lm3.service.js';

export const V = 'features/lm3/views';

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

export const blankForm = (values: Record<string, unknown> = {}): FormState => ({
  errors: noErrors,
  values,
});

export const lm3Path = (p: Partnership) => `/manage/${p.slug}/lm3`;

const pounds = (pence: number) => formatPounds(pence, { whole: true });
const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);
const dateText = (d: Date) => formatDate(d);
const pctText = (v: number) => `${Number(v.toFixed(2))}%`;

/** "Liverpool", "Liverpool and Sefton", "Knowsley, Liverpool and Sefton". */
export function listText(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'the local area';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function resultView(r: Lm3Result) {
  return {
    r1: pounds(r.r1),
    r2: pounds(r.r2),
    r3: pounds(r.r3),
    lm3: r.lm3 === null ? '–' : r.lm3.toFixed(2),
    localShare: r.r1 > 0 ? percent(r.r2 / r.r1) : '–',
    answered: r.answered,
    asked: r.asked,
    localSuppliers: r.localSuppliers,
    coverage: percent(r.coverage),
    answeredText: `${r.answered} of ${r.asked} asked`,
  };
}

export interface StaffData {
  readonly results: Awaited<ReturnType<Lm3Service['results']>>;
  readonly suppliers: Awaited<ReturnType<Lm3Service['localSuppliers']>>;
  readonly links: Awaited<ReturnType<Lm3Service['surveyList']>>;
}

/** The partnership lead's page for a year: LM3, the local suppliers to ask, the links sent. */
export function staffPage(
  partnership: Partnership,
  area: string,
  year: number,
  years: readonly number[],
  data: StaffData,
  form: FormState,
) {
  const base = lm3Path(partnership);
  const picked = new Set([form.values.supplier ?? []].flat().map(String));
  const now = Date.now();
  return {
    title: 'Local Multiplier 3',
    year,
    yearLabel: fyLabel(year, partnership.fy_start_month),
    years: years.map((y) => ({
      label: fyLabel(y, partnership.fy_start_month),
      href: `${base}?year=${y}`,
      current: y === year,
    })),
    area,
    result: data.results.partnership.r1 > 0 ? resultView(data.results.partnership) : null,
    organisations: data.results.organisations.map((o) => ({
      name: o.name,
      ...resultView(o.result),
    })),
    method: LM3_METHOD,
    ttlDays: LM3_SURVEY_TTL_DAYS,
    unasked: data.suppliers
      .filter((s) => !s.survey)
      .map((s) => ({
        id: s.id,
        name: s.name,
        postcode: s.postcode,
        amount: pounds(s.pence),
        checked: picked.has(s.id),
        email: typeof form.values[`email-${s.id}`] === 'string' ? form.values[`email-${s.id}`] : '',
      })),
    askedCount: data.suppliers.filter((s) => s.survey).length,
    links: data.links.map((l) => {
      const status = l.revoked_at
        ? { text: 'Withdrawn', colour: 'grey' }
        : l.expires_at.getTime() <= now
          ? { text: 'Closed', colour: 'grey' }
          : l.answered_at
            ? { text: 'Answered', colour: 'green' }
            : { text: 'Waiting', colour: 'blue' };
      return {
        id: l.id,
        supplierName: l.supplier_name,
        sentTo: l.sent_to,
        status,
        answered: l.answered_at ? dateText(l.answered_at) : null,
        answer: l.answer
          ? `${pctText(l.answer.staffCostPct)} staff costs, ${pctText(l.answer.staffLocalPct)} to local staff, ${pctText(l.answer.suppliersLocalPct)} of the rest to local suppliers`
          : null,
        expires: dateText(l.expires_at),
        canRevoke: !l.revoked_at,
        revokeAction: `${base}/surveys/${l.id}/revoke`,
        reissueHref: `${base}/surveys/${l.id}/reissue`,
      };
    }),
    action: `${base}/surveys`,
    spendHref: `/manage/${partnership.slug}/spend?year=${year}`,
    ...form,
    breadcrumbs: [
      { href: `/manage/${partnership.slug}`, text: partnership.name },
      { href: `/manage/${partnership.slug}/spend`, text: 'Spend' },
    ],
  };
}

/** The links just created: shown once (the page is not stored), with where each was sent. */
export function linksPage(partnership: Partnership, year: number, links: readonly CreatedLink[]) {
  return {
    title: links.length === 1 ? 'Survey link created' : 'Survey links created',
    links,
    ttlDays: LM3_SURVEY_TTL_DAYS,
    back: { href: `${lm3Path(partnership)}?year=${year}`, text: 'Back to Local Multiplier 3' },
  };
}

export function reissuePage(
  partnership: Partnership,
  survey: { id: string; supplier_name: string; fy_start_year: number },
  form: FormState,
) {
  return {
    title: `Send a new survey link to ${survey.supplier_name}`,
    supplierName: survey.supplier_name,
    ttlDays: LM3_SURVEY_TTL_DAYS,
    yearLabel: fyLabel(survey.fy_start_year, partnership.fy_start_month),
    back: { href: `${lm3Path(partnership)}?year=${survey.fy_start_year}`, text: 'Back' },
    ...form,
  };
}

/** A survey link that does not work: unknown (404), or withdrawn or closed (410). */
export function closedPage(survey: SurveyByToken | undefined) {
  if (!survey)
    return { status: 404, data: { title: 'This link does not work', reason: 'unknown' } };
  return {
    status: 410,
    data: {
      title:
        survey.status === 'revoked'
          ? 'This survey link has been withdrawn'
          : 'This survey has closed',
      reason: survey.status,
      partnershipName: survey.partnershipName,
      closedOn: dateText(survey.expiresAt),
    },
  };
}

/** The survey form's values from the supplier's earlier answer, if any. */
export function answerValues(survey: SurveyByToken): Record<string, unknown> {
  const a = survey.answer;
  return a
    ? {
        staffCostPct: String(a.staffCostPct),
        staffLocalPct: String(a.staffLocalPct),
        suppliersLocalPct: String(a.suppliersLocalPct),
      }
    : {};
}

export function surveyPage(token: string, survey: SurveyByToken, area: string, form: FormState) {
  return {
    title: `Local spending survey for ${survey.supplierName}`,
    survey,
    area,
    yearLabel: periodDates({ kind: 'year', fyStartYear: survey.fyStartYear }, survey.fyStartMonth)
      .label,
    closes: dateText(survey.expiresAt),
    answeredOn: survey.answeredAt ? dateText(survey.answeredAt) : null,
    action: `/survey/${token}`,
    ...form,
  };
}

export function surveyDonePage(
  token: string,
  survey: SurveyByToken & { answer: NonNullable<SurveyByToken['answer']> },
  area: string,
) {
  return {
    title: 'Your answers have been sent',
    survey,
    area,
    answers: [
      {
        key: 'Staff costs, as a percentage of all costs',
        value: pctText(survey.answer.staffCostPct),
      },
      {
        key: `Staff costs paid to staff living in ${area}`,
        value: pctText(survey.answer.staffLocalPct),
      },
      {
        key: `Other spending that goes to suppliers based in ${area}`,
        value: pctText(survey.answer.suppliersLocalPct),
      },
    ],
    closes: dateText(survey.expiresAt),
    changeHref: `/survey/${token}`,
  };
}
