/**
 * Where a text or file of `length` units is cut into the chunks it is read in, from arbitrary
 * numbers (a property test's): the ranges [start, end) in order, none cut before `first` (so that
 * a first chunk holds at least that many units). Cuts fall anywhere: inside "", between CR and LF,
 * inside a character's bytes.
 */
export function cutRanges(length: number, cuts: readonly number[], first = 0): [number, number][] {
  const at = [...new Set(cuts.map((c) => c % (length + 1)))]
    .filter((c) => c >= first)
    .sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  let prev = 0;
  for (const c of at) {
    ranges.push([prev, c]);
    prev = c;
  }
  ranges.push([prev, length]);
  return ranges;
}
