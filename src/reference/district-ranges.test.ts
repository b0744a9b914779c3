import { describe, expect, it } from 'vitest';
import { DistrictRanges } from './geography.js';

describe('the district ranges', () => {
  const ranges = DistrictRanges.shared();

  it('are read when a postcode is first looked up, not before, and once', () => {
    expect(ranges.loaded).toBe(false);
    expect(DistrictRanges.shared()).toBe(ranges);
    expect(ranges.lookup('L15HE')).toBe('E08000012');
    expect(ranges.loaded).toBe(true);
  });

  it('place a postcode in its district', () => {
    expect(ranges.lookup('L15HE')).toBe('E08000012');
    expect(ranges.lookup('CH11EB')).toBe('E06000050');
  });

  it('place no postcode outside every range’s area: ZZ99 9ZZ (no fixed abode) is nowhere', () => {
    expect(ranges.lookup('ZZ999ZZ')).toBeNull();
  });
});
