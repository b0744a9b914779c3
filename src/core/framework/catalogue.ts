/**
 * The default framework (SPEC §3): every indicator with its wording, unit, direction, frequency,
 * computation, data items and methodology. A partnership starts from a copy of this and can switch
 * indicators off, reword them and add its own. Data, not code.
 */
import type { CommitmentDefinition, DataItem, IndicatorDefinition } from './types.js';

export const COMMITMENTS: readonly CommitmentDefinition[] = [
  {
    id: 'workforce-fair-pay',
    pillar: 'workforce',
    title: 'Pay everyone at least the Real Living Wage',
    description:
      'Directly employed and contracted-out staff are paid at least the Real Living Wage.',
  },
  {
    id: 'workforce-local-recruitment',
    pillar: 'workforce',
    title: 'Recruit locally, especially from our most deprived communities',
    description:
      'More of our staff and new starters live in the local area and its most deprived neighbourhoods.',
  },
  {
    id: 'workforce-routes-into-work',
    pillar: 'workforce',
    title: 'Open routes into work',
    description: 'Apprenticeships, placements and support into work for people who face barriers.',
  },
  {
    id: 'procurement-local-spend',
    pillar: 'procurement',
    title: 'Spend more with local businesses and communities',
    description:
      'A larger share of what we buy comes from suppliers in the local area and its most deprived places.',
  },
  {
    id: 'procurement-inclusive-suppliers',
    pillar: 'procurement',
    title: 'Buy from small firms and the voluntary sector',
    description:
      'More of our spend reaches SMEs and voluntary, community and social enterprise organisations.',
  },
  {
    id: 'procurement-social-value-contracts',
    pillar: 'procurement',
    title: 'Make social value part of every contract',
    description: 'Tenders weight social value and suppliers deliver what they commit to.',
  },
  {
    id: 'infrastructure-community-use',
    pillar: 'infrastructure',
    title: 'Open our buildings and land to the community',
    description:
      'Community groups use our estate, and surplus land becomes homes and community space.',
  },
  {
    id: 'infrastructure-local-capital',
    pillar: 'infrastructure',
    title: 'Build with local contractors',
    description: 'Capital spend on buildings and works supports local contractors.',
  },
  {
    id: 'environment-net-zero',
    pillar: 'environment',
    title: 'Reach net zero',
    description: 'Cut our own carbon emissions on the NHS and UK net zero trajectories.',
  },
  {
    id: 'environment-resources',
    pillar: 'environment',
    title: 'Use resources well',
    description: 'Renewable electricity, less waste, more recycling.',
  },
  {
    id: 'partners-joint-action',
    pillar: 'partners',
    title: 'Act together with other anchors',
    description:
      'Joint initiatives with other anchor institutions, with money pooled where it helps.',
  },
  {
    id: 'partners-vcse',
    pillar: 'partners',
    title: 'Work alongside the voluntary and community sector',
    description: 'Initiatives shared with VCSE organisations as equal partners.',
  },
  {
    id: 'community-involvement',
    pillar: 'community',
    title: 'Involve residents in what we do',
    description:
      'Engagement activities that reach residents, particularly in the most deprived areas, and answers to the priorities they raise.',
  },
  {
    id: 'community-giving',
    pillar: 'community',
    title: 'Give time and money to community groups',
    description: 'Staff volunteering, and grants and donations to the VCSE sector.',
  },
  {
    id: 'accountability-reporting',
    pillar: 'accountability',
    title: 'Report openly and on time',
    description:
      'Figures reported on time, with evidence, and honest self-assessment of our maturity.',
  },
];

// ---------- Data items (each defined once, reused where indicators share it) ----------

const count = (id: string, label: string, hint: string, required = true): DataItem => ({
  id,
  label,
  unit: 'count',
  hint,
  min: 0,
  integer: true,
  required,
});
const pounds = (id: string, label: string, hint: string): DataItem => ({
  id,
  label,
  unit: '£',
  hint,
  min: 0,
  required: true,
});
const amount = (id: string, label: string, unit: DataItem['unit'], hint: string): DataItem => ({
  id,
  label,
  unit,
  hint,
  min: 0,
  required: true,
});

const STAFF_HEADCOUNT = count(
  'staff_headcount',
  'Number of directly employed staff (headcount)',
  'Count people, not full-time equivalents, employed on the last day of the period. Include bank staff with a contract in the period; leave out volunteers and contractors.',
);
const STAFF_PAID_RLW = count(
  'staff_paid_rlw',
  'Directly employed staff paid at least the Real Living Wage',
  'Count people whose basic hourly pay is at least the Real Living Wage (the London rate where London weighting is paid). Leave out apprentices on apprenticeship rates and note that in the evidence.',
);
const CONTRACTED_HEADCOUNT = count(
  'contracted_staff_headcount',
  'Contracted-out staff working on your sites (headcount)',
  'People employed by contractors who work regularly on your premises or services, such as cleaning, catering, portering and security, on the last day of the period.',
);
const CONTRACTED_PAID_RLW = count(
  'contracted_staff_paid_rlw',
  'Contracted-out staff paid at least the Real Living Wage',
  'From your contractors’ returns: how many of those people are paid at least the Real Living Wage.',
);
const ACCREDITED = {
  id: 'accredited_living_wage_employer',
  label: 'Accredited Living Wage employer',
  unit: 'yes/no',
  hint: 'Yes if you hold current Living Wage Foundation accreditation on the last day of the period.',
  min: 0,
  max: 1,
  integer: true,
  required: true,
} as const satisfies DataItem;
const STAFF_LOCAL = count(
  'staff_living_local',
  'Directly employed staff living in the local area',
  'Staff whose home postcode is in one of the partnership’s local authority districts.',
);
const STAFF_DEPRIVED = count(
  'staff_living_deprived',
  'Directly employed staff living in the 20% most deprived areas',
  'Staff whose home postcode is in an LSOA in decile 1 or 2 of the English Index of Multiple Deprivation.',
);
const NEW_STARTERS = count(
  'new_starters',
  'New starters in the period',
  'People who started in a directly employed post during the period.',
);
const NEW_STARTERS_LOCAL = count(
  'new_starters_local',
  'New starters living in the local area',
  'Of the new starters, those whose home postcode is in one of the partnership’s districts.',
);
const APPRENTICESHIPS = count(
  'apprenticeship_starts',
  'Apprenticeship starts',
  'Apprenticeships started in the period, at any level, including existing staff starting one.',
);
const PRIORITY = count(
  'priority_group_entrants',
  'People from priority groups supported into work',
  'Care leavers, veterans, disabled people and people who were long-term unemployed who started paid work with you or through your programmes in the period.',
);
const PLACEMENT_WEEKS = count(
  'work_experience_weeks',
  'Weeks of work experience and placements offered',
  'Total weeks across all work experience, T-level and student placements that took place in the period.',
);

const SPEND_TOTAL = pounds(
  'spend_total_gbp',
  'Total spend with suppliers (£)',
  'All payments to suppliers in the period, after credit notes, excluding payments to staff, HMRC and other public bodies.',
);
const SPEND_LOCAL = pounds(
  'spend_local_gbp',
  'Spend with suppliers in the local area (£)',
  'Payments to suppliers whose trading address is in one of the partnership’s local authority districts.',
);
const SPEND_DEPRIVED = pounds(
  'spend_deprived_gbp',
  'Spend with suppliers in the 20% most deprived areas (£)',
  'Payments to suppliers whose trading address is in an LSOA in IMD decile 1 or 2.',
);
const SPEND_SME = pounds(
  'spend_sme_gbp',
  'Spend with SMEs (£)',
  'Payments to small and medium-sized enterprises: fewer than 250 staff and turnover up to £44m or balance sheet up to £38m.',
);
const SPEND_VCSE = pounds(
  'spend_vcse_gbp',
  'Spend with VCSE organisations (£)',
  'Payments to charities, community interest companies, co-operatives, mutuals and other social enterprises.',
);
const SPEND_LOCATION_KNOWN = pounds(
  'spend_location_known_gbp',
  'Spend with suppliers whose location is known (£)',
  'Payments to suppliers whose trading postcode you hold and could place in a local authority district.',
);
const TENDERS_TOTAL = count(
  'tenders_total',
  'Tenders awarded in the period',
  'Competitive procurements awarded in the period, above your quotation threshold.',
);
const TENDERS_SV10 = count(
  'tenders_sv_weighted_10pc',
  'Tenders with social value weighted at 10% or more',
  'Of those, tenders where social value carried at least 10% of the evaluation weighting (PPN 06/20 and PPN 002 require this for central government).',
);
const SV_DUE = count(
  'sv_commitments_due',
  'Supplier social value commitments due',
  'Commitments suppliers made in contracts that fell due in the period.',
);
const SV_DELIVERED = count(
  'sv_commitments_delivered',
  'Supplier social value commitments delivered',
  'Of those due, commitments the supplier delivered in full and you accepted.',
);

const COMMUNITY_ROOMS = amount(
  'community_use_hours_rooms',
  'Hours community groups used rooms and halls',
  'hours',
  'Hours booked by community groups, free or at reduced rates, in the period.',
);
const COMMUNITY_OUTDOOR = amount(
  'community_use_hours_outdoor',
  'Hours community groups used outdoor space and sports facilities',
  'hours',
  'Hours of community use of grounds, car parks, pitches and sports facilities in the period.',
);
const HOMES = count(
  'homes_enabled',
  'Homes enabled on land or buildings you released',
  'Homes with planning permission or under construction on land or buildings you sold or leased for housing, counted once in the year permission was granted.',
);
const CAPITAL_TOTAL = pounds(
  'capital_spend_total_gbp',
  'Capital spend on works (£)',
  'Payments on construction and building works contracts in the period.',
);
const CAPITAL_LOCAL = pounds(
  'capital_spend_local_contractors_gbp',
  'Capital spend with local contractors (£)',
  'Of that, payments to main contractors and first-tier subcontractors based in the local area.',
);

const SCOPE1 = amount(
  'scope1_tco2e',
  'Scope 1 emissions (tCO2e)',
  'tCO2e',
  'Direct emissions from fuels you burn (gas, oil, fleet fuel) and refrigerant leaks, in tonnes of carbon dioxide equivalent.',
);
const SCOPE2 = amount(
  'scope2_tco2e',
  'Scope 2 emissions (tCO2e)',
  'tCO2e',
  'Emissions from the electricity, heat and steam you buy, location-based, in tonnes of carbon dioxide equivalent.',
);
const SCOPE12 = amount(
  'scope12_tco2e',
  'Scope 1 and 2 emissions (tCO2e)',
  'tCO2e',
  'The same total as indicator E1: scope 1 plus scope 2 emissions for the year.',
);
const ELECTRICITY_TOTAL = amount(
  'electricity_total_kwh',
  'Electricity used (kWh)',
  'kWh',
  'All electricity consumed in the year, from the grid and generated on site.',
);
const ELECTRICITY_RENEWABLE = amount(
  'electricity_renewable_kwh',
  'Electricity from renewable sources (kWh)',
  'kWh',
  'Electricity generated on site from renewables, or bought on a tariff backed by Renewable Energy Guarantees of Origin.',
);
const WASTE_TOTAL = amount(
  'waste_total_tonnes',
  'Waste produced (tonnes)',
  'tonnes',
  'All waste by weight, including clinical waste.',
);
const WASTE_RECYCLED = amount(
  'waste_recycled_tonnes',
  'Waste recycled or reused (tonnes)',
  'tonnes',
  'Waste sent for recycling, composting or reuse.',
);
const ANAESTHETIC = amount(
  'anaesthetic_gases_tco2e',
  'Anaesthetic gas emissions (tCO2e)',
  'tCO2e',
  'Desflurane, sevoflurane, isoflurane and nitrous oxide bought, converted to tonnes of carbon dioxide equivalent.',
);
const SCOPE3 = amount(
  'scope3_tco2e',
  'Scope 3 emissions reported (tCO2e)',
  'tCO2e',
  'Business travel, water, waste and supply chain emissions you measured, in tonnes of carbon dioxide equivalent.',
);

const JOINT = count(
  'joint_initiatives',
  'Joint initiatives with other anchors',
  'Initiatives active in the year that you run together with at least one other anchor institution.',
);
const POOLED = pounds(
  'money_pooled_gbp',
  'Money you put into joint initiatives (£)',
  'Your contribution in the year to budgets pooled with other anchors.',
);
const VCSE_INITIATIVES = count(
  'vcse_initiatives',
  'Initiatives with VCSE partners',
  'Initiatives active in the year in which a voluntary, community or social enterprise organisation is a partner.',
);
const ENGAGEMENTS = count(
  'engagement_activities',
  'Engagement activities held',
  'Events, consultations, workshops and drop-ins with residents in the period.',
);
const RESIDENTS = count(
  'residents_taking_part',
  'Residents taking part',
  'People who took part in those activities, counted once per activity.',
);
const VOLUNTEERING = amount(
  'staff_volunteering_hours',
  'Staff volunteering hours',
  'hours',
  'Hours staff spent volunteering with community organisations, in or out of paid time, in the period.',
);
const GRANTS = pounds(
  'vcse_grants_gbp',
  'Grants and donations to the VCSE sector (£)',
  'Money granted or donated to voluntary, community and social enterprise organisations in the year, excluding payments for contracted services.',
);

const RLW_METHOD =
  'The Real Living Wage is the hourly rate set each year by the Living Wage Foundation for the UK and, separately, for London; employers have about six months after each November announcement to pay it. The London rate applies where the employer pays London weighting. The figure counts people, not hours, on the last day of the period.';

export const CATALOGUE: readonly IndicatorDefinition[] = [
  {
    id: 'W1',
    pillar: 'workforce',
    commitment: 'workforce-fair-pay',
    name: 'Directly employed staff paid at least the Real Living Wage',
    description:
      'Out of everyone the organisation employs directly, the share paid at least the Real Living Wage, the rate independently worked out to meet the cost of living.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'payroll.rlw-direct',
      fallback: { kind: 'ratio', numerator: 'staff_paid_rlw', denominator: 'staff_headcount' },
    },
    items: [STAFF_PAID_RLW, STAFF_HEADCOUNT],
    source: 'Payroll and HR system',
    methodology: `${RLW_METHOD} Staff paid at least the rate divided by all directly employed staff. Where a payroll extract is imported, the payroll calculator works this out from each person’s basic hourly rate.`,
    publishOrganisationLevel: true,
  },
  {
    id: 'W2',
    pillar: 'workforce',
    commitment: 'workforce-fair-pay',
    name: 'Contracted-out staff paid at least the Real Living Wage',
    description:
      'The share of people working on the organisation’s sites for contractors (cleaning, catering, security and similar) who are paid at least the Real Living Wage.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'ratio',
      numerator: 'contracted_staff_paid_rlw',
      denominator: 'contracted_staff_headcount',
    },
    items: [CONTRACTED_PAID_RLW, CONTRACTED_HEADCOUNT],
    source: 'Contractors’ returns, collected by the contract managers',
    methodology: `${RLW_METHOD} Counts come from the contractors; where a contractor cannot say, count its staff in the total and not in those paid the rate, and say so in the evidence.`,
    publishOrganisationLevel: true,
  },
  {
    id: 'W3',
    pillar: 'workforce',
    commitment: 'workforce-fair-pay',
    name: 'Accredited Living Wage employer',
    description:
      'Whether the organisation is accredited by the Living Wage Foundation, which means it pays the Real Living Wage to its own staff and its regular contractors.',
    unit: 'yes/no',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'value', item: 'accredited_living_wage_employer' },
    items: [ACCREDITED],
    source: 'Living Wage Foundation accreditation',
    methodology:
      'Yes if the organisation holds current Living Wage Foundation accreditation on the last day of the year. The partnership total is the number of organisations that are accredited.',
    publishOrganisationLevel: true,
  },
  {
    id: 'W4',
    pillar: 'workforce',
    commitment: 'workforce-local-recruitment',
    name: 'Staff living in the local area',
    description: 'The share of directly employed staff who live in the partnership’s local area.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'payroll.local',
      fallback: { kind: 'ratio', numerator: 'staff_living_local', denominator: 'staff_headcount' },
    },
    items: [STAFF_LOCAL, STAFF_HEADCOUNT],
    source: 'HR system (home postcodes)',
    methodology:
      'The local area is the set of local authority districts the partnership chose. A member of staff counts as local when their home postcode falls in one of those districts. Staff with no recorded postcode stay in the total but not in the local count. Home postcodes are reduced to a district at import and not kept.',
    publishOrganisationLevel: true,
  },
  {
    id: 'W5',
    pillar: 'workforce',
    commitment: 'workforce-local-recruitment',
    name: 'Staff living in the 20% most deprived areas (IMD deciles 1–2)',
    description:
      'The share of directly employed staff who live in the most deprived fifth of neighbourhoods in England.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'payroll.deprived',
      fallback: {
        kind: 'ratio',
        numerator: 'staff_living_deprived',
        denominator: 'staff_headcount',
      },
    },
    items: [STAFF_DEPRIVED, STAFF_HEADCOUNT],
    source: 'HR system (home postcodes)',
    methodology:
      'Deprivation is measured by the English Indices of Deprivation: each neighbourhood (LSOA) is ranked and deciles 1 and 2 are the 20% most deprived. The partnership chooses IMD 2019 or IMD 2025. Postcodes outside England cannot be placed in a decile and count only in the total.',
    publishOrganisationLevel: true,
  },
  {
    id: 'W6',
    pillar: 'workforce',
    commitment: 'workforce-local-recruitment',
    name: 'New starters from the local area',
    description:
      'Of the people who started working for the organisation during the year, the share who live in the local area.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'payroll.new-starters-local',
      fallback: { kind: 'ratio', numerator: 'new_starters_local', denominator: 'new_starters' },
    },
    items: [NEW_STARTERS_LOCAL, NEW_STARTERS],
    source: 'HR system (starters and their home postcodes)',
    methodology:
      'New starters are people who started a directly employed post during the year, including internal moves into new contracts only when they are new employees. Local means a home postcode in one of the partnership’s districts.',
    publishOrganisationLevel: true,
  },
  {
    id: 'W7',
    pillar: 'workforce',
    commitment: 'workforce-routes-into-work',
    name: 'Apprenticeship starts',
    description: 'How many apprenticeships began during the quarter.',
    unit: 'count',
    direction: 'higher',
    frequency: 'quarterly',
    computation: { kind: 'value', item: 'apprenticeship_starts' },
    items: [APPRENTICESHIPS],
    source: 'HR and apprenticeship levy records',
    methodology:
      'Apprenticeship starts at any level recorded on the apprenticeship service in the quarter, including existing staff. A start is counted once, in the quarter it began.',
    publishOrganisationLevel: true,
  },
  {
    id: 'W8',
    pillar: 'workforce',
    commitment: 'workforce-routes-into-work',
    name: 'People from priority groups supported into work',
    description:
      'Care leavers, veterans, disabled people and long-term unemployed people who started paid work with the organisation’s help.',
    unit: 'count',
    direction: 'higher',
    frequency: 'quarterly',
    computation: { kind: 'value', item: 'priority_group_entrants' },
    items: [PRIORITY],
    source: 'HR and employability programme records',
    methodology:
      'People who started paid work in the quarter, with the organisation or through its employability programmes, and who belong to at least one priority group. Each person is counted once. Small numbers describe few people, so only the partnership total is published, with disclosure control.',
    publishOrganisationLevel: false,
  },
  {
    id: 'W9',
    pillar: 'workforce',
    commitment: 'workforce-routes-into-work',
    name: 'Work experience and placement weeks offered',
    description:
      'The total number of weeks of work experience and placements that people had with the organisation.',
    unit: 'count',
    direction: 'higher',
    frequency: 'quarterly',
    computation: { kind: 'value', item: 'work_experience_weeks' },
    items: [PLACEMENT_WEEKS],
    source: 'Education and workforce development team',
    methodology:
      'The sum, across all placements taking place in the quarter, of their length in weeks (five working days make a week; shorter placements count as fractions rounded to whole weeks).',
    publishOrganisationLevel: true,
  },
  {
    id: 'P1',
    pillar: 'procurement',
    commitment: 'procurement-local-spend',
    name: 'Spend with suppliers in the local area',
    description:
      'The share of money spent with suppliers that is spent with suppliers based in the partnership’s local area.',
    unit: '%',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'calculator',
      calculator: 'spend.local',
      fallback: { kind: 'ratio', numerator: 'spend_local_gbp', denominator: 'spend_total_gbp' },
    },
    items: [SPEND_LOCAL, SPEND_TOTAL],
    source: 'Finance ledger spend files',
    methodology:
      'Spend with suppliers whose trading postcode is in one of the partnership’s local authority districts, divided by all spend with suppliers, after credit notes. Where spend files are imported, the spend analysis works this out supplier by supplier; spend whose supplier location is unknown stays in the total (see P5).',
    publishOrganisationLevel: true,
  },
  {
    id: 'P2',
    pillar: 'procurement',
    commitment: 'procurement-local-spend',
    name: 'Spend with suppliers in the 20% most deprived areas',
    description:
      'The share of spend with suppliers based in the most deprived fifth of neighbourhoods in England.',
    unit: '%',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'calculator',
      calculator: 'spend.deprived',
      fallback: { kind: 'ratio', numerator: 'spend_deprived_gbp', denominator: 'spend_total_gbp' },
    },
    items: [SPEND_DEPRIVED, SPEND_TOTAL],
    source: 'Finance ledger spend files',
    methodology:
      'Spend with suppliers whose trading postcode is in an LSOA in decile 1 or 2 of the English Index of Multiple Deprivation (IMD 2019 or 2025, as the partnership chooses), divided by all spend with suppliers.',
    publishOrganisationLevel: true,
  },
  {
    id: 'P3',
    pillar: 'procurement',
    commitment: 'procurement-inclusive-suppliers',
    name: 'Spend with SMEs',
    description: 'The share of spend with small and medium-sized businesses.',
    unit: '%',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'calculator',
      calculator: 'spend.sme',
      fallback: { kind: 'ratio', numerator: 'spend_sme_gbp', denominator: 'spend_total_gbp' },
    },
    items: [SPEND_SME, SPEND_TOTAL],
    source: 'Finance ledger spend files and the supplier register',
    methodology:
      'An SME has fewer than 250 staff and either turnover of no more than £44 million or a balance sheet of no more than £38 million (the UK definition). Spend with SMEs divided by all spend with suppliers.',
    publishOrganisationLevel: true,
  },
  {
    id: 'P4',
    pillar: 'procurement',
    commitment: 'procurement-inclusive-suppliers',
    name: 'Spend with VCSE organisations',
    description:
      'The share of spend with voluntary, community and social enterprise organisations.',
    unit: '%',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'calculator',
      calculator: 'spend.vcse',
      fallback: { kind: 'ratio', numerator: 'spend_vcse_gbp', denominator: 'spend_total_gbp' },
    },
    items: [SPEND_VCSE, SPEND_TOTAL],
    source: 'Finance ledger spend files and the supplier register',
    methodology:
      'VCSE organisations include registered charities, community interest companies, co-operatives, community benefit societies and other social enterprises. Grants are not spend with suppliers and are reported under C5.',
    publishOrganisationLevel: true,
  },
  {
    id: 'P5',
    pillar: 'procurement',
    commitment: 'procurement-local-spend',
    name: 'Spend whose supplier location is known',
    description: 'How much of the spend could be placed on the map: the coverage behind P1 and P2.',
    unit: '%',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'calculator',
      calculator: 'spend.location-known',
      fallback: {
        kind: 'ratio',
        numerator: 'spend_location_known_gbp',
        denominator: 'spend_total_gbp',
      },
    },
    items: [SPEND_LOCATION_KNOWN, SPEND_TOTAL],
    source: 'Finance ledger spend files and the supplier register',
    methodology:
      'Spend with suppliers whose trading postcode is known and valid, divided by all spend with suppliers. A low figure means P1 and P2 understate local spend.',
    publishOrganisationLevel: true,
  },
  {
    id: 'P6',
    pillar: 'procurement',
    commitment: 'procurement-social-value-contracts',
    name: 'Tenders with social value weighted at 10% or more',
    description:
      'The share of tenders in which social value counted for at least a tenth of the marks.',
    unit: '%',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'ratio',
      numerator: 'tenders_sv_weighted_10pc',
      denominator: 'tenders_total',
    },
    items: [TENDERS_SV10, TENDERS_TOTAL],
    source: 'Procurement team’s tender records',
    methodology:
      'Tenders awarded in the quarter where social value carried at least 10% of the total evaluation weighting, divided by all tenders awarded. Central government guidance (PPN 06/20, now PPN 002) sets 10% as the minimum.',
    publishOrganisationLevel: true,
  },
  {
    id: 'P7',
    pillar: 'procurement',
    commitment: 'procurement-social-value-contracts',
    name: 'Supplier social value commitments delivered',
    description:
      'Of the social value that suppliers promised and that fell due, the share they actually delivered.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'contracts.delivered',
      fallback: {
        kind: 'ratio',
        numerator: 'sv_commitments_delivered',
        denominator: 'sv_commitments_due',
      },
    },
    items: [SV_DELIVERED, SV_DUE],
    source: 'Contract register and suppliers’ delivery reports',
    methodology:
      'Commitments that fell due in the year and were delivered in full and accepted by the organisation, divided by all commitments that fell due. Partly delivered commitments count as not delivered.',
    publishOrganisationLevel: true,
  },
  {
    id: 'P8',
    pillar: 'procurement',
    commitment: 'procurement-local-spend',
    name: 'Local Multiplier 3',
    description:
      'How much each pound spent locally goes on to circulate in the local economy, counting three rounds of spending.',
    unit: 'ratio',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'calculator', calculator: 'lm3' },
    items: [],
    source: 'Spend files and a survey of local suppliers',
    methodology:
      'The New Economics Foundation’s Local Multiplier 3: R1 is the spend considered, R2 the part of it spent with local suppliers, and R3 the part of R2 those suppliers re-spend locally on staff and their own suppliers, from a short supplier survey. LM3 = (R1 + R2 + R3) ÷ R1, so it lies between 1 and 3. The figure states how many suppliers answered.',
    publishOrganisationLevel: true,
  },
  {
    id: 'I1',
    pillar: 'infrastructure',
    commitment: 'infrastructure-community-use',
    name: 'Hours of community use of the estate',
    description:
      'How many hours community groups used the organisation’s rooms, halls, grounds and facilities.',
    unit: 'hours',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'sum',
      items: ['community_use_hours_rooms', 'community_use_hours_outdoor'],
    },
    items: [COMMUNITY_ROOMS, COMMUNITY_OUTDOOR],
    source: 'Estates and room booking records',
    methodology:
      'Hours booked by community groups, free or at a reduced rate, indoors and outdoors, in the quarter. Commercial lettings at full price are left out.',
    publishOrganisationLevel: true,
  },
  {
    id: 'I2',
    pillar: 'infrastructure',
    commitment: 'infrastructure-community-use',
    name: 'Homes enabled on released land',
    description:
      'Homes given planning permission or being built on land or buildings the organisation released.',
    unit: 'count',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'value', item: 'homes_enabled' },
    items: [HOMES],
    source: 'Estates strategy and planning records',
    methodology:
      'Homes counted once, in the year planning permission was granted, on land or buildings the organisation sold, leased or transferred for housing. Affordable homes are noted in the evidence.',
    publishOrganisationLevel: true,
  },
  {
    id: 'I3',
    pillar: 'infrastructure',
    commitment: 'infrastructure-local-capital',
    name: 'Capital spend with local contractors',
    description:
      'The share of spending on building works that went to contractors based in the local area.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'ratio',
      numerator: 'capital_spend_local_contractors_gbp',
      denominator: 'capital_spend_total_gbp',
    },
    items: [CAPITAL_LOCAL, CAPITAL_TOTAL],
    source: 'Capital programme payments',
    methodology:
      'Payments to main contractors and first-tier subcontractors with a base in the local area, divided by all capital works payments in the year.',
    publishOrganisationLevel: true,
  },
  {
    id: 'E1',
    pillar: 'environment',
    commitment: 'environment-net-zero',
    name: 'Scope 1 and 2 emissions',
    description:
      'The greenhouse gases the organisation emits directly and through the energy it buys, in tonnes of carbon dioxide equivalent.',
    unit: 'tCO2e',
    direction: 'lower',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'carbon.scope12',
      fallback: { kind: 'sum', items: ['scope1_tco2e', 'scope2_tco2e'] },
    },
    items: [SCOPE1, SCOPE2],
    source: 'Energy bills, fleet records and the UK Government GHG conversion factors',
    methodology:
      'Each activity (kWh of gas, litres of fuel, kWh of electricity) multiplied by the UK Government greenhouse gas conversion factor for that activity and year. Scope 2 uses the location-based grid factor. The NHS aims for net zero direct emissions (the NHS Carbon Footprint) by 2040, with an 80% reduction by 2028–2032.',
    publishOrganisationLevel: true,
  },
  {
    id: 'E2',
    pillar: 'environment',
    commitment: 'environment-net-zero',
    name: 'Reduction in scope 1 and 2 emissions since baseline',
    description:
      'How much lower scope 1 and 2 emissions are than in the baseline year, as a percentage.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'change_since_baseline', item: 'scope12_tco2e', reduction: true },
    items: [SCOPE12],
    source: 'As E1, with the baseline year’s emissions',
    methodology:
      '(Baseline emissions − this year’s emissions) ÷ baseline emissions. Changes in the electricity grid factor alone change this figure; compare with a fixed year’s factors to separate real reductions.',
    publishOrganisationLevel: true,
  },
  {
    id: 'E3',
    pillar: 'environment',
    commitment: 'environment-resources',
    name: 'Electricity from renewable sources',
    description: 'The share of electricity used that came from renewable sources.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'ratio',
      numerator: 'electricity_renewable_kwh',
      denominator: 'electricity_total_kwh',
    },
    items: [ELECTRICITY_RENEWABLE, ELECTRICITY_TOTAL],
    source: 'Energy bills and on-site generation meters',
    methodology:
      'Renewable electricity generated on site or bought on a tariff backed by Renewable Energy Guarantees of Origin, divided by all electricity used in the year.',
    publishOrganisationLevel: true,
  },
  {
    id: 'E4',
    pillar: 'environment',
    commitment: 'environment-resources',
    name: 'Waste recycled or reused',
    description:
      'The share of waste, by weight, that was recycled, composted or reused rather than burned or landfilled.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'ratio',
      numerator: 'waste_recycled_tonnes',
      denominator: 'waste_total_tonnes',
    },
    items: [WASTE_RECYCLED, WASTE_TOTAL],
    source: 'Waste contractors’ transfer notes',
    methodology:
      'Tonnes sent for recycling, composting or reuse divided by all waste in tonnes, including clinical waste. Incineration with energy recovery does not count as recycling.',
    publishOrganisationLevel: true,
  },
  {
    id: 'E5',
    pillar: 'environment',
    commitment: 'environment-net-zero',
    name: 'Anaesthetic gas emissions',
    description:
      'Greenhouse gases from anaesthetic gases, which are powerful contributors to the NHS’s carbon footprint.',
    unit: 'tCO2e',
    direction: 'lower',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'carbon.anaesthetic',
      fallback: { kind: 'value', item: 'anaesthetic_gases_tco2e' },
    },
    items: [ANAESTHETIC],
    source: 'Pharmacy purchasing records',
    methodology:
      'Volumes of desflurane, sevoflurane, isoflurane and nitrous oxide bought in the year, converted to carbon dioxide equivalent with their global warming potentials. Organisations with no anaesthetic use report 0.',
    publishOrganisationLevel: true,
  },
  {
    id: 'E6',
    pillar: 'environment',
    commitment: 'environment-net-zero',
    name: 'Scope 3 emissions reported (travel, water, waste, supply chain)',
    description:
      'Emissions in the organisation’s value chain that it has measured: travel, water, waste and supply chain.',
    unit: 'tCO2e',
    direction: 'lower',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'carbon.scope3',
      fallback: { kind: 'value', item: 'scope3_tco2e' },
    },
    items: [SCOPE3],
    source: 'Travel, water and waste records and the UK Government GHG conversion factors',
    methodology:
      'The scope 3 categories the organisation measures, each activity multiplied by the UK Government conversion factor for the year. Say in the evidence which categories are included: a rise can mean better measurement rather than more emissions. The NHS aims for net zero across its wider footprint (Carbon Footprint Plus) by 2045.',
    publishOrganisationLevel: true,
  },
  {
    id: 'L1',
    pillar: 'partners',
    commitment: 'partners-joint-action',
    name: 'Joint initiatives with other anchors',
    description:
      'How many initiatives the organisation runs together with other anchor institutions.',
    unit: 'count',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'register.joint-initiatives',
      fallback: { kind: 'value', item: 'joint_initiatives' },
    },
    items: [JOINT],
    source: 'The partnership’s register of joint initiatives',
    methodology:
      'Initiatives active at any time in the year with at least two anchor institutions as partners. The partnership total counts each initiative once, however many of its members take part, once the register is in use; until then it adds the organisations’ counts.',
    publishOrganisationLevel: true,
  },
  {
    id: 'L2',
    pillar: 'partners',
    commitment: 'partners-joint-action',
    name: 'Money pooled in joint initiatives',
    description: 'Money the organisation put into budgets shared with other anchors.',
    unit: '£',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'register.pooled-money',
      fallback: { kind: 'value', item: 'money_pooled_gbp' },
    },
    items: [POOLED],
    source: 'The partnership’s register of joint initiatives and finance records',
    methodology:
      'Cash contributions paid in the year into budgets pooled with other anchors. Staff time and in-kind contributions are described in the evidence but not counted here.',
    publishOrganisationLevel: true,
  },
  {
    id: 'L3',
    pillar: 'partners',
    commitment: 'partners-vcse',
    name: 'Initiatives with VCSE partners',
    description:
      'How many initiatives have a voluntary, community or social enterprise organisation as a partner.',
    unit: 'count',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'register.vcse-initiatives',
      fallback: { kind: 'value', item: 'vcse_initiatives' },
    },
    items: [VCSE_INITIATIVES],
    source: 'The partnership’s register of joint initiatives',
    methodology:
      'Initiatives active in the year in which at least one VCSE organisation is a named partner, not only a supplier.',
    publishOrganisationLevel: true,
  },
  {
    id: 'C1',
    pillar: 'community',
    commitment: 'community-involvement',
    name: 'Engagement activities held',
    description: 'How many events, consultations and other activities involved residents.',
    unit: 'count',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'calculator',
      calculator: 'register.engagement-activities',
      fallback: { kind: 'value', item: 'engagement_activities' },
    },
    items: [ENGAGEMENTS],
    source: 'Engagement and communications team records',
    methodology:
      'Activities held in the quarter where residents could shape or respond to what the organisation does. Routine patient or service-user surveys are left out.',
    publishOrganisationLevel: true,
  },
  {
    id: 'C2',
    pillar: 'community',
    commitment: 'community-involvement',
    name: 'Residents taking part (of whom from IMD deciles 1–2)',
    description: 'How many residents took part in engagement activities.',
    unit: 'count',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'calculator',
      calculator: 'register.residents',
      fallback: { kind: 'value', item: 'residents_taking_part' },
    },
    items: [RESIDENTS],
    source: 'Attendance records of engagement activities',
    methodology:
      'Participants counted once per activity. Where participants give a home postcode it is reduced to an area and deprivation decile and then discarded; the register reports how many came from IMD deciles 1–2.',
    publishOrganisationLevel: true,
  },
  {
    id: 'C3',
    pillar: 'community',
    commitment: 'community-involvement',
    name: 'Local priorities answered',
    description:
      'Of the priorities residents raised, the share the partnership has answered in public.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'calculator', calculator: 'priorities.answered' },
    items: [],
    source: 'Local priorities raised on the public site',
    methodology:
      'Priorities raised and published by the end of the year that have a public answer (accepted, partly accepted, not taken forward or already covered, with a reason), divided by all published priorities.',
    publishOrganisationLevel: false,
  },
  {
    id: 'C4',
    pillar: 'community',
    commitment: 'community-giving',
    name: 'Staff volunteering hours',
    description: 'Hours the organisation’s staff spent volunteering with community organisations.',
    unit: 'hours',
    direction: 'higher',
    frequency: 'quarterly',
    computation: { kind: 'value', item: 'staff_volunteering_hours' },
    items: [VOLUNTEERING],
    source: 'Volunteering leave records and staff returns',
    methodology:
      'Hours recorded through volunteering leave or reported by staff, in or out of paid time, with community, voluntary or charitable organisations in the quarter.',
    publishOrganisationLevel: true,
  },
  {
    id: 'C5',
    pillar: 'community',
    commitment: 'community-giving',
    name: 'Grants and donations to the VCSE sector',
    description:
      'Money given to voluntary, community and social enterprise organisations as grants and donations.',
    unit: '£',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'value', item: 'vcse_grants_gbp' },
    items: [GRANTS],
    source: 'Finance records, charitable funds',
    methodology:
      'Grants and donations paid in the year, including from charitable funds. Payments for contracted services are procurement spend (P4), not grants.',
    publishOrganisationLevel: true,
  },
  {
    id: 'A1',
    pillar: 'accountability',
    commitment: 'accountability-reporting',
    name: 'Indicators reported on time',
    description: 'The share of returns the organisation sent by their due date.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'calculator', calculator: 'returns.on-time' },
    items: [],
    source: 'Anchorage returns',
    methodology:
      'For each financial year: returns (quarterly and annual) first submitted on or before their due date, divided by all returns that had fallen due. Worked out by the service from the returns themselves.',
    publishOrganisationLevel: true,
  },
  {
    id: 'A2',
    pillar: 'accountability',
    commitment: 'accountability-reporting',
    name: 'Reported values with evidence attached',
    description:
      'The share of approved figures that came with evidence: a note on method, a link or a file.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'calculator', calculator: 'returns.evidenced' },
    items: [],
    source: 'Anchorage returns',
    methodology:
      'For each financial year: approved figures with a note, a link or a file attached, divided by all approved figures. Worked out by the service from the returns themselves.',
    publishOrganisationLevel: true,
  },
  {
    id: 'A3',
    pillar: 'accountability',
    commitment: 'accountability-reporting',
    name: 'Maturity level (per pillar)',
    description:
      'How mature the organisation’s anchor practice is, from 1 (getting started) to 4 (leading), by its own assessment checked by reviewers.',
    unit: 'level',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'calculator', calculator: 'maturity.level' },
    items: [],
    source: 'Maturity self-assessment',
    methodology:
      'Each organisation rates itself each year on every pillar against the statements for levels 1 to 4, with evidence; reviewers agree or query. The headline is the middle (median) of its six pillar levels; the maturity grid shows each pillar.',
    publishOrganisationLevel: true,
  },
];
