import { describe, expect, it } from 'vitest';
import { PublishedRevisions, type PublicationHeader } from './revisions.js';

const header = (fyStartYear: number, revision: number): PublicationHeader => ({
  id: `${fyStartYear}-${revision}`,
  fyStartYear,
  revision,
  publishedAt: new Date(Date.UTC(fyStartYear + 1, 4, revision)),
  publishedBy: 'Lead',
  correctionReason: revision > 1 ? 'A figure was wrong' : null,
});

describe('PublishedRevisions', () => {
  // In no particular order, as a query may give them.
  const index = new PublishedRevisions([
    header(2024, 1),
    header(2025, 1),
    header(2024, 3),
    header(2023, 1),
    header(2024, 2),
  ]);

  it('gives the latest revision of each year, latest year first', () => {
    expect(index.latestOfEachYear().map((h) => h.id)).toEqual(['2025-1', '2024-3', '2023-1']);
  });

  it("gives a year's revisions latest first, and nothing for a year not published", () => {
    expect(index.revisions(2024).map((h) => h.revision)).toEqual([3, 2, 1]);
    expect(index.revisions(2022)).toEqual([]);
  });

  it('finds the latest revision of a year, or the one asked for', () => {
    expect(index.find(2024)?.id).toBe('2024-3');
    expect(index.find(2024, 2)?.id).toBe('2024-2');
    expect(index.find(2024, 4)).toBeUndefined();
    expect(index.find(2026)).toBeUndefined();
  });

  it('knows when nothing is published', () => {
    expect(new PublishedRevisions([]).empty).toBe(true);
    expect(new PublishedRevisions([]).latestOfEachYear()).toEqual([]);
    expect(index.empty).toBe(false);
  });
});
