import { describe, expect, it } from 'vitest';
import { columnWidths, pageLabel, shorten } from './layout.js';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('laying the report out', () => {
  it('gives columns their natural widths when they fit, sharing the rest in proportion', () => {
    const w = columnWidths([100, 50], [20, 20], 300);
    expect(sum(w)).toBeCloseTo(300);
    expect(w[0]! / w[1]!).toBeCloseTo(2);
  });

  it('gives each column at least its longest word when they do not fit', () => {
    const w = columnWidths([400, 400, 60], [80, 40, 60], 300);
    expect(sum(w)).toBeCloseTo(300);
    expect(w[0]).toBeGreaterThanOrEqual(80);
    expect(w[1]).toBeGreaterThanOrEqual(40);
    expect(w[2]).toBeCloseTo(60);
  });

  it('shares the room by the longest words when even they do not fit', () => {
    const w = columnWidths([500, 500], [300, 100], 200);
    expect(w).toEqual([150, 50]);
    expect(columnWidths([], [], 100)).toEqual([]);
  });

  it('shortens a running header at a word, and numbers pages', () => {
    expect(shorten('Walton Partnership: annual report', 100)).toBe(
      'Walton Partnership: annual report',
    );
    expect(shorten('Walton Partnership: annual report 2025/26', 25)).toBe('Walton Partnership:…');
    expect(Array.from(shorten('x'.repeat(50), 10))).toHaveLength(10);
    expect(pageLabel(3, 12)).toBe('Page 3 of 12');
  });
});
