import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../core/framework/catalogue.js';
import { sectionsFor } from '../core/framework/sections.js';
import { evidenceNote, NOTES } from './notes.js';

const every = [...sectionsFor(CATALOGUE, 'annual'), ...sectionsFor(CATALOGUE, 'quarterly')].flatMap(
  (s) => s.items.map((item) => ({ item, pillar: s.pillar, note: evidenceNote(item, s.pillar) })),
);

describe('the demonstration’s evidence notes', () => {
  it('speak of the ledger only beside money, and of money only from the ledger', () => {
    for (const { item, note } of every)
      expect(note === NOTES.ledger, item.id).toBe(item.unit === '£');
  });

  it('speak of the HR system only beside workforce figures', () => {
    for (const { item, pillar, note } of every)
      if (note === NOTES.hr) expect(pillar, item.id).toBe('workforce');
  });

  it('speak of energy, waste and carbon only beside figures measured in them', () => {
    for (const { item, note } of every)
      if (note === NOTES.carbon)
        expect(['tCO2e', 'kWh', 'tonnes', 'm³'], item.id).toContain(item.unit);
    expect(every.filter((e) => e.note === NOTES.carbon).length).toBeGreaterThan(0);
  });
});
