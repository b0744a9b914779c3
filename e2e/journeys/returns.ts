/**
 * h. A return from draft to approval. The data contributor of Mersey Valley Hospitals fills in the
 * open return's pillars (hitting and fixing validation errors), attaches evidence and sends it; the
 * reviewer returns it with a query on one figure; the contributor answers and sends it again; the
 * reviewer approves; the partnership lead sees each step in the audit log.
 *
 * In the journey's own partnership, with the demo's reporting history (one open return for this
 * organisation, and returns from others waiting for review) and an indicator of the partnership's
 * own in the Workforce pillar, with a baseline and a target. With JavaScript on, the journey
 * checks the return's pages without changing them (a form sent with errors saves nothing); with
 * JavaScript off, it takes the return all the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { periodDates } from '../../src/core/periods.js';
import { expectAccessible } from '../helpers/axe.js';
import { FIXTURE_ACTOR, ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import {
  clickAndWait,
  errorSummary,
  heading,
  pathOf,
  signInAndExpectManage,
  successBanner,
  summaryValue,
  unique,
  visit,
} from '../helpers/pages.js';
import {
  MVH,
  numberFields,
  openEditableReturn,
  openReturnsList,
  task,
  taskStatus,
} from '../helpers/returns.js';
import type { Suite } from '../helpers/suite.js';

/** Figures for the Procurement section that pass every check. */
const PROCUREMENT: Record<string, string> = {
  spend_total_gbp: '52,400,000',
  spend_local_gbp: '14,150,000',
  spend_deprived_gbp: '4,300,000',
  spend_sme_gbp: '11,900,000',
  spend_vcse_gbp: '1,480,000',
  spend_location_known_gbp: '40,100,000',
  tenders_total: '31',
  tenders_sv_weighted_10pc: '12',
};

const TOTAL_SPEND = 'Total spend with suppliers (£)';
const LOCAL_SPEND = 'Spend with suppliers in the local area (£)';
const TENDERS = 'Tenders awarded in the period';

/** A small, valid PDF document. */
function smallPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
      '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
      'trailer\n<< /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}

/** The partnership's own indicator: a ratio of two counts, with a baseline of 40% and a target of 60%. */
interface CustomIndicator {
  readonly code: string;
  readonly name: string;
  readonly numerator: string;
  readonly denominator: string;
}

async function addCustomIndicator(suite: Suite, own: OwnPartnership): Promise<CustomIndicator> {
  const id = unique();
  const wanted = {
    name: `Care leavers among apprentices ${id}`,
    numerator: `Apprentices starting who are care leavers ${id}`,
    denominator: `All apprentices starting in the quarter ${id}`,
  };
  const partnershipId = own.partnership.id;
  const code = await suite.deps.framework.addCustom(
    partnershipId,
    {
      name: wanted.name,
      description: 'The share of new apprentices who have been in care.',
      methodology: 'Apprenticeships started in the quarter by people who were in care as children.',
      pillar: 'workforce',
      direction: 'higher',
      frequency: 'quarterly',
      kind: 'ratio',
      itemLabels: [wanted.numerator, wanted.denominator],
      itemUnit: 'count',
      publishOrganisationLevel: true,
    },
    FIXTURE_ACTOR,
  );
  const yearEnd = (fyStartYear: number) => {
    const d = periodDates({ kind: 'year', fyStartYear }, own.partnership.fy_start_month);
    return { date: d.endsOn, label: d.label };
  };
  await suite.deps.framework.setTargets(
    partnershipId,
    {
      organisationId: null,
      code,
      baseline: { value: 40, ...yearEnd(2025) },
      targets: [{ value: 60, ...yearEnd(2027) }],
    },
    FIXTURE_ACTOR,
  );
  return { code, ...wanted };
}

export function returnsJourney(suite: Suite, js: boolean) {
  /** People kept signed in from one step to the next. */
  const people: Partial<Record<'contributor' | 'reviewer', Page>> = {};
  let returnPath = '';
  let periodLabel = '';
  let own: OwnPartnership;
  let custom: CustomIndicator;

  async function personFor(role: 'contributor' | 'reviewer'): Promise<Page> {
    const existing = people[role];
    if (existing && !existing.isClosed()) return existing;
    const { page } = await suite.person(js, { keep: true });
    const account = own.account(role);
    await signInAndExpectManage(page, account.email, account.password);
    people[role] = page;
    return page;
  }

  function requireReturn(): string {
    if (!returnPath) throw new Error('The return was not opened (did the first step fail?)');
    return returnPath;
  }

  describe('h. a return from draft to approval', () => {
    beforeAll(async () => {
      own = await ownPartnership(suite.deps, { name: 'Returns Anchor Network', returns: true });
      custom = await addCustomIndicator(suite, own);
    });
    afterAll(async () => {
      for (const page of Object.values(people)) await page.context().close();
    });

    it('the contributor finds the open return, and a section sent with errors shows them and keeps the input', async () => {
      const page = await personFor('contributor');
      await openReturnsList(page, own.slug);
      await expectAccessible(page, 'h-organisation-returns');
      periodLabel = await openEditableReturn(page);
      returnPath = pathOf(page);
      expect((await page.locator('main .nhsuk-caption-l').innerText()).trim()).toBe(MVH);
      // Limited to Workforce and Procurement, the contributor sees only those sections.
      const tasks = await page.locator('main .nhsuk-task-list__item').count();
      expect(tasks).toBe(2);
      expect(await page.locator('main').innerText()).toContain(
        '2 other sections are completed by colleagues.',
      );
      await expectAccessible(page, 'h-return');

      await clickAndWait(page, page.getByRole('link', { name: 'Procurement', exact: true }));
      expect(await heading(page)).toBe('Procurement');
      for (const [id, value] of Object.entries(PROCUREMENT)) {
        await page.locator(`#${id}`).fill(value);
      }
      // The local part more than the whole, and a letter in a number.
      await page.getByLabel(LOCAL_SPEND).fill('60,000,000');
      await page.getByLabel(TENDERS).fill('3l');
      await page.getByRole('radio', { name: 'Yes, I’ve finished this section' }).check();
      await clickAndWait(page, page.getByRole('button', { name: 'Save and continue' }));
      expect(await page.title()).toMatch(/^Error: /);
      const errors = await errorSummary(page);
      expect(errors).toEqual(
        expect.arrayContaining([
          {
            text: `${LOCAL_SPEND} cannot be more than ${TOTAL_SPEND.toLowerCase()}`,
            href: '#spend_local_gbp',
          },
          { text: `${TENDERS} must be a number, like 1,250`, href: '#tenders_total' },
        ]),
      );
      expect(errors).toHaveLength(2);
      // Each link has its field, with the message beside it, and what was typed is kept.
      for (const e of errors) {
        const field = page.locator(e.href);
        expect(await field.count(), e.href).toBe(1);
        expect(await page.locator(`${e.href}-error`).innerText()).toContain(e.text);
      }
      expect(await page.getByLabel(LOCAL_SPEND).inputValue()).toBe('60,000,000');
      expect(await page.getByLabel(TENDERS).inputValue()).toBe('3l');
      expect(await page.getByLabel(TOTAL_SPEND).inputValue()).toBe(PROCUREMENT.spend_total_gbp);
      expect(
        await page.getByRole('radio', { name: 'Yes, I’ve finished this section' }).isChecked(),
      ).toBe(true);
      await expectAccessible(page, 'h-section-errors');

      // The error summary's link takes you to the field.
      await page
        .locator('.nhsuk-error-summary')
        .getByRole('link', { name: `${LOCAL_SPEND} cannot be more than` })
        .click();
      if (js) {
        await expect
          .poll(() => page.evaluate<string | undefined>('document.activeElement?.id'))
          .toBe('spend_local_gbp');
      } else {
        await page.waitForURL((url) => url.hash === '#spend_local_gbp');
      }

      // Nothing was saved.
      await visit(page, requireReturn());
      expect(await taskStatus(page, 'Procurement')).toBe('Not started');
    });

    if (js) {
      it('the reviewer’s queue and review page, and the audit log, render and are accessible', async () => {
        const page = await personFor('reviewer');
        await visit(page, `/manage/${own.slug}`);
        await clickAndWait(
          page,
          page.getByRole('link', { name: 'Returns from every organisation' }),
        );
        expect(await heading(page)).toBe('Returns');
        await expectAccessible(page, 'h-returns-overview');
        // A return waiting for review (from the demo data) opens on its review page.
        const waiting = page
          .locator('main table', { hasText: 'Returns in review' })
          .locator('tbody tr', { hasText: 'Waiting for review' })
          .first();
        await clickAndWait(page, waiting.getByRole('link'));
        expect(pathOf(page)).toMatch(/\/review$/);
        expect(await heading(page)).toMatch(/^Review the .+ return$/);
        await expectAccessible(page, 'h-review');

        const { page: lead } = await suite.person(js);
        const leadAccount = own.account('partnership-lead');
        await signInAndExpectManage(lead, leadAccount.email, leadAccount.password);
        expect(await visit(lead, `/manage/${own.slug}/audit`)).toBe(200);
        expect(await heading(lead)).toBe('Audit log');
        await expectAccessible(lead, 'h-audit');
      });
      return;
    }

    it('the contributor fixes the errors, completes both sections, adds evidence and sends the return', async () => {
      const page = await personFor('contributor');
      const path = requireReturn();

      // Procurement, corrected and marked complete.
      await clickAndWait(page, page.getByRole('link', { name: 'Procurement', exact: true }));
      for (const [id, value] of Object.entries(PROCUREMENT)) {
        await page.locator(`#${id}`).fill(value);
      }
      await page.getByRole('radio', { name: 'Yes, I’ve finished this section' }).check();
      await clickAndWait(page, page.getByRole('button', { name: 'Save and continue' }));
      expect(pathOf(page)).toBe(path);
      expect(await successBanner(page)).toContain('Procurement is complete.');
      expect(await taskStatus(page, 'Procurement')).toBe('Completed');

      // Workforce: saved part-done first, then finished. Every figure the form asks for is filled
      // in, including those of indicators the partnership added itself.
      await clickAndWait(page, page.getByRole('link', { name: 'Workforce', exact: true }));
      const fields = await numberFields(page);
      expect(fields.map((f) => f.label)).toEqual(
        expect.arrayContaining([custom.numerator, custom.denominator]),
      );
      const [first] = fields;
      if (!first) throw new Error('The Workforce section has no figures');
      await page.locator(`#${first.id}`).fill('14');
      await clickAndWait(page, page.getByRole('button', { name: 'Save and continue' }));
      expect(await successBanner(page)).toContain(
        'Workforce has been saved. You can come back to it later.',
      );
      expect(await taskStatus(page, 'Workforce')).toBe('In progress');
      await clickAndWait(page, page.getByRole('link', { name: 'Workforce', exact: true }));
      expect(await page.locator(`#${first.id}`).inputValue()).toBe('14');
      for (const f of fields.slice(1)) {
        // Parts (numerators) are smaller than their wholes.
        const whole = f.label === custom.denominator;
        await page.locator(`#${f.id}`).fill(whole ? '12' : '9');
      }
      await page.getByRole('radio', { name: 'Yes, I’ve finished this section' }).check();
      await clickAndWait(page, page.getByRole('button', { name: 'Save and continue' }));
      expect(await successBanner(page)).toContain('Workforce is complete.');
      expect(await taskStatus(page, 'Workforce')).toBe('Completed');

      // Evidence for the total spend: a PDF, a note and a confidence grade.
      await clickAndWait(page, page.getByRole('link', { name: `Evidence for ${TOTAL_SPEND}` }));
      expect(await heading(page)).toBe(TOTAL_SPEND);
      expect(await summaryValue(page, 'Figure')).toBe('£52,400,000');
      await page.locator('main input[type="file"][name="file"]').setInputFiles({
        name: 'ledger-extract-q2.pdf',
        mimeType: 'application/pdf',
        buffer: smallPdf(),
      });
      await clickAndWait(page, page.getByRole('button', { name: 'Upload file' }));
      expect(await successBanner(page)).toContain(
        'ledger-extract-q2.pdf has been added as evidence.',
      );
      const files = page.locator('main table', { hasText: 'Files' });
      expect(await files.innerText()).toContain('ledger-extract-q2.pdf');
      expect(await files.innerText()).toContain('application/pdf');
      await page
        .getByLabel('Note on method and data quality (optional)')
        .fill('From the finance ledger at the end of September, after credit notes.');
      await page.getByRole('radio', { name: 'High' }).check();
      await expectAccessible(page, 'h-evidence');
      await clickAndWait(page, page.getByRole('button', { name: 'Save evidence' }));
      expect(await successBanner(page)).toContain('The evidence has been saved.');
      expect(await page.getByLabel('Note on method and data quality (optional)').inputValue()).toBe(
        'From the finance ledger at the end of September, after credit notes.',
      );
      // The file can be downloaded by someone who can see the figure.
      const download = await page.request.get(
        (await files.getByRole('link', { name: 'ledger-extract-q2.pdf' }).getAttribute('href')) ??
          '',
      );
      expect(download.status()).toBe(200);
      expect((await download.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // Sent for review.
      await visit(page, path);
      expect(await page.locator('main').innerText()).toContain('Note: From the finance ledger');
      await clickAndWait(page, page.getByRole('button', { name: 'Send the return for review' }));
      expect(await successBanner(page)).toContain(
        `The ${periodLabel} return has been sent for review.`,
      );
      expect(await page.locator('main h1 + p .nhsuk-tag').first().innerText()).toBe(
        'Waiting for review',
      );
      expect(await task(page, 'Procurement').getByRole('link').count()).toBe(0);
    });

    it('the reviewer finds it in the queue and returns it with a query on one figure', async () => {
      const page = await personFor('reviewer');
      await openFromQueue(page, own.slug, 'Waiting for review');
      expect(await heading(page)).toBe(`Review the ${periodLabel} return`);
      // The evidence is there to check.
      const evidence = page.locator('main details', {
        has: page.locator('summary', { hasText: `Evidence for ${TOTAL_SPEND}` }),
      });
      const text = await evidence.textContent();
      expect(text).toContain('From the finance ledger at the end of September');
      expect(text).toContain('ledger-extract-q2.pdf');

      // A decision is needed.
      await clickAndWait(page, page.getByRole('button', { name: 'Confirm decision' }));
      expect(await errorSummary(page)).toEqual([
        {
          text: 'Select whether to approve the return or return it with queries',
          href: '#decision',
        },
      ]);
      await expectAccessible(page, 'h-review-errors');

      await page
        .locator('#query-spend_total_gbp')
        .fill('This is 8% higher than last quarter. Does it include the new catering contract?');
      await page.getByRole('radio', { name: 'Return with queries' }).check();
      await clickAndWait(page, page.getByRole('button', { name: 'Confirm decision' }));
      expect(pathOf(page)).toBe(`/manage/${own.slug}/returns`);
      expect(await successBanner(page)).toContain(
        `${MVH}’s ${periodLabel} return has been returned with 1 query.`,
      );
    });

    it('the contributor sees the query, answers it and sends the return again', async () => {
      const page = await personFor('contributor');
      await visit(page, requireReturn());
      expect(await page.locator('main h1 + p .nhsuk-tag').first().innerText()).toBe(
        'Returned with queries',
      );
      const callout = page.locator('main .nhsuk-card', { hasText: 'Queries from the reviewer' });
      expect(await callout.innerText()).toContain('Does it include the new catering contract?');
      await clickAndWait(page, callout.locator(`a[href$="/items/spend_total_gbp"]`));
      expect(await heading(page)).toBe(TOTAL_SPEND);
      expect(await page.locator('main').innerText()).toContain(
        'Does it include the new catering contract?',
      );
      await page
        .getByLabel('Your answer', { exact: true })
        .fill('Yes: the catering contract started in August. It is in the ledger extract.');
      await expectAccessible(page, 'h-answer');
      await clickAndWait(page, page.getByRole('button', { name: 'Add answer' }));
      expect(await successBanner(page)).toContain('Your answer has been added.');
      expect(await page.locator('main').innerText()).toContain(
        'the catering contract started in August',
      );

      await visit(page, requireReturn());
      await clickAndWait(page, page.getByRole('button', { name: 'Send the return for review' }));
      expect(await successBanner(page)).toContain(
        `The ${periodLabel} return has been sent for review.`,
      );
    });

    it('the reviewer approves it, and the audit log shows each step', async () => {
      const page = await personFor('reviewer');
      await openFromQueue(page, own.slug, 'Waiting for review');
      const evidence = page.locator('main details', {
        has: page.locator('summary', { hasText: `Evidence for ${TOTAL_SPEND}` }),
      });
      expect(await evidence.textContent()).toContain('the catering contract started in August');
      await page.getByRole('radio', { name: 'Approve' }).check();
      await clickAndWait(page, page.getByRole('button', { name: 'Confirm decision' }));
      expect(await successBanner(page)).toContain(
        `${MVH}’s ${periodLabel} return is approved. Its figures are now locked.`,
      );

      // Approved and locked, for the contributor too.
      const contributor = await personFor('contributor');
      await visit(contributor, requireReturn());
      expect(await contributor.locator('main h1 + p .nhsuk-tag').first().innerText()).toBe(
        'Approved',
      );
      expect(await task(contributor, 'Workforce').getByRole('link').count()).toBe(0);

      // The audit log, newest first.
      const { page: lead } = await suite.person(js);
      const leadAccount = own.account('partnership-lead');
      await signInAndExpectManage(lead, leadAccount.email, leadAccount.password);
      await visit(lead, `/manage/${own.slug}`);
      await clickAndWait(lead, lead.locator('header').getByRole('link', { name: 'Audit log' }));
      expect(await heading(lead)).toBe('Audit log');
      const rows = await lead.locator('main table tbody tr').all();
      const steps: string[] = [];
      for (const row of rows.slice(0, 30)) {
        const cells = (await row.locator('td').allInnerTexts()).map((c) =>
          c.replace(/^(When|Who|What|Record)\s*/, '').trim(),
        );
        const [, who, what] = cells;
        if (what && /^(Return|Evidence|Query)/.test(what)) steps.push(`${who} ${what}`);
      }
      const c = own.account('contributor').email;
      const r = own.account('reviewer').email;
      expect(steps.slice(0, 10).reverse()).toEqual([
        `${c} Return section completed`,
        `${c} Return section saved`,
        `${c} Return section completed`,
        `${c} Evidence file attached`,
        `${c} Evidence note saved`,
        `${c} Return sent for review`,
        `${r} Return sent back with a query`,
        `${c} Query answered`,
        `${c} Return sent for review`,
        `${r} Return approved`,
      ]);
      await expectAccessible(lead, 'h-audit-after');

      // The partnership's own indicator now has a figure on the dashboard's Workforce page, and
      // a status.
      await visit(lead, `/manage/${own.slug}/dashboard`);
      await clickAndWait(lead, lead.getByRole('link', { name: 'Workforce', exact: true }));
      const card = lead.locator(`main section[aria-labelledby="ind-${custom.code}"]`);
      expect((await card.locator('.app-figure').innerText()).trim()).toBe('75.0%');
      expect(await card.innerText()).toContain(`${periodLabel}, from 1 of 6 organisations`);
      expect((await card.locator('.nhsuk-tag', { hasText: /track|risk/ }).innerText()).trim()).toBe(
        'On track',
      );
    });

    // A section of an approved return is not offered as a form: its address leads to the return.
    it('a section of the approved return is not offered for editing', async () => {
      const page = await personFor('contributor');
      await visit(page, `${requireReturn()}/sections/workforce`);
      expect(await page.getByRole('button', { name: 'Save and continue' }).count()).toBe(0);
    });
  });
}

/** As the reviewer: from the overview to the returns in review, and this organisation's return. */
async function openFromQueue(page: Page, slug: string, status: string): Promise<void> {
  await visit(page, `/manage/${slug}`);
  await clickAndWait(page, page.getByRole('link', { name: 'Returns from every organisation' }));
  const row = page
    .locator('main table', { hasText: 'Returns in review' })
    .locator('tbody tr', { hasText: MVH })
    .filter({ hasText: status })
    .first();
  await clickAndWait(page, row.getByRole('link', { name: MVH }));
}
