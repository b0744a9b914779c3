/**
 * The demonstration partnership's environment data: three financial years (2023/24 to 2025/26) of
 * activity data for every demo organisation, entered as an organisation lead would, so that E1–E6
 * and the net-zero paths show. Also the scope 1 and 2 factors of 2023, 2024 and 2025 that SPEC §4
 * quotes from the government's published tables (UK grid electricity 0.20707, 0.20705 and 0.17700
 * kg CO2e/kWh; natural gas 0.18293 in 2023), entered by hand as a platform administrator would,
 * because the shipped files have no scope 1 or 2 rows for those years.
 */
import type { Partnership } from '../db/schema.js';
import type { Deps } from '../deps.js';
import type { AuditActor } from '../features/audit/audit.repo.js';
import { record } from '../features/carbon/activity.service.js';
import { findOrganisationByCode } from '../features/tenancy/tenancy.repo.js';

const HAND_SETS = [
  {
    year: 2023,
    factors: [
      { activity: 'electricity', part: 0, kgCO2ePerUnit: '0.20707' },
      { activity: 'gas', part: 0, kgCO2ePerUnit: '0.18293' },
    ],
  },
  { year: 2024, factors: [{ activity: 'electricity', part: 0, kgCO2ePerUnit: '0.20705' }] },
  { year: 2025, factors: [{ activity: 'electricity', part: 0, kgCO2ePerUnit: '0.177' }] },
] as const;

/** A year's quantities for each organisation in 2023/24; later years fall by the rate given. */
const PROFILES: Record<string, { fall: number; quantities: Record<string, number> }> = {
  'DEMO-MVH': {
    fall: 0.06,
    quantities: {
      electricity: 21_500_000,
      'electricity-renewable': 6_000_000,
      gas: 48_000_000,
      'fuel-oil': 150_000,
      'fleet-diesel': 42_000,
      'travel-car-km': 610_000,
      'travel-rail': 95_000,
      'water-supply': 210_000,
      'water-treatment': 210_000,
      'waste-recycling': 820,
      'waste-energy-recovery': 640,
      'waste-landfill': 120,
      'waste-clinical-incineration': 410,
      'waste-alternative-treatment': 380,
      'desflurane-litres': 48,
      'sevoflurane-litres': 310,
      'isoflurane-litres': 12,
      'nitrous-oxide-litres': 2_400_000,
    },
  },
  'DEMO-RBC': {
    fall: 0.04,
    quantities: {
      electricity: 9_800_000,
      'electricity-renewable': 4_900_000,
      gas: 14_500_000,
      'fleet-diesel': 310_000,
      'fleet-petrol': 22_000,
      'travel-car-km': 820_000,
      'water-supply': 61_000,
      'water-treatment': 61_000,
      'waste-recycling': 540,
      'waste-energy-recovery': 380,
      'waste-landfill': 95,
    },
  },
  'DEMO-UME': {
    fall: 0.05,
    quantities: {
      electricity: 14_200_000,
      'electricity-renewable': 14_200_000,
      gas: 22_000_000,
      'travel-car-km': 240_000,
      'travel-rail': 410_000,
      'water-supply': 98_000,
      'water-treatment': 98_000,
      'waste-recycling': 460,
      'waste-energy-recovery': 300,
      'waste-landfill': 40,
    },
  },
  'DEMO-WVH': {
    fall: 0.03,
    quantities: {
      electricity: 1_100_000,
      gas: 2_300_000,
      'fleet-van-km': 690_000,
      'water-supply': 8_000,
      'water-treatment': 8_000,
      'waste-recycling': 60,
      'waste-landfill': 35,
    },
  },
  'DEMO-NCF': {
    fall: 0.02,
    quantities: {
      electricity: 2_600_000,
      gas: 5_100_000,
      'fleet-diesel': 390_000,
      'water-supply': 21_000,
      'water-treatment': 21_000,
      'waste-recycling': 70,
      'waste-landfill': 30,
    },
  },
  'DEMO-SHC': {
    fall: 0.04,
    quantities: {
      electricity: 3_400_000,
      'electricity-renewable': 800_000,
      gas: 4_900_000,
      'travel-car-km': 60_000,
      'water-supply': 18_000,
      'water-treatment': 18_000,
      'waste-recycling': 110,
      'waste-landfill': 45,
    },
  },
};

export async function seedDemoCarbon(deps: Deps, partnership: Partnership, actor: AuditActor) {
  const existing = new Set((await deps.carbonFactors.list()).map((s) => s.name));
  for (const set of HAND_SETS) {
    const name = `${set.year} scope 1 and 2 factors (UK Government conversion factors ${set.year}, entered by hand)`;
    if (existing.has(name)) continue;
    await deps.carbonFactors.enterByHand(
      {
        year: set.year,
        name,
        note: `DESNZ, Greenhouse gas reporting: conversion factors ${set.year}`,
        factors: set.factors.map((f) => ({ ...f })),
      },
      actor,
    );
  }
  for (const [code, profile] of Object.entries(PROFILES)) {
    const organisation = await findOrganisationByCode(deps.database.db, partnership.id, code);
    if (!organisation) continue;
    for (const [i, fyStartYear] of [2023, 2024, 2025].entries()) {
      const scale = (1 - profile.fall) ** i;
      await record(deps.database.db, {
        partnershipId: partnership.id,
        organisationId: organisation.id,
        fyStartYear,
        quantities: Object.entries(profile.quantities).map(([activity, q]) => ({
          activity,
          quantity: String(Math.round(q * scale)),
        })),
        source: 'manual',
        sourceDetail: 'demonstration figures',
        actor,
      });
    }
  }
}
