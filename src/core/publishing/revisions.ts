/**
 * The revisions a partnership has published, without their figures: which is the latest of each
 * year, every revision of a year, one revision by number. Read in one query (with the public
 * partnership itself on public pages), then answered from memory.
 */

/** A publication's header: everything but its snapshot. */
export interface PublicationHeader {
  readonly id: string;
  readonly fyStartYear: number;
  readonly revision: number;
  readonly publishedAt: Date;
  readonly publishedBy: string;
  readonly correctionReason: string | null;
}

export class PublishedRevisions {
  /** Latest year first, and within a year the latest revision first. */
  readonly #all: readonly PublicationHeader[];

  constructor(headers: readonly PublicationHeader[]) {
    this.#all = [...headers].sort(
      (a, b) => b.fyStartYear - a.fyStartYear || b.revision - a.revision,
    );
  }

  get empty(): boolean {
    return this.#all.length === 0;
  }

  /** The latest revision of every published year, latest year first. */
  latestOfEachYear(): PublicationHeader[] {
    return this.#all.filter((h, i) => i === 0 || this.#all[i - 1]!.fyStartYear !== h.fyStartYear);
  }

  /** Every revision of a year, latest first. */
  revisions(fyStartYear: number): PublicationHeader[] {
    return this.#all.filter((h) => h.fyStartYear === fyStartYear);
  }

  /** A year's latest revision, or the one asked for; undefined when there is none. */
  find(fyStartYear: number, revision?: number): PublicationHeader | undefined {
    return this.#all.find(
      (h) => h.fyStartYear === fyStartYear && (revision === undefined || h.revision === revision),
    );
  }
}
