/**
 * The annual report of a published year (issue 13, decision 034), for a partnership or one of
 * its organisations: the figures from the stored snapshot of the year (and of the years before
 * it, for the trends; decision 033), the charter's pledges, the joint initiatives and the public
 * answers to suggestions and local priorities as recorded when the figures were published, and
 * the methodology page's texts. The content is built by core/report/content.ts; the printable
 * page and the PDF (core/report/pdf.ts) are drawn from it.
 *
 * A PDF takes a moment to draw, so: at most two are drawn at once in a process (the others wait
 * their turn), the drawing gives way to other requests between blocks, and the last few drawn
 * are kept in memory by their content (the same content is the same PDF).
 */
import { createHash } from 'node:crypto';
import { notFound } from '../../core/errors.js';
import { pillarTitle } from '../../core/pillars.js';
import { publicInitiative } from '../../core/registers/initiative-public.js';
import {
  annualReport,
  type AnswerIn,
  type ReportInput,
  type VoiceIn,
} from '../../core/report/content.js';
import type { ReportDocument } from '../../core/report/model.js';
import { reportPdf } from '../../core/report/pdf.js';
import type { Partnership } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { isSuggestion, type AnswerRow } from '../consultation/consultation.service.js';
import { prioritiesService } from '../priorities/priorities.service.js';
import { methodologyPage } from '../publishing/publishing.pages.js';
import { yearParam } from '../publishing/publishing.service.js';
import { reportFonts } from './fonts.js';

export const reportPath = (slug: string, fy: number, organisationId?: string | null) =>
  `/p/${slug}/reports/${yearParam(fy)}${organisationId ? `/organisations/${organisationId}` : ''}`;

/** How many PDFs a process draws at once, and how many it keeps. */
const DRAWING_AT_ONCE = 2;
const KEPT = 16;

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function answerOf(a: AnswerRow | null, commitments: ReadonlyMap<string, string>): AnswerIn | null {
  if (!a) return null;
  return {
    kind: a.kind,
    reason: a.reason,
    answeredAt: a.answered_at,
    commitments: a.commitment_keys.map((k) => {
      const title = commitments.get(k);
      return `Commitment ${k}${title ? ` ${title}` : ''}`;
    }),
    indicatorCodes: [...a.indicator_codes],
    initiativeIds: [...a.initiative_ids],
  };
}

export class ReportsService {
  readonly #deps: Deps;
  #drawing = 0;
  readonly #waiting: (() => void)[] = [];
  /** PDFs drawn, by the hash of their content, most recently used last. */
  readonly #kept = new Map<string, Buffer>();

  constructor(deps: Deps) {
    this.#deps = deps;
  }

  /**
   * What the report is made from: undefined when the year is not published, or when the
   * organisation is not one of those the publication names.
   */
  async input(
    partnership: Partnership,
    fyStartYear: number,
    organisationId: string | null = null,
  ): Promise<ReportInput | undefined> {
    const deps = this.#deps;
    const pid = partnership.id;
    const publication = await deps.publishing.publication(pid, fyStartYear);
    if (!publication) return undefined;
    const s = publication.snapshot;
    if (organisationId !== null && !s.organisations.some((o) => o.id === organisationId))
      return undefined;
    const publishedDay = dayOf(publication.publishedAt);
    const [years, versions, pledges, initiatives, consulted, priorities, livingWage, factorSets] =
      await Promise.all([
        deps.publishing.latestOfEachYear(pid),
        deps.charter.versions(pid),
        deps.charter.pledges(pid),
        deps.initiatives.list(pid),
        deps.consultation.consulted(pid),
        prioritiesService(deps).list(pid, { states: ['published'] }),
        deps.livingWage.rates(),
        deps.publishing.factorSets(),
      ]);
    // The charter as it stood when the figures were published: the latest version adopted by then.
    const adopted = versions
      .filter((v) => v.adopted_on !== null && v.adopted_on <= publishedDay)
      .sort((a, b) => b.number - a.number)[0];
    const adoptedText = adopted ? await deps.charter.version(pid, adopted.id) : undefined;
    const commitments = new Map(
      (adoptedText?.items ?? [])
        .filter((i) => i.kind === 'commitment')
        .map((i) => [i.key, i.title]),
    );

    const suggestions: VoiceIn[] = [];
    for (const version of consulted) {
      const [text, responses] = await Promise.all([
        deps.charter.version(pid, version.id),
        deps.consultation.responses(pid, version.id, { states: ['published'] }),
      ]);
      const titles = new Map((text?.items ?? []).map((i) => [i.key, i.title]));
      for (const r of responses.filter(isSuggestion)) {
        const itemTitle = r.item_key ? titles.get(r.item_key) : undefined;
        const about = r.item_key
          ? `commitment ${r.item_key}${itemTitle ? ` ${itemTitle}` : ''} (version ${version.number} of the charter)`
          : `a new commitment under ${pillarTitle(r.pillar ?? '').toLowerCase()} (version ${version.number} of the charter)`;
        suggestions.push({
          title:
            r.title ??
            `A change to ${r.item_key ?? 'the charter'}${itemTitle ? ` ${itemTitle}` : ''}`,
          text: r.amendment || r.comment,
          about,
          by: r.display_name ?? 'Anonymous',
          raisedAt: r.created_at,
          answer: answerOf(r.answer, titles),
        });
      }
    }

    const methodology = methodologyPage(partnership, s.indicators, '', {
      livingWage,
      factorSets,
    });
    return {
      publication,
      years: years.map((y) => ({ fyStartYear: y.fyStartYear, snapshot: y.snapshot })),
      organisationId,
      areaNames: partnership.local_area.map((c) => deps.districts.name(c)),
      charter: adopted ? { number: adopted.number, adoptedOn: adopted.adopted_on } : null,
      pledges: pledges
        .filter((p) => p.created_at.getTime() <= publication.publishedAt.getTime())
        .map((p) => {
          const title = commitments.get(p.commitment_key);
          return {
            organisationId: p.organisation_id,
            organisationName: p.organisation_name,
            commitment: `${p.commitment_key}${title ? ` ${title}` : ' (no longer in the adopted charter)'}`,
            pledge: p.pledge,
            indicatorCode: p.indicator_code,
            targetValue: p.target_value === null ? null : Number(p.target_value),
            targetText: p.target_text,
            dueOn: p.due_on,
            withdrawnOn: p.withdrawn_on,
            withdrawnReason: p.withdrawn_reason,
          };
        }),
      // As published with the year; for a publication made before the snapshot held them, the
      // register's public facts today. The money pooled is published in L2, not here.
      initiatives: s.initiatives ?? initiatives.map((i) => publicInitiative(i, false)),
      initiativesAsPublished: s.initiatives !== undefined,
      suggestions,
      priorities: priorities.map((p) => ({
        title: p.title,
        text: p.description,
        about: `${p.area ? deps.districts.name(p.area) : 'the whole area'}, ${pillarTitle(p.pillar).toLowerCase()}`,
        by: p.display_name ?? 'Anonymous',
        raisedAt: p.created_at,
        answer: answerOf(p.answer, commitments),
      })),
      methodology: {
        rules: methodology.rules,
        imd: methodology.imd,
        livingWage: methodology.livingWage,
        factorSets: methodology.factorSets,
      },
      demo: partnership.is_demo,
      // Only the address the service is configured to be reached at (PUBLIC_URL): a report kept
      // or printed must not send its reader to this machine's own name.
      ...(deps.config.publicUrl
        ? {
            webAddress: `${deps.config.publicUrl}${reportPath(partnership.slug, fyStartYear, organisationId)}`,
          }
        : {}),
    };
  }

  /** The report's content, or NOT_FOUND. */
  async document(
    partnership: Partnership,
    fyStartYear: number,
    organisationId: string | null = null,
  ): Promise<{ input: ReportInput; document: ReportDocument }> {
    const input = await this.input(partnership, fyStartYear, organisationId);
    if (!input) throw notFound();
    return { input, document: annualReport(input) };
  }

  /** The report as a PDF: drawn when its content is new, in turn with the others being drawn. */
  async pdf(document: ReportDocument): Promise<Buffer> {
    const key = createHash('sha256')
      .update(JSON.stringify({ ...document, publishedAt: document.publishedAt.toISOString() }))
      .digest('hex');
    const kept = this.#kept.get(key);
    if (kept) {
      this.#kept.delete(key);
      this.#kept.set(key, kept);
      return kept;
    }
    await this.#turn();
    try {
      const pdf = await reportPdf(document, reportFonts());
      this.#kept.set(key, pdf);
      for (const k of this.#kept.keys()) {
        if (this.#kept.size <= KEPT) break;
        this.#kept.delete(k);
      }
      return pdf;
    } finally {
      // The turn passes to the next one waiting, or is given back.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#drawing--;
    }
  }

  /** Waits until fewer than DRAWING_AT_ONCE PDFs are being drawn (or one hands over its turn). */
  async #turn(): Promise<void> {
    if (this.#drawing < DRAWING_AT_ONCE) {
      this.#drawing++;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
}

/** One service per set of dependencies (the app's, the command line's). */
const services = new WeakMap<Deps, ReportsService>();
export function reportsService(deps: Deps): ReportsService {
  let s = services.get(deps);
  if (!s) services.set(deps, (s = new ReportsService(deps)));
  return s;
}
