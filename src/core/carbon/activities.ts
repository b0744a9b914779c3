/**
 * The activity catalogue: what an organisation records about its energy, fuel, travel, water,
 * waste and anaesthetic gases, each in one unit, and which conversion-factor row turns it into
 * emissions. A factor is named by its place in the government's flat file (scope, levels, column
 * text, unit) and, as an alternative, by its row in the NHS SDU series (category and name), so the
 * same activity finds its factor in any year's set. The first match listed is the preferred one.
 *
 * An activity can have more than one part: electricity bought is scope 2 (generation) and scope 3
 * (transmission and distribution losses). Which indicator a part feeds follows from its scope:
 * scope 1 and 2 feed E1, scope 3 feeds E6, and anaesthetic gases (scope 1) also feed E5.
 *
 * Pure data: no I/O.
 */

export type Scope = 1 | 2 | 3;
export type CarbonIndicator = 'E1' | 'E5' | 'E6';

/** A factor row, named by the fields that identify it (others may be anything). */
export interface FactorMatch {
  readonly scope: string;
  readonly level1: string;
  readonly level2?: string;
  readonly level3?: string;
  readonly level4?: string;
  readonly columnText?: string;
  readonly uom: string;
}

export interface EmissionPart {
  /** What the part is, as shown beside its figure ("generation", "transmission losses"). */
  readonly label: string;
  readonly scope: Scope;
  /** Alternatives, preferred first: a government flat-file row, then the NHS series row. */
  readonly factor: readonly FactorMatch[];
}

export type ActivityGroup =
  'electricity' | 'gas' | 'fuels' | 'fleet' | 'travel' | 'water' | 'waste' | 'anaesthetic';

export interface ActivityDefinition {
  readonly code: string;
  readonly group: ActivityGroup;
  readonly label: string;
  /** The unit the quantity is recorded in, as people write it. */
  readonly unit: string;
  readonly hint?: string;
  /** Emission parts; empty for quantities recorded only for a share (renewable electricity). */
  readonly parts: readonly EmissionPart[];
  /** For E3 and E4: what the quantity counts towards. */
  readonly share?: 'electricity-total' | 'electricity-renewable' | 'waste-total' | 'waste-recycled';
}

export const ACTIVITY_GROUPS: Readonly<Record<ActivityGroup, string>> = {
  electricity: 'Electricity',
  gas: 'Gas',
  fuels: 'Other fuels',
  fleet: 'Fleet (the organisation’s own vehicles)',
  travel: 'Business travel',
  water: 'Water',
  waste: 'Waste',
  anaesthetic: 'Anaesthetic gases',
};

const sdu = (scope: string, level1: string, level2: string, uom: string): FactorMatch => ({
  scope,
  level1,
  level2,
  uom,
});

const fuel = (level2: string, level3: string, uom: string): FactorMatch => ({
  scope: 'Scope 1',
  level1: 'Fuels',
  level2,
  level3,
  uom,
});

const waste = (level2: string, level3: string, columnTexts: readonly string[]): FactorMatch[] =>
  columnTexts.map((columnText) => ({
    scope: 'Scope 3',
    level1: 'Waste disposal',
    level2,
    level3,
    columnText,
    uom: 'tonnes',
  }));

const anaestheticLitres = (gas: string): FactorMatch =>
  sdu('Scope 1', 'Anaesthetic Gases', gas, 'litre');
const anaestheticKg = (gas: string): FactorMatch => ({
  scope: 'Scope 1',
  level1: 'Anaesthetic gases',
  level2: gas,
  uom: 'kg',
});

export const ACTIVITIES: readonly ActivityDefinition[] = [
  {
    code: 'electricity',
    group: 'electricity',
    label: 'Electricity bought',
    unit: 'kWh',
    hint: 'All electricity bought from the grid, including on a renewable tariff.',
    share: 'electricity-total',
    parts: [
      {
        label: 'generation',
        scope: 2,
        factor: [
          {
            scope: 'Scope 2',
            level1: 'UK electricity',
            level2: 'Electricity generated',
            level3: 'Electricity: UK',
            uom: 'kWh',
          },
          sdu('Scope 2', 'Electricity generated', 'Electricity: UK', 'kWh'),
        ],
      },
      {
        label: 'transmission and distribution losses',
        scope: 3,
        factor: [
          {
            scope: 'Scope 3',
            level1: 'Transmission and distribution',
            level2: 'T&D- UK electricity',
            level3: 'Electricity: UK',
            uom: 'kWh',
          },
          sdu('Scope 3', 'T&D- UK electricity', 'Electricity: UK TD', 'kWh'),
        ],
      },
    ],
  },
  {
    code: 'electricity-renewable',
    group: 'electricity',
    label: 'of which on a renewable tariff or generated on site from renewables',
    unit: 'kWh',
    hint: 'Part of the electricity above. Emissions use the grid factor whatever the tariff (location-based), so this counts only towards the renewable share (E3).',
    share: 'electricity-renewable',
    parts: [],
  },
  {
    code: 'gas',
    group: 'gas',
    label: 'Natural gas',
    unit: 'kWh (gross CV)',
    hint: 'As on gas bills, in kilowatt hours on the gross calorific value.',
    parts: [
      {
        label: 'combustion',
        scope: 1,
        factor: [
          fuel('Gaseous fuels', 'Natural gas', 'kWh (Gross CV)'),
          sdu('Scope 1', 'Gaseous fuels', 'Natural gas', 'kWh'),
        ],
      },
    ],
  },
  {
    code: 'heat-steam',
    group: 'gas',
    label: 'Heat and steam bought',
    unit: 'kWh',
    parts: [
      {
        label: 'heat and steam',
        scope: 2,
        factor: [
          {
            scope: 'Scope 2',
            level1: 'Heat and steam',
            level2: 'Heat and steam',
            level3: 'District heat and steam',
            uom: 'kWh',
          },
          sdu('Scope 2', 'Heat and steam', 'District heat and steam', 'kWh'),
        ],
      },
    ],
  },
  {
    code: 'fuel-oil',
    group: 'fuels',
    label: 'Fuel oil',
    unit: 'kWh (gross CV)',
    parts: [
      {
        label: 'combustion',
        scope: 1,
        factor: [
          fuel('Liquid fuels', 'Fuel oil', 'kWh (Gross CV)'),
          sdu('Scope 1', 'Liquid fuels', 'Fuel oil', 'kWh'),
        ],
      },
    ],
  },
  {
    code: 'burning-oil',
    group: 'fuels',
    label: 'Burning oil (kerosene)',
    unit: 'litres',
    parts: [
      {
        label: 'combustion',
        scope: 1,
        factor: [fuel('Liquid fuels', 'Burning oil', 'litres')],
      },
    ],
  },
  {
    code: 'lpg',
    group: 'fuels',
    label: 'LPG',
    unit: 'litres',
    parts: [{ label: 'combustion', scope: 1, factor: [fuel('Gaseous fuels', 'LPG', 'litres')] }],
  },
  {
    code: 'coal',
    group: 'fuels',
    label: 'Coal (industrial)',
    unit: 'kWh (gross CV)',
    parts: [
      {
        label: 'combustion',
        scope: 1,
        factor: [
          fuel('Solid fuels', 'Coal (industrial)', 'kWh (Gross CV)'),
          sdu('Scope 1', 'Solid fuels', 'Coal (industrial)', 'kWh'),
        ],
      },
    ],
  },
  {
    code: 'biomass',
    group: 'fuels',
    label: 'Biomass (wood chips)',
    unit: 'kWh',
    hint: 'Only the methane and nitrous oxide count: the carbon dioxide is outside the scopes.',
    parts: [
      {
        label: 'combustion (methane and nitrous oxide)',
        scope: 1,
        factor: [
          {
            scope: 'Scope 1',
            level1: 'Bioenergy',
            level2: 'Biomass',
            level3: 'Wood chips',
            uom: 'kWh',
          },
        ],
      },
    ],
  },
  {
    code: 'fleet-diesel',
    group: 'fleet',
    label: 'Diesel used by the fleet',
    unit: 'litres',
    parts: [
      {
        label: 'fuel',
        scope: 1,
        factor: [
          fuel('Liquid fuels', 'Diesel (average biofuel blend)', 'litres'),
          sdu('Scope 1', 'Liquid fuels', 'Diesel direct', 'litres'),
        ],
      },
    ],
  },
  {
    code: 'fleet-petrol',
    group: 'fleet',
    label: 'Petrol used by the fleet',
    unit: 'litres',
    parts: [
      {
        label: 'fuel',
        scope: 1,
        factor: [
          fuel('Liquid fuels', 'Petrol (average biofuel blend)', 'litres'),
          sdu('Scope 1', 'Liquid fuels', 'Petrol direct', 'litres'),
        ],
      },
    ],
  },
  {
    code: 'fleet-car-km',
    group: 'fleet',
    label: 'Fleet cars, distance (where fuel is not known)',
    unit: 'km',
    parts: [
      {
        label: 'average car',
        scope: 1,
        factor: [
          {
            scope: 'Scope 1',
            level1: 'Passenger vehicles',
            level2: 'Cars (by size)',
            level3: 'Average car',
            columnText: 'Unknown',
            uom: 'km',
          },
        ],
      },
    ],
  },
  {
    code: 'fleet-van-km',
    group: 'fleet',
    label: 'Fleet vans (diesel), distance',
    unit: 'km',
    parts: [
      {
        label: 'average van up to 3.5 tonnes',
        scope: 1,
        factor: [
          {
            scope: 'Scope 1',
            level1: 'Delivery vehicles',
            level2: 'Vans',
            level3: 'Average (up to 3.5 tonnes)',
            columnText: 'Diesel',
            uom: 'km',
          },
        ],
      },
    ],
  },
  {
    code: 'travel-car-km',
    group: 'travel',
    label: 'Staff’s own cars on business',
    unit: 'km',
    parts: [
      {
        label: 'average car',
        scope: 3,
        factor: [
          {
            scope: 'Scope 3',
            level1: 'Business travel- land',
            level2: 'Cars (by size)',
            level3: 'Average car',
            columnText: 'Unknown',
            uom: 'km',
          },
          sdu('Scope 3', 'Cars (by size)', 'Car average size', 'km'),
        ],
      },
    ],
  },
  {
    code: 'travel-rail',
    group: 'travel',
    label: 'Rail',
    unit: 'passenger km',
    parts: [
      {
        label: 'national rail',
        scope: 3,
        factor: [
          {
            scope: 'Scope 3',
            level1: 'Business travel- land',
            level2: 'Rail',
            level3: 'National rail',
            uom: 'passenger.km',
          },
          sdu('Scope 3', 'Rail', 'National rail', 'km'),
        ],
      },
    ],
  },
  {
    code: 'travel-bus',
    group: 'travel',
    label: 'Bus',
    unit: 'passenger km',
    parts: [
      {
        label: 'average local bus',
        scope: 3,
        factor: [
          {
            scope: 'Scope 3',
            level1: 'Business travel- land',
            level2: 'Bus',
            level3: 'Average local bus',
            uom: 'passenger.km',
          },
          sdu('Scope 3', 'Bus', 'Local Bus', 'pkm'),
        ],
      },
    ],
  },
  {
    code: 'travel-taxi',
    group: 'travel',
    label: 'Taxi',
    unit: 'km',
    parts: [
      {
        label: 'regular taxi',
        scope: 3,
        factor: [
          {
            scope: 'Scope 3',
            level1: 'Business travel- land',
            level2: 'Taxis',
            level3: 'Regular taxi',
            uom: 'km',
          },
          sdu('Scope 3', 'Taxi', 'Taxi', 'km'),
        ],
      },
    ],
  },
  {
    code: 'water-supply',
    group: 'water',
    label: 'Water supplied',
    unit: 'm³',
    parts: [
      {
        label: 'supply',
        scope: 3,
        factor: [
          {
            scope: 'Scope 3',
            level1: 'Water supply',
            level2: 'Water supply',
            level3: 'Water supply',
            uom: 'cubic metres',
          },
          sdu('Scope 3', 'Water supply', 'Water supply', 'cubic metres'),
        ],
      },
    ],
  },
  {
    code: 'water-treatment',
    group: 'water',
    label: 'Waste water treated',
    unit: 'm³',
    hint: 'Usually the same as the water supplied, unless the bills say otherwise.',
    parts: [
      {
        label: 'treatment',
        scope: 3,
        factor: [
          {
            scope: 'Scope 3',
            level1: 'Water treatment',
            level2: 'Water treatment',
            level3: 'Water treatment',
            uom: 'cubic metres',
          },
          sdu('Scope 3', 'Water treatment', 'Water treatment', 'cubic metres'),
        ],
      },
    ],
  },
  {
    code: 'waste-recycling',
    group: 'waste',
    label: 'Waste recycled or prepared for reuse',
    unit: 'tonnes',
    share: 'waste-recycled',
    parts: [
      {
        label: 'recycling',
        scope: 3,
        factor: [
          ...waste('Paper', 'Paper and board: mixed', ['Closed-loop']),
          sdu('Scope 3', 'Waste Recycling', 'Most common factor:', 'tonnes'),
        ],
      },
    ],
  },
  {
    code: 'waste-energy-recovery',
    group: 'waste',
    label: 'Waste incinerated with energy recovery',
    unit: 'tonnes',
    share: 'waste-total',
    parts: [
      {
        label: 'incineration with energy recovery',
        scope: 3,
        factor: [
          ...waste('Refuse', 'Commercial and industrial waste', [
            'Combustion',
            'Incineration with Energy Recovery',
          ]),
          sdu(
            'Scope 3',
            'High Temperature Disposal Waste with Energy Recovery',
            'High Temperature Disposal Waste with Energy Recovery',
            'tonnes',
          ),
        ],
      },
    ],
  },
  {
    code: 'waste-landfill',
    group: 'waste',
    label: 'Waste sent to landfill',
    unit: 'tonnes',
    share: 'waste-total',
    parts: [
      {
        label: 'landfill',
        scope: 3,
        factor: [
          ...waste('Refuse', 'Commercial and industrial waste', ['Landfill']),
          sdu('Scope 3', 'Landfill disposal waste', 'Landfill weighted average', 'tonnes'),
        ],
      },
    ],
  },
  {
    code: 'waste-clinical-incineration',
    group: 'waste',
    label: 'Clinical and hazardous waste incinerated at high temperature',
    unit: 'tonnes',
    share: 'waste-total',
    parts: [
      {
        label: 'high-temperature incineration',
        scope: 3,
        factor: [
          sdu(
            'Scope 3',
            'High Temperature Disposal Waste',
            'High Temperature Disposal Waste',
            'tonnes',
          ),
        ],
      },
    ],
  },
  {
    code: 'waste-alternative-treatment',
    group: 'waste',
    label: 'Clinical waste given alternative (non-burn) treatment',
    unit: 'tonnes',
    share: 'waste-total',
    parts: [
      {
        label: 'non-burn treatment',
        scope: 3,
        factor: [
          sdu(
            'Scope 3',
            'Non Burn Treatment Disposal Waste',
            'Non Burn Treatment Disposal Waste',
            'tonnes',
          ),
        ],
      },
    ],
  },
  ...(
    [
      ['desflurane', 'Desflurane'],
      ['sevoflurane', 'Sevoflurane'],
      ['isoflurane', 'Isoflurane'],
    ] as const
  ).flatMap(([code, name]): ActivityDefinition[] => [
    {
      code: `${code}-litres`,
      group: 'anaesthetic',
      label: `${name} (liquid)`,
      unit: 'litres',
      parts: [{ label: name.toLowerCase(), scope: 1, factor: [anaestheticLitres(name)] }],
    },
    {
      code: `${code}-kg`,
      group: 'anaesthetic',
      label: `${name} (by weight)`,
      unit: 'kg',
      parts: [{ label: name.toLowerCase(), scope: 1, factor: [anaestheticKg(name)] }],
    },
  ]),
  {
    code: 'nitrous-oxide-litres',
    group: 'anaesthetic',
    label: 'Nitrous oxide (gas, including Entonox’s share)',
    unit: 'litres',
    parts: [{ label: 'nitrous oxide', scope: 1, factor: [anaestheticLitres('Nitrous oxide')] }],
  },
  {
    code: 'nitrous-oxide-kg',
    group: 'anaesthetic',
    label: 'Nitrous oxide (by weight)',
    unit: 'kg',
    parts: [
      {
        label: 'nitrous oxide',
        scope: 1,
        factor: [
          anaestheticKg('Nitrous oxide'),
          {
            scope: 'Scope 1',
            level1: 'Refrigerant & other',
            level2: 'Kyoto protocol products',
            level3: 'Nitrous oxide',
            columnText: 'Emissions including only Kyoto products',
            uom: 'kg',
          },
        ],
      },
    ],
  },
];

const BY_CODE = new Map(ACTIVITIES.map((a) => [a.code, a]));

export function activityByCode(code: string): ActivityDefinition | undefined {
  return BY_CODE.get(code);
}

export function isActivityCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** The indicators a part's emissions count towards. */
export function indicatorsOf(activity: ActivityDefinition, part: EmissionPart): CarbonIndicator[] {
  if (part.scope === 3) return ['E6'];
  return activity.group === 'anaesthetic' ? ['E1', 'E5'] : ['E1'];
}

export function scopeName(scope: Scope): string {
  return `Scope ${scope}`;
}
