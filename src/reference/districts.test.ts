import { describe, expect, it } from 'vitest';
import { Districts, type District } from './districts.js';

const districts = Districts.load();

const CHESHIRE_AND_MERSEYSIDE: readonly District[] = [
  { code: 'E06000049', name: 'Cheshire East', region: 'North West' },
  { code: 'E06000050', name: 'Cheshire West and Chester', region: 'North West' },
  { code: 'E06000006', name: 'Halton', region: 'North West' },
  { code: 'E06000007', name: 'Warrington', region: 'North West' },
  { code: 'E08000011', name: 'Knowsley', region: 'North West' },
  { code: 'E08000012', name: 'Liverpool', region: 'North West' },
  { code: 'E08000013', name: 'St. Helens', region: 'North West' },
  { code: 'E08000014', name: 'Sefton', region: 'North West' },
  { code: 'E08000015', name: 'Wirral', region: 'North West' },
];

describe('Districts.load', () => {
  it('has the 361 local authority districts of December 2023', () => {
    expect(districts.all).toHaveLength(361);
    expect(new Set(districts.all.map((d) => d.code)).size).toBe(361);
  });

  it('reads code, name and region for every district', () => {
    for (const d of districts.all) {
      expect(d.code, d.name).toMatch(/^[ENSW]\d{8}$/);
      expect(d.name, d.code).not.toBe('');
      expect(d.region, d.code).not.toBe('');
    }
  });

  it.each(CHESHIRE_AND_MERSEYSIDE)('has $code $name in the $region', (expected) => {
    expect(districts.has(expected.code)).toBe(true);
    expect(districts.get(expected.code)).toEqual(expected);
    expect(districts.name(expected.code)).toBe(expected.name);
  });

  it('keeps names with commas whole (quoted in the CSV)', () => {
    expect(districts.get('E06000010')).toEqual({
      code: 'E06000010',
      name: 'Kingston upon Hull, City of',
      region: 'Yorkshire and The Humber',
    });
  });

  it('has districts of all four nations', () => {
    const prefixes = new Set(districts.all.map((d) => d.code.charAt(0)));
    expect([...prefixes].sort()).toEqual(['E', 'N', 'S', 'W']);
  });

  it('lists districts alphabetically by name', () => {
    const names = districts.all.map((d) => d.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB')));
  });

  it('answers unknown codes sensibly', () => {
    expect(districts.has('E99999999')).toBe(false);
    expect(districts.get('E99999999')).toBeUndefined();
    expect(districts.name('E99999999')).toBe('E99999999');
    expect(districts.has('e08000012')).toBe(false); // codes are exact
  });
});

describe('Districts.byRegion', () => {
  const groups = districts.byRegion();

  it('puts the nine English regions first, alphabetically, then Wales, Scotland, Northern Ireland', () => {
    expect(groups.map((g) => g.region)).toEqual([
      'East Midlands',
      'East of England',
      'London',
      'North East',
      'North West',
      'South East',
      'South West',
      'West Midlands',
      'Yorkshire and The Humber',
      'Wales',
      'Scotland',
      'Northern Ireland',
    ]);
  });

  it('puts every district in exactly one group, its own region', () => {
    const total = groups.reduce((n, g) => n + g.districts.length, 0);
    expect(total).toBe(361);
    for (const g of groups) for (const d of g.districts) expect(d.region).toBe(g.region);
  });

  it('has the usual number of districts in some regions', () => {
    const count = (region: string) => groups.find((g) => g.region === region)?.districts.length;
    expect(count('North West')).toBe(35);
    expect(count('London')).toBe(33);
    expect(count('Wales')).toBe(22);
    expect(count('Scotland')).toBe(32);
    expect(count('Northern Ireland')).toBe(11);
  });

  it('lists the districts of each region alphabetically', () => {
    for (const g of groups) {
      const names = g.districts.map((d) => d.name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB')));
    }
  });
});

describe('Districts: constructed directly', () => {
  const small = new Districts([
    { code: 'W1', name: 'Zeta', region: 'Wales' },
    { code: 'E2', name: 'beta', region: 'South West' },
    { code: 'N1', name: 'Alpha', region: 'Northern Ireland' },
    { code: 'E1', name: 'Gamma', region: 'East Midlands' },
    { code: 'S1', name: 'Delta', region: 'Scotland' },
  ]);

  it('sorts by name, ignoring case', () => {
    expect(small.all.map((d) => d.name)).toEqual(['Alpha', 'beta', 'Delta', 'Gamma', 'Zeta']);
  });

  it('puts the nations after the English regions even when they sort earlier', () => {
    expect(small.byRegion().map((g) => g.region)).toEqual([
      'East Midlands',
      'South West',
      'Wales',
      'Scotland',
      'Northern Ireland',
    ]);
  });
});
