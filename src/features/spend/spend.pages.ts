/**
 * What each spend page shows: an organisation's and the partnership's analysis, the import form,
 * the columns page, an import's progress and its reconciliation. Each is built in one place from
 * the service's data (and, for a form sent back, the problem), for the GET and the failed POST.
 */
import { fyLabel } from '../../core/periods.js';
import { formatPounds, penceToPounds } from '../../core/spend/amounts.js';
import { SPEND_IMPORT_FIELDS, type SpendMapping } from '../../core/spend/mapping.js';
import { spendShares } from '../../core/spend/shares.js';
import { SUPPLIER_TYPES } from '../../core/spend/suppliers.js';
import type { Organisation, Partnership } from '../../db/schema.js';
import { formErrors, noErrors } from '../../http/form-errors.js';
import type { JobRow } from '../jobs/jobs.js';
import type { FileInspection } from '../imports/files.js';
import {
  columnsPage as importColumnsPage,
  jobPage as importJobPage,
  jobProgress as importJobProgress,
} from '../imports/imports.pages.js';
import type { SpendRow } from './spend.repo.js';
import type { SpendService } from './spend.service.js';

export const V = 'features/spend/views';

/** Money keeps its pence on every page. */
const pounds = (pence: number) => formatPounds(pence);
const pct = (part: number, total: number) =>
  total === 0 ? '–' : `${((part / total) * 100).toFixed(1)}%`;

const base = (p: Partnership) => `/manage/${p.slug}`;
export const organisationSpendPath = (p: Partnership, o: { id: string }) =>
  `${base(p)}/organisations/${o.id}/spend`;
export const jobPath = (p: Partnership, o: { id: string }, jobId: string) =>
  `${organisationSpendPath(p, o)}/jobs/${jobId}`;

export function spendRowView(r: SpendRow) {
  const shares = spendShares(r);
  return {
    ...r,
    totalText: pounds(r.total),
    shares,
    localPct: shares.local.text,
    deprivedPct: shares.deprived.text,
    smePct: shares.sme.text,
    vcsePct: shares.vcse.text,
    knownPct: pct(r.known, r.total),
    typeKnownPct: pct(r.typeKnown, r.total),
    neighbourhoodPct: pct(r.neighbourhood, r.total),
    districtOnlyPct: pct(r.known - r.neighbourhood, r.total),
  };
}

export function organisationSpendPage(
  partnership: Partnership,
  organisation: Organisation,
  data: Awaited<ReturnType<SpendService['organisationSpend']>>,
  may: { seeSuppliers: boolean; import: boolean },
) {
  const path = organisationSpendPath(partnership, organisation);
  return {
    title: `Spend: ${organisation.name}`,
    organisation,
    range: data.range,
    years: data.years.map((y) => ({
      year: y,
      label: fyLabel(y, partnership.fy_start_month),
      href: `${path}?year=${y}`,
      current: y === data.range.year,
    })),
    summary: data.summary[0] ? spendRowView(data.summary[0]) : null,
    months: data.months.map(spendRowView),
    expenses: data.expenses.map(spendRowView),
    suppliers: data.suppliers.map((r) => ({
      ...spendRowView(r),
      href: may.seeSuppliers ? `${base(partnership)}/suppliers/${r.key}` : undefined,
    })),
    batches: data.batches.map((b) => ({
      ...b,
      amount: pounds(Number(b.amount_accepted_pence)),
      href: `${base(partnership)}/spend/batches/${b.id}`,
    })),
    jobs: data.jobs.map((j) => ({ ...j, href: jobPath(partnership, organisation, j.id) })),
    canImport: may.import,
    breadcrumbs: [
      { href: base(partnership), text: partnership.name },
      {
        href: `${base(partnership)}/organisations/${organisation.id}`,
        text: organisation.name,
      },
    ],
  };
}

export function importPage(
  partnership: Partnership,
  organisation: Organisation,
  maxBytes: number,
  error?: string,
) {
  const path = organisationSpendPath(partnership, organisation);
  return {
    title: 'Import a spend file',
    organisation,
    errors: error ? formErrors([{ field: 'file', text: error }]) : noErrors,
    action: `${path}/import`,
    maxMb: Math.round(maxBytes / 1024 / 1024),
    back: { href: path, text: 'Back to spend' },
  };
}

/** The columns page of a spend import (the same page every import has). */
export function columnsPage(
  partnership: Partnership,
  organisation: Organisation,
  jobId: string,
  inspection: FileInspection,
  mapping: SpendMapping,
  error?: string,
) {
  const path = organisationSpendPath(partnership, organisation);
  return importColumnsPage({
    organisation,
    fields: SPEND_IMPORT_FIELDS,
    inspection,
    mapping,
    action: `${jobPath(partnership, organisation, jobId)}/columns`,
    back: { href: `${path}/import`, text: 'Choose a different file' },
    samples: true,
    ...(error ? { problems: [{ text: error }] } : {}),
  });
}

interface ImportResultView {
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  amountAcceptedPence: number;
  amountRejectedPence: number;
  amountDuplicatesPence: number;
}

export function jobProgress(partnership: Partnership, organisation: Organisation, job: JobRow) {
  return importJobProgress(job, jobPath(partnership, organisation, job.id));
}

/** A spend import's progress, then its result in rows and pounds. */
export function jobPage(partnership: Partnership, organisation: Organisation, job: JobRow) {
  const money = (pence: number) => formatPounds(pence);
  const rowsOf = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'row' : 'rows'}`;
  const page = importJobPage({
    organisation,
    job,
    href: jobPath(partnership, organisation, job.id),
    resultRows: (raw) => {
      const r = raw as unknown as ImportResultView;
      return [
        { key: { text: 'Rows in the file' }, value: { text: r.rows.toLocaleString('en-GB') } },
        {
          key: { text: 'Added' },
          value: { text: `${rowsOf(r.accepted)}, ${money(r.amountAcceptedPence)}` },
        },
        {
          key: { text: 'Already loaded from another file' },
          value: { text: `${rowsOf(r.duplicates)}, ${money(r.amountDuplicatesPence)}` },
        },
        {
          key: { text: 'Rejected' },
          value: { text: `${rowsOf(r.rejected)}, ${money(r.amountRejectedPence)}` },
        },
      ];
    },
    batchHref: job.batch_id ? `${base(partnership)}/spend/batches/${job.batch_id}` : null,
    importHref: `${organisationSpendPath(partnership, organisation)}/import`,
    back: { href: organisationSpendPath(partnership, organisation), text: 'Back to spend' },
  });
  return { running: page.running, page };
}

export function batchPage(
  partnership: Partnership,
  data: Awaited<ReturnType<SpendService['batch']>>,
) {
  const { batch, rejected } = data;
  const total =
    Number(batch.amount_accepted_pence) +
    Number(batch.amount_rejected_pence) +
    Number(batch.amount_duplicates_pence);
  return {
    title: `Import of ${batch.file_name}`,
    batch,
    amounts: {
      accepted: penceToPounds(batch.amount_accepted_pence),
      rejected: penceToPounds(batch.amount_rejected_pence),
      duplicates: penceToPounds(batch.amount_duplicates_pence),
      total: penceToPounds(total),
    },
    rejected,
    // What to do next: give the file's suppliers a postcode or a type, then see the year's spend.
    next: {
      suppliers:
        data.suppliersNeedingDetails > 0
          ? {
              text: `${data.suppliersNeedingDetails.toLocaleString('en-GB')} ${data.suppliersNeedingDetails === 1 ? 'supplier in this file needs' : 'suppliers in this file need'} a postcode or a type`,
              href: `${base(partnership)}/suppliers?filter=attention&batch=${batch.id}`,
            }
          : null,
      spendHref:
        data.year === null
          ? null
          : `${organisationSpendPath(partnership, { id: batch.organisation_id })}?year=${data.year}`,
      yearLabel: data.year === null ? null : fyLabel(data.year, partnership.fy_start_month),
    },
    csvHref: `${base(partnership)}/spend/batches/${batch.id}/rejected.csv`,
    back: {
      href: organisationSpendPath(partnership, { id: batch.organisation_id }),
      text: `Back to ${batch.organisation_name}’s spend`,
    },
  };
}

/** The rejected rows as a CSV under the file's own header row, so they can be imported again. */
export function rejectedRowsCsv(data: Awaited<ReturnType<SpendService['rejectedRows']>>) {
  const { batch, rows } = data;
  const width = Math.max(0, ...rows.map((r) => r.columns.length));
  const header = [
    'line',
    'reason',
    ...Array.from({ length: width }, (_, i) => batch.headers[i] || `column_${i + 1}`),
  ];
  return [header, ...rows.map((r) => [String(r.line_no), r.reason, ...r.columns])];
}

export function partnershipSpendPage(
  partnership: Partnership,
  data: Awaited<ReturnType<SpendService['partnershipSpend']>>,
  may: { manageLm3: boolean; importForMembers: boolean },
) {
  return {
    title: 'Spend across the partnership',
    importForHref: may.importForMembers ? `${base(partnership)}/spend/import` : null,
    range: data.range,
    years: data.years.map((y) => ({
      year: y,
      label: fyLabel(y, partnership.fy_start_month),
      href: `${base(partnership)}/spend?year=${y}`,
      current: y === data.range.year,
    })),
    summary: data.summary[0] ? spendRowView(data.summary[0]) : null,
    organisations: data.organisations.map((o) => ({
      ...spendRowView(o),
      href: `${organisationSpendPath(partnership, { id: o.key })}?year=${data.range.year}`,
    })),
    months: data.months.map(spendRowView),
    unclassified: data.unclassified.map((u) => ({
      ...u,
      typeText: SUPPLIER_TYPES.find((t) => t.id === u.type)?.label ?? u.type,
      amount: pounds(Number(u.pence)),
      href: `${base(partnership)}/suppliers/${u.id}`,
    })),
    imdEdition: partnership.imd_edition,
    canManageLm3: may.manageLm3,
    breadcrumbs: [{ href: base(partnership), text: partnership.name }],
  };
}
