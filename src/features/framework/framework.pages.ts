/**
 * What each framework page shows, built in one place from the service's data and, for a form
 * sent back, what was typed and what was wrong: the same function serves the GET and the failed POST.
 */
import { LIVING_WAGE_RULE, type LivingWageRate } from '../../core/workforce/living-wage.js';
import { rateRows } from '../workforce/living-wage.pages.js';
import { describeComputation } from '../../core/framework/describe.js';
import { isChangeSinceBaseline } from '../../core/framework/compute.js';
import { formatValue } from '../../core/framework/format.js';
import { STATUS_RULE } from '../../core/framework/status.js';
import { CHANGE_RULE } from '../../core/figures/change.js';
import { KNOWN_THRESHOLD_RULE } from '../../core/figures/coverage.js';
import { fyLabel } from '../../core/periods.js';
import { PILLARS, PILLARS_AND_ACCOUNTABILITY } from '../../core/pillars.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import { field, noErrors, type FormErrors } from '../../http/form-errors.js';
import type { Indicator, TargetRow } from './framework.repo.js';
import { UNIT_CHOICES } from './framework.schema.js';
import { ITEMS_FOR_KIND, type CustomIndicatorInput } from './framework.service.js';

export const V = 'features/framework/views';

type Kind = CustomIndicatorInput['kind'];

export interface FormState {
  readonly errors: FormErrors;
  readonly values: Record<string, unknown>;
}

export const KIND_LABELS: Record<Kind, { text: string; hint: string }> = {
  value: { text: 'A single figure', hint: 'For example, the number of apprenticeships started' },
  ratio: {
    text: 'A percentage of a whole',
    hint: 'One figure as a share of another, for example staff living locally out of all staff',
  },
  sum: {
    text: 'A total of several figures',
    hint: 'For example, hours of community use of rooms plus outdoor spaces',
  },
  difference: {
    text: 'One figure minus another',
    hint: 'For example, jobs created minus jobs lost',
  },
  per: {
    text: 'A rate',
    hint: 'One figure divided by another, for example volunteering hours per member of staff',
  },
  change_since_baseline: {
    text: 'Change since the baseline',
    hint: 'How much a figure has gone up or down since the baseline year, as a percentage',
  },
};

const base = (p: Partnership) => `/manage/${p.slug}`;
export const frameworkPath = (p: Partnership) => `${base(p)}/framework`;
export const indicatorPath = (p: Partnership, code: string) =>
  `${frameworkPath(p)}/indicators/${code}`;
export const organisationTargetsPath = (p: Partnership, o: { id: string }) =>
  `${base(p)}/organisations/${o.id}/targets`;

/** Baselines and targets are in the indicator's unit; for "change since baseline" the baseline is the underlying figure. */
const targetUnit = (indicator: Indicator) => indicator.unit;

const ALL_PILLARS = PILLARS_AND_ACCOUNTABILITY;

export function frameworkPage(
  partnership: Partnership,
  data: { indicators: Indicator[]; commitments: { code: string; pillar: string }[] },
  canEdit: boolean,
) {
  return {
    title: 'Framework',
    canEdit,
    pillars: ALL_PILLARS.map((p) => ({
      ...p,
      commitments: data.commitments
        .filter((c) => c.pillar === p.id)
        .map((c) => ({
          ...c,
          indicators: data.indicators.filter((i) => i.commitment === c.code),
        }))
        .filter((c) => c.indicators.length > 0),
    })),
    breadcrumbs: [{ href: base(partnership), text: partnership.name }],
  };
}

export function methodologyPage(
  partnership: Partnership,
  data: { indicators: Indicator[]; fullPostcodeDirectory: boolean },
  livingWageRates: readonly LivingWageRate[] = [],
) {
  return {
    title: 'Methodology',
    livingWage: { rule: LIVING_WAGE_RULE, rows: rateRows(livingWageRates) },
    statusRule: STATUS_RULE,
    knownRule: KNOWN_THRESHOLD_RULE,
    changeRule: CHANGE_RULE,
    postcodePrecision: data.fullPostcodeDirectory
      ? 'This service has the full ONS postcode directory loaded, so every current UK postcode is placed by neighbourhood.'
      : 'This service has a sample of 100,000 postcodes with their neighbourhoods; other valid postcodes are placed by district until the full ONS postcode directory is loaded (anchorage reference import-postcodes).',
    indicators: data.indicators.map((i) => ({ ...i, how: describeComputation(i) })),
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      { href: frameworkPath(partnership), text: 'Framework' },
    ],
  };
}

export function indicatorPage(
  partnership: Partnership,
  indicator: Indicator,
  targets: readonly TargetRow[],
  may: { edit: boolean; target: boolean },
) {
  return {
    title: `${indicator.id} ${indicator.name}`,
    indicator,
    how: describeComputation(indicator),
    targets: targets.map((t) => ({
      ...t,
      // A change's baseline is the figure the change is measured from, in that figure's unit.
      shown: formatValue(
        Number(t.value),
        t.kind === 'baseline' && isChangeSinceBaseline(indicator.computation)
          ? (indicator.items[0]?.unit ?? targetUnit(indicator))
          : targetUnit(indicator),
      ),
    })),
    canEdit: may.edit,
    canTarget: may.target,
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      { href: frameworkPath(partnership), text: 'Framework' },
    ],
  };
}

/** The indicator's wording: the form as saved, or as sent back with problems. */
export function wordingPage(partnership: Partnership, indicator: Indicator, form?: FormState) {
  return {
    title: `Change ${indicator.id}`,
    indicator,
    values: form?.values ?? {
      name: indicator.name,
      description: indicator.description,
      methodology: indicator.methodology,
    },
    errors: form?.errors ?? noErrors,
    back: { href: indicatorPath(partnership, indicator.id), text: 'Back to the indicator' },
  };
}

/** Adding an indicator, first step: what kind of indicator it is. */
export function kindPage(partnership: Partnership, errors: FormErrors = noErrors) {
  return {
    title: 'Add an indicator',
    kinds: Object.entries(KIND_LABELS).map(([value, k]) => ({
      value,
      text: k.text,
      hint: { text: k.hint },
    })),
    errors,
    action: `${frameworkPath(partnership)}/new/details`,
    back: { href: frameworkPath(partnership), text: 'Back to the framework' },
  };
}

/** Adding an indicator, second step: its details, for the kind chosen. */
export function detailsPage(
  partnership: Partnership,
  kind: Kind,
  form: FormState = {
    values: { frequency: 'annual', direction: 'higher', itemUnit: 'count', scale: '1' },
    errors: noErrors,
  },
) {
  const spec = ITEMS_FOR_KIND[kind];
  const { values, errors } = form;
  return {
    title: `Add an indicator: ${KIND_LABELS[kind].text.toLowerCase()}`,
    kind,
    kindLabel: KIND_LABELS[kind].text,
    itemFields: spec.names.map((label, i) => ({
      id: `item${i + 1}`,
      label,
      required: i < spec.min,
    })),
    showUnit: kind !== 'ratio' && kind !== 'change_since_baseline',
    showScale: kind === 'per',
    units: UNIT_CHOICES.map((u) => ({ ...u, selected: values.itemUnit === u.value })),
    pillars: PILLARS.map((p) => ({
      value: p.id,
      text: p.title,
      checked: values.pillar === p.id,
    })),
    values,
    errors,
    action: `${frameworkPath(partnership)}/new/details?kind=${kind}`,
    back: { href: `${frameworkPath(partnership)}/new`, text: 'Back' },
  };
}

/** The targets form's values from saved baselines and targets (each dated at its year's end). */
export function targetValues(rows: readonly TargetRow[], fyStartMonth: number) {
  const values: Record<string, string> = {};
  const yearOf = (date: string) =>
    String(Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < fyStartMonth ? 1 : 0));
  const baseline = rows.find((r) => r.kind === 'baseline');
  if (baseline) {
    values.baselineValue = String(Number(baseline.value));
    values.baselineYear = yearOf(baseline.on_date);
  }
  rows
    .filter((r) => r.kind === 'target')
    .slice(0, 3)
    .forEach((t, i) => {
      values[`target${i + 1}Value`] = String(Number(t.value));
      values[`target${i + 1}Year`] = yearOf(t.on_date);
    });
  return values;
}

/**
 * The baseline and targets form of an indicator, partnership-wide (organisation null) or for one
 * organisation; it is saved to `action` and leads back to `backHref`.
 */
export function targetsPage(
  partnership: Partnership,
  indicator: Indicator,
  organisation: Organisation | null,
  form: FormState,
  links: { action: string; backHref: string },
) {
  const now = new Date().getUTCFullYear();
  const years = Array.from({ length: 16 }, (_, i) => now - 6 + i);
  const yearItems = (selected: string) => [
    { value: '', text: 'Choose a year' },
    ...years.map((y) => ({
      value: String(y),
      text: fyLabel(y, partnership.fy_start_month),
      selected: selected === String(y),
    })),
  ];
  const { values, errors } = form;
  return {
    title: `Baseline and targets: ${indicator.id} ${indicator.name}`,
    indicator,
    organisation,
    unit: targetUnit(indicator),
    isChange: isChangeSinceBaseline(indicator.computation),
    baselineYears: yearItems(field(values, 'baselineYear')),
    targetRows: [1, 2, 3].map((n) => ({ n, years: yearItems(field(values, `target${n}Year`)) })),
    values,
    errors,
    action: links.action,
    back: { href: links.backHref, text: 'Back' },
  };
}

/** Where a baselines and targets form is saved and leads back to. */
export function targetLinks(
  partnership: Partnership,
  organisation: Organisation | null,
  code: string,
) {
  if (!organisation) {
    const path = indicatorPath(partnership, code);
    return { action: `${path}/targets`, backHref: path };
  }
  const path = organisationTargetsPath(partnership, organisation);
  return { action: `${path}/${code}`, backHref: path };
}

export function organisationTargetsPage(
  partnership: Partnership,
  organisation: Organisation,
  data: { indicators: Indicator[]; targets: TargetRow[] },
  canEdit: boolean,
) {
  const path = organisationTargetsPath(partnership, organisation);
  return {
    title: `Baselines and targets for ${organisation.name}`,
    organisation,
    canEdit,
    indicators: data.indicators
      .filter((i) => i.unit !== 'yes/no')
      .map((i) => {
        const mine = data.targets.filter((r) => r.indicator_code === i.id);
        const unit = targetUnit(i);
        const baseline = mine.find((r) => r.kind === 'baseline');
        return {
          ...i,
          baseline: baseline
            ? `${formatValue(Number(baseline.value), unit)} (${baseline.label})`
            : 'Not set',
          targets: mine
            .filter((r) => r.kind === 'target')
            .map((t) => `${formatValue(Number(t.value), unit)} by ${t.label}`),
          href: `${path}/${i.id}`,
        };
      }),
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      {
        href: `${base(partnership)}/organisations/${organisation.id}`,
        text: organisation.name,
      },
    ],
  };
}
