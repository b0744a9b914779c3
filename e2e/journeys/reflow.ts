/**
 * Reflow (WCAG 2.2, 1.4.10): no page scrolls sideways at 320 CSS pixels. Every GET route in the
 * app's own route table is filled from this journey's own data (a partnership with the demo's
 * returns, an imported spend file, a 16-column council file waiting for its columns to be checked,
 * an evidence file, a supplier survey) and opened at 320 px with JavaScript off, by the first of
 * its people who may see it. The page must be no wider than the window, and no element may reach
 * past its right edge. One browser context per person, no axe here (the journeys run it).
 */
import { yearParam } from '../../src/features/publishing/publishing.service.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { importSpendFile } from '../../src/features/spend/spend-import.js';
import { ACTIVITY_SPEC, ERIC_SPEC } from '../../src/features/carbon/activity-import.pages.js';
import { importCollected } from '../../src/features/imports/collected.js';
import { PAYROLL_SPEC } from '../../src/features/workforce/workforce.routes.js';
import { screenshotPath } from '../helpers/axe.js';
import { FIXTURE_ACTOR, ownPartnership, type OwnPartnership } from '../helpers/fixtures.js';
import { signIn } from '../helpers/pages.js';
import { MVH } from '../helpers/returns.js';
import { charterInEveryState, type CharterIds } from '../helpers/charter.js';
import type { Suite } from '../helpers/suite.js';

const NARROW = { width: 320, height: 640 } as const;
const FIXTURES = new URL('../../test/fixtures/spend/', import.meta.url);

/**
 * Routes whose page needs a secret sent by email or a sign-in half done: with the journey's
 * made-up values they answer the page that says the link has expired (or send the person on),
 * which is checked like any other page.
 */
const NEEDS_A_SECRET = new Set([
  '/invitations/:token',
  '/reset-password/:token',
  '/sign-in/code',
  '/sign-in/link/:token',
  '/survey/:token',
  '/survey/:token/thank-you',
]);

/** Pages that need something in their query string to show their form. */
const QUERIES: Record<string, string> = {
  '/manage/:slug/framework/new/details': '?kind=ratio',
};

interface Person {
  readonly who: string;
  readonly context: BrowserContext;
  readonly page: Page;
}

interface Overflow {
  readonly scrollWidth: number;
  readonly innerWidth: number;
  readonly wide: string[];
  readonly broken: string[];
}

/**
 * Run in the page (as text: the browser's own types are not in this project): how wide the page
 * is, and the first elements wider than the window or reaching past its right edge, leaving out
 * those clipped by a box around them (text kept for screen readers, a responsive table's
 * headings), which do not widen the page.
 */
const MEASURE = `(() => {
  const clipped = (el) => {
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'hidden' || style.overflowX === 'clip') return true;
      if (style.clip !== 'auto' || style.clipPath !== 'none' || style.display === 'none') return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || (box.width <= window.innerWidth + 0.5 && box.right <= window.innerWidth + 0.5)) continue;
    if (clipped(el)) continue;
    const classes = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    wide.push(el.tagName.toLowerCase() + classes + ' (' + Math.round(box.width) + ' px wide, right edge at '
      + Math.round(box.right) + ' px): ' + (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50));
    if (wide.length >= 3) break;
  }
  // Text running out of its box (a long word that does not wrap) widens the page as well.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node && wide.length < 3; node = walker.nextNode()) {
    const parent = node.parentElement;
    // Text in a closed details element, or otherwise not shown, widens nothing.
    if (!node.textContent.trim() || !parent.checkVisibility() || clipped(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width > 0 && box.right > window.innerWidth + 0.5)
      wide.push('text in ' + parent.tagName.toLowerCase() + ' (right edge at '
        + Math.round(box.right) + ' px): ' + node.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60));
  }
  // An ordinary word (letters only, up to 16 of them) broken across two lines: a column too
  // narrow to read. Long codes, addresses and emails may break; words must not.
  const broken = [];
  const words = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = words.nextNode(); node && broken.length < 3; node = words.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent.checkVisibility() || clipped(parent)) continue;
    for (const m of node.textContent.matchAll(/[A-Za-z]{2,16}/g)) {
      const before = node.textContent[m.index - 1] || ' ';
      const after = node.textContent[m.index + m[0].length] || ' ';
      if (!/[\\s(“"]/.test(before) || !/[\\s,.;:)”"]/.test(after)) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) {
        broken.push('“' + m[0] + '” broken across lines in ' + parent.tagName.toLowerCase());
        break;
      }
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide, broken };
})()`;

/** How far the page reaches past the window, and the first elements that do. */
async function overflow(page: Page): Promise<Overflow> {
  return page.evaluate<Overflow>(MEASURE);
}

export function reflowJourney(suite: Suite) {
  describe('reflow at 320 px', () => {
    let own: OwnPartnership;
    let params: Record<string, string>;
    /** Per collected kind (by its address segment): an upload waiting for its columns, and an import. */
    const collected: Record<string, { jobId: string; importId: string }> = {};
    let routes: { url: string; access: string }[];
    let returnsToTry: { orgId: string; periodId: string }[];
    let charter: CharterIds;

    beforeAll(async () => {
      const deps = suite.deps;
      const db = deps.database.db;
      own = await ownPartnership(deps, { name: 'Reflow Anchor Network', returns: true });
      const mvh = Object.values(own.organisations).find((o) => o.name === MVH);
      if (!mvh) throw new Error(`No ${MVH} in ${own.name}`);

      // The route table, read from an app built on the suite's services (it is not started).
      const app = await createApp(deps);
      // Pages only: the JSON API (/api/…) is for programs; its page for people (/api) is a page.
      routes = app.routeTable
        .filter((r) => r.method === 'GET' && !/^\/(assets|static|api)\//.test(r.url))
        .map((r) => ({ url: r.url, access: r.access }));
      await app.close();

      // Returns in each state, of a year and of a quarter (Mersey Valley Hospitals' first): a
      // route about a return is opened with the first of these it answers for.
      const all = await db
        .selectFrom('returns')
        .innerJoin('return_revisions', (j) =>
          j
            .onRef('return_revisions.return_id', '=', 'returns.id')
            .onRef('return_revisions.number', '=', 'returns.current_revision'),
        )
        .innerJoin('reporting_periods', 'reporting_periods.id', 'returns.period_id')
        .select([
          'returns.id as returnId',
          'returns.organisation_id as orgId',
          'returns.period_id as periodId',
          'return_revisions.id as revisionId',
          'return_revisions.status as status',
          'reporting_periods.kind as kind',
        ])
        .where('returns.partnership_id', '=', own.partnership.id)
        .orderBy('reporting_periods.starts_on', 'desc')
        .execute();
      all.sort((x, y) => Number(y.orgId === mvh.id) - Number(x.orgId === mvh.id));
      const seen = new Set<string>();
      const tried = all.filter((r) => {
        const key = `${r.status} ${r.kind}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      returnsToTry = tried;
      const open =
        tried.find((r) => r.status === 'draft' && r.kind === 'year') ??
        tried.find((r) => r.status === 'draft') ??
        tried[0];
      if (!open) throw new Error(`No returns in ${own.name}`);

      // Spend: a file imported, and a council's 16-column file waiting for its columns.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-e2e-reflow-'));
      const imported = path.join(dir, 'imported.csv');
      fs.copyFileSync(fileURLToPath(new URL('chwe-2020-04.csv', FIXTURES)), imported);
      const result = await importSpendFile({
        database: deps.database,
        partnership: own.partnership,
        organisation: mvh,
        filePath: imported,
        fileName: 'mvh-spend-2020-04.csv',
        actor: FIXTURE_ACTOR,
      });
      const contributor = await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', own.account('contributor').email)
        .executeTakeFirstOrThrow();
      const waiting = path.join(deps.config.uploadDir, 'imports', `reflow-${Date.now()}.csv`);
      fs.mkdirSync(path.dirname(waiting), { recursive: true });
      fs.copyFileSync(fileURLToPath(new URL('trafford-2024-25-first300.csv', FIXTURES)), waiting);
      const jobId = await deps.spend.queueImport(own.partnership, mvh, contributor.id, {
        name: 'trafford-2024-25.csv',
        path: waiting,
      });
      // An upload of each collected kind waiting for its columns, and one imported.
      for (const [segment, spec, content] of [
        [
          'workforce',
          PAYROLL_SPEC,
          'Employment Type,Hourly Rate,Home Postcode,Start Date\nDirect,12.10,L1 5HE,01/06/2024\nContracted-out,13.50,M11 1BR,01/01/2019\nDirect,oops,,\n',
        ],
        ['environment/template', ACTIVITY_SPEC, 'activity,quantity\ngas,1000\nnothing,1\n'],
        [
          'environment/eric',
          ERIC_SPEC,
          'Organisation Code,Organisation Name,Gas consumed (kWh)\nRQ6,A trust,10\n',
        ],
      ] as const) {
        const file = (n: string) => {
          const f = path.join(dir, `${segment.replace('/', '-')}-${n}.csv`);
          fs.writeFileSync(f, content);
          return f;
        };
        const waitingFile = path.join(
          deps.config.uploadDir,
          'imports',
          `reflow-${segment.replace('/', '-')}-${Date.now()}.csv`,
        );
        fs.writeFileSync(waitingFile, content);
        const jobId = await deps.imports.queue(spec, own.partnership, mvh, contributor.id, {
          name: `${segment.replace('/', '-')}.csv`,
          path: waitingFile,
        });
        const done = await importCollected(spec.kind, {
          database: deps.database,
          partnership: own.partnership,
          organisation: mvh,
          fyStartYear: 2024,
          option: 'RQ6',
          filePath: file('imported'),
          fileName: `${segment.replace('/', '-')}-2024-25.csv`,
          actor: FIXTURE_ACTOR,
        });
        collected[segment] = { jobId, importId: done.batchId };
      }
      fs.rmSync(dir, { recursive: true, force: true });
      const supplier = await db
        .selectFrom('suppliers')
        .select('id')
        .where('partnership_id', '=', own.partnership.id)
        .orderBy('name')
        .executeTakeFirstOrThrow();

      // People: an invitation and a member, an evidence file, a supplier survey, a message.
      const lead = await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', own.account('partnership-lead').email)
        .executeTakeFirstOrThrow();
      const leadActor = {
        userId: lead.id,
        isPlatformAdmin: false,
        memberships: [
          {
            partnershipId: own.partnership.id,
            organisationId: null,
            role: 'partnership-lead' as const,
            pillars: null,
          },
        ],
      };
      // An API token of the lead's, so that their tokens page lists one (with a long name).
      await deps.apiTokens.create(
        leadActor,
        { userId: lead.id, label: own.account('partnership-lead').email },
        {
          name: 'Power BI dashboard for the partnership board’s quarterly meeting',
          partnershipId: own.partnership.id,
          scope: 'read',
          days: 90,
        },
      );
      const inviteeEmail = `invitee-${Date.now()}@e2e.anchorage.example`;
      await deps.tenancy.invite(
        own.partnership,
        mvh.id,
        { displayName: 'Ivy Invitee', email: inviteeEmail, role: 'contributor', pillars: [] },
        leadActor,
        FIXTURE_ACTOR,
      );
      const invitation = await db
        .selectFrom('invitations')
        .select('id')
        .where('email', '=', inviteeEmail)
        .executeTakeFirstOrThrow();
      const membership = await db
        .selectFrom('memberships')
        .select('id')
        .where('user_id', '=', contributor.id)
        .executeTakeFirstOrThrow();
      const message = await db
        .selectFrom('mail_outbox')
        .select('id')
        .where('to_address', '=', inviteeEmail)
        .executeTakeFirstOrThrow();
      const evidenceId = await deps.evidence.add(
        {
          partnershipId: own.partnership.id,
          returnId: open.returnId,
          revisionId: open.revisionId,
          itemId: 'staff_headcount',
        },
        {
          filename: 'evidence.pdf',
          stream: Readable.from([Buffer.from('%PDF-1.4\n%reflow\n%%EOF\n')]),
          truncated: () => false,
        },
        FIXTURE_ACTOR,
      );
      const survey = await db
        .insertInto('lm3_surveys')
        .values({
          partnership_id: own.partnership.id,
          supplier_id: supplier.id,
          fy_start_year: 2025,
          token_hash: `reflow-${Date.now()}`,
          expires_at: new Date(Date.now() + 86_400_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      // An entry of each of the hospital's registers, and a joint initiative.
      const entry = (register: Parameters<typeof deps.registers.add>[2], values: object) =>
        deps.registers.add(
          own.partnership.id,
          mvh.id,
          register,
          {
            title: 'Education centre, conference room 2 and the sports hall',
            detail: 'Walton Residents Association and Saturday youth football',
            occurredOn: '2025-05-01',
            endsOn: null,
            hours: null,
            homes: null,
            amountPence: null,
            contractorPostcode: null,
            localStated: null,
            releasedFor: null,
            participants: null,
            participantsDeprived: null,
            evidenceLink: 'https://www.contractsfinder.service.gov.uk/notice/0123456789abcdef',
            evidenceNote: 'Room booking system export',
            ...values,
          },
          FIXTURE_ACTOR,
        );
      const registerIds = {
        useId: await entry('community-use', { hours: 1250.5, endsOn: '2025-06-30' }),
        siteId: await entry('land', { homes: 48, releasedFor: 'housing' }),
        paymentId: await entry('capital', { amountPence: 125_000_050, localStated: true }),
        activityId: await entry('engagement', { participants: 130, participantsDeprived: 41 }),
        volunteeringId: await entry('volunteering', { hours: 7.25 }),
        grantId: await entry('grants', { amountPence: 2_500_000 }),
        initiativeId: await deps.initiatives.add(
          own.partnership.id,
          {
            title: 'Healthy homes partnership for warmer, drier homes across the estuary',
            outcomes: 'Fewer hospital admissions from cold and damp homes',
            status: 'active',
            startsOn: '2025-05-01',
            endsOn: null,
            pillars: ['infrastructure', 'community'],
            vcsePartner: 'Walton Community Trust',
            partners: Object.values(own.organisations).map((o) => ({
              organisationId: o.id,
              pooledPence: 12_500_000,
            })),
            milestones: [{ title: 'First 200 homes surveyed', dueOn: '2025-12-31', done: true }],
            evidenceLink: null,
            evidenceNote: '',
          },
          FIXTURE_ACTOR,
        ),
      };

      charter = await charterInEveryState(deps, own, mvh.id);
      // A year published, so that the public figures pages and downloads are reached.
      const [latestYear] = await deps.publishing.years(own.partnership.id);
      if (!latestYear) throw new Error('The reflow partnership has no year');
      await deps.publishing.publish(
        own.partnership.id,
        latestYear.period.fy_start_year,
        FIXTURE_ACTOR,
        null,
      );
      params = {
        ...registerIds,
        pledgeId: charter.pledgeId,
        key: charter.key,
        responseId: charter.versions[0]?.responseId ?? '',
        priorityId: charter.priorityId,
        questionId: charter.questionId,
        slug: own.slug,
        orgId: mvh.id,
        periodId: open.periodId,
        pillar: 'workforce',
        itemId: 'staff_headcount',
        number: '1',
        code: 'W1',
        format: 'csv',
        messageId: message.id,
        batchId: result.batchId,
        jobId,
        supplierId: supplier.id,
        surveyId: survey.id,
        year: '2024-25',
        fy: yearParam(latestYear.period.fy_start_year),
        revision: '1',
        evidenceId,
        invitationId: invitation.id,
        membershipId: membership.id,
        token: 'no-such-token-0000000000000000000000000000',
      };
    });

    /** The addresses to try for a route: one, or one for each return when it is about a return. */
    function fill(url: string): string[] {
      const kind = Object.entries(collected).find(
        ([segment]) => url.includes(`/${segment}/jobs/`) || url.includes(`/${segment}/imports/`),
      )?.[1];
      const base = kind ? { ...params, ...kind } : params;
      const sets = url.includes(':periodId')
        ? returnsToTry.map((r) => ({ ...base, orgId: r.orgId, periodId: r.periodId }))
        : url.includes(':versionId')
          ? charter.versions.map((v) => ({ ...base, ...v }))
          : [base];
      return sets.map(
        (values: Record<string, string | undefined>) =>
          url.replace(/:(\w+)/g, (_, name: string) => {
            const v = values[name];
            if (v === undefined)
              throw new Error(`The reflow test cannot fill :${name} in ${url}: add it`);
            return v;
          }) + (QUERIES[url] ?? ''),
      );
    }

    it('no page reachable from the route table scrolls sideways at 320 px', async () => {
      const people: Person[] = [];
      const open = async (who: string, email?: string, password?: string) => {
        const { context, page } = await suite.person(false, { viewport: NARROW });
        if (email && password) await signIn(page, email, password);
        people.push({ who, context, page });
      };
      await open('someone signed out');
      for (const role of [
        'partnership-lead',
        'org-lead',
        'contributor',
        'reviewer',
        'platform-admin',
      ] as const) {
        const account = own.account(role);
        await open(role, account.email, account.password);
      }

      const [signedOut, lead, ...others] = people;
      const admin = people.find((p) => p.who === 'platform-admin');
      if (!signedOut || !lead || !admin) throw new Error('People missing');
      /** Who to try, in turn: public pages signed out, the platform's as its admin, others by role. */
      const candidates = (route: { url: string; access: string }): Person[] =>
        route.access === 'public'
          ? [signedOut]
          : route.url.startsWith('/admin')
            ? [admin]
            : [lead, ...others];

      const problems: string[] = [];
      const notReached: string[] = [];
      let checked = 0;
      for (const route of routes) {
        const urls = fill(route.url);
        // The first address and person this page answers 200 to (without sending them elsewhere).
        let viewer: Person | undefined;
        let url = urls[0]!;
        let download = false;
        let status = 0;
        found: for (const candidate of urls) {
          for (const person of candidates(route)) {
            const res = await person.context.request.get(candidate, { maxRedirects: 0 });
            status = res.status();
            if (status !== 200) continue;
            download = !(res.headers()['content-type'] ?? '').startsWith('text/html');
            viewer = person;
            url = candidate;
            break found;
          }
        }
        if (download) continue;
        if (!viewer) {
          if (!NEEDS_A_SECRET.has(route.url)) notReached.push(`${route.url} (${status})`);
          // The page the person is shown instead (an expired link, a sign-in) must reflow too.
          viewer = candidates(route)[0]!;
        }
        const page = viewer.page;
        await page.goto(url);
        const o = await overflow(page);
        checked++;
        if (o.scrollWidth > o.innerWidth || o.wide.length || o.broken.length) {
          await page.screenshot({
            path: screenshotPath(page, `reflow-${route.url.replace(/[^a-z0-9]+/gi, '-')}`),
            fullPage: true,
          });
          problems.push(
            `${route.url} as ${viewer.who} (${new URL(page.url()).pathname}): ${o.scrollWidth} px wide in a ${o.innerWidth} px window; ${[...o.wide, ...o.broken].join('; ')}`,
          );
        }
      }
      expect(
        { notReached, sideways: problems },
        'GET routes no one could open with this journey’s data, and pages that scroll sideways at 320 px',
      ).toEqual({ notReached: [], sideways: [] });
      expect(checked).toBeGreaterThan(60);
    }, 600_000);

    it('the pages that answer an uploaded return template reflow too: its problems and its figures', async () => {
      const { context, page } = await suite.person(false, { viewport: NARROW });
      const account = own.account('org-lead');
      await signIn(page, account.email, account.password);
      const base = `/manage/${own.slug}/organisations/${params.orgId}/returns/${params.periodId}`;
      // A template filled in as people do: only the columns they need, one figure with a note.
      const template = await (await context.request.get(`${base}/template.csv`)).text();
      const items = [
        ...template.slice(template.indexOf('\n')).matchAll(/^[^,]*,[^,]*,([a-z0-9_]+),/gm),
      ].map((m) => m[1]);
      if (items.length < 3) throw new Error(`Too few figures in the template of ${base}`);
      const fill = (value: string) =>
        'item_id,value,note,confidence\r\n' +
        items
          .map((item) => `${item},${value},Establishment report from the payroll system,high\r\n`)
          .join('');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-e2e-reflow-upload-'));
      const problems: string[] = [];
      try {
        for (const [name, value, heading] of [
          ['wrong.csv', 'about twelve', 'Upload figures from a template'],
          ['filled.csv', '12', 'Check the figures before saving'],
        ] as const) {
          const file = path.join(dir, name);
          fs.writeFileSync(file, fill(value));
          await page.goto(`${base}/upload`);
          await page.locator('main input[type="file"][name="file"]').setInputFiles(file);
          await page.getByRole('button', { name: 'Upload and check' }).click();
          await page.waitForLoadState();
          expect(await page.locator('h1').innerText(), await page.locator('main').innerText()).toBe(
            heading,
          );
          const o = await overflow(page);

          if (o.scrollWidth > o.innerWidth || o.wide.length || o.broken.length) {
            await page.screenshot({
              path: screenshotPath(page, `reflow-upload-${name}`),
              fullPage: true,
            });
            problems.push(
              `${name}: ${o.scrollWidth} px wide; ${[...o.wide, ...o.broken].join('; ')}`,
            );
          }
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await context.close();
      }
      expect(problems).toEqual([]);
    }, 120_000);
  });
}
