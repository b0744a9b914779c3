/**
 * The small decisions of laying the report out on A4 that can be worked out without a PDF:
 * how wide each column of a table is, whether a chart's table fits beside it, how a line of the
 * page's header is shortened to fit. Pure.
 */

/**
 * Column widths as a browser's automatic table layout gives them: each column's natural width
 * (its widest cell on one line) when they all fit, with the room left shared in proportion;
 * otherwise each column gets at least its longest word, and the rest of the room is shared in
 * proportion to how much more each would like.
 */
export function columnWidths(
  natural: readonly number[],
  minimum: readonly number[],
  total: number,
): number[] {
  const n = natural.length;
  if (n === 0) return [];
  const nat = natural.map((w, i) => Math.max(w, minimum[i] ?? 0, 1));
  const min = minimum.map((w, i) => Math.min(Math.max(w, 1), nat[i] ?? w));
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const sumNat = sum(nat);
  const sumMin = sum(min);
  if (sumNat <= total) return nat.map((w) => (w * total) / sumNat);
  if (sumMin >= total) return min.map((w) => (w * total) / sumMin);
  const share = (total - sumMin) / (sumNat - sumMin);
  return nat.map((w, i) => (min[i] ?? 0) + (w - (min[i] ?? 0)) * share);
}

/** Text cut to at most `max` characters with an ellipsis, at a word where it can be. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, Math.max(1, max - 1)).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "Page 3 of 12". */
export const pageLabel = (page: number, pages: number) => `Page ${page} of ${pages}`;
