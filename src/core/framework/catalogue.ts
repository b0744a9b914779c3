/**
 * The default framework (SPEC §3): every indicator with its wording, unit, direction, frequency,
 * computation, data items and methodology. A partnership starts from a copy of this and can switch
 * indicators off, reword them and add its own. Data, not code.
 */
import type { CommitmentDefinition, DataItem, IndicatorDefinition, Unit } from './types.js';

export const COMMITMENTS: readonly CommitmentDefinition[] = [
  {
    id: 'workforce-fair-pay',
    pillar: 'workforce',
    title: 'Pay everyone at least the Real Living Wage',
    description:
      'Our own staff, and the contractors’ staff who work on our sites, are paid at least the Real Living Wage.',
  },
  {
    id: 'workforce-local-recruitment',
    pillar: 'workforce',
    title: 'Recruit locally, especially from our most deprived communities',
    description:
      'More of our staff and new starters live in the local area and in its most deprived neighbourhoods.',
  },
  {
    id: 'workforce-routes-into-work',
    pillar: 'workforce',
    title: 'Open routes into work',
    description:
      'Apprenticeships, work experience and support into work for people who face barriers to getting a job.',
  },
  {
    id: 'procurement-local-spend',
    pillar: 'procurement',
    title: 'Spend more with local businesses and communities',
    description:
      'A larger share of what we buy comes from suppliers in the local area and its most deprived places, so the money keeps working locally.',
  },
  {
    id: 'procurement-inclusive-suppliers',
    pillar: 'procurement',
    title: 'Buy from small firms and the voluntary sector',
    description:
      'More of our spend reaches small and medium-sized businesses and voluntary, community and social enterprise organisations.',
  },
  {
    id: 'procurement-social-value-contracts',
    pillar: 'procurement',
    title: 'Make social value part of every contract',
    description:
      'Our tenders give social value real weight, and suppliers deliver what they promised.',
  },
  {
    id: 'infrastructure-community-use',
    pillar: 'infrastructure',
    title: 'Open our buildings and land to the community',
    description:
      'Community groups use our rooms and grounds, and land we no longer need becomes homes and community space.',
  },
  {
    id: 'infrastructure-local-capital',
    pillar: 'infrastructure',
    title: 'Build with local contractors',
    description: 'Our spending on buildings and works supports local contractors and jobs.',
  },
  {
    id: 'environment-net-zero',
    pillar: 'environment',
    title: 'Reach net zero',
    description:
      'We cut our carbon emissions on a path to net zero, in line with the NHS and UK targets.',
  },
  {
    id: 'environment-resources',
    pillar: 'environment',
    title: 'Use resources well',
    description: 'We use renewable electricity, produce less waste and recycle more of it.',
  },
  {
    id: 'partners-joint-action',
    pillar: 'partners',
    title: 'Act together with other anchors',
    description:
      'We run initiatives jointly with the other anchor institutions in the partnership, pooling money where it helps.',
  },
  {
    id: 'partners-vcse',
    pillar: 'partners',
    title: 'Work alongside the voluntary and community sector',
    description:
      'Voluntary, community and social enterprise organisations are equal partners in our initiatives.',
  },
  {
    id: 'community-involvement',
    pillar: 'community',
    title: 'Involve residents in what we do',
    description:
      'Residents, particularly from the most deprived areas, take part in shaping our work, and we answer the priorities they raise.',
  },
  {
    id: 'community-giving',
    pillar: 'community',
    title: 'Give time and money to community groups',
    description:
      'Our staff volunteer with local groups, and we give grants and donations to the voluntary and community sector.',
  },
  {
    id: 'accountability-reporting',
    pillar: 'accountability',
    title: 'Report openly and on time',
    description:
      'We report our figures on time and with evidence, and assess our own progress honestly.',
  },
];

// ---------- Data items (each defined once, reused where indicators share it) ----------

/** A whole number of people or things, 0 or more. */
const count = (id: string, label: string, hint: string): DataItem => ({
  id,
  label,
  unit: 'count',
  hint,
  min: 0,
  integer: true,
  required: true,
});

/** An amount in a unit (£, hours, tCO2e…), 0 or more, not necessarily whole. */
const amount = (id: string, label: string, unit: Unit, hint: string): DataItem => ({
  id,
  label,
  unit,
  hint,
  min: 0,
  required: true,
});

const pounds = (id: string, label: string, hint: string): DataItem => amount(id, label, '£', hint);

// Workforce

const STAFF_HEADCOUNT = count(
  'staff_headcount',
  'Number of directly employed staff (headcount)',
  'Count people, not full-time equivalents, on your payroll on the last day of the period, including part-time staff, apprentices and staff on bank contracts. Leave out agency workers, contractors and volunteers.',
);
const STAFF_PAID_RLW = count(
  'staff_paid_rlw',
  'Directly employed staff paid at least the Real Living Wage',
  'Of the staff in your headcount, those whose basic hourly pay on the last day of the period is at least the Real Living Wage (the London rate if you pay London weighting). Leave out overtime, bonuses and unsocial hours payments.',
);
const CONTRACTED_HEADCOUNT = count(
  'contracted_staff_headcount',
  'Contracted-out staff working regularly on your sites (headcount)',
  'People employed by your contractors who work on your premises for at least 2 hours a day for 8 or more weeks in a row, such as cleaners, caterers, porters and security staff, on the last day of the period.',
);
const CONTRACTED_PAID_RLW = count(
  'contracted_staff_paid_rlw',
  'Contracted-out staff paid at least the Real Living Wage',
  'From your contractors’ returns: how many of those people are paid at least the Real Living Wage. If a contractor cannot tell you, count none of its staff here.',
);
const ACCREDITED: DataItem = {
  id: 'accredited_living_wage_employer',
  label: 'Accredited Living Wage employer',
  unit: 'yes/no',
  hint: 'Yes if you held current Living Wage Foundation accreditation on the last day of the period.',
  min: 0,
  max: 1,
  integer: true,
  required: true,
};
const STAFF_LOCAL = count(
  'staff_living_local',
  'Directly employed staff living in the local area',
  'Of the staff in your headcount, those whose home postcode is in one of the partnership’s local authority districts, on the last day of the period.',
);
const STAFF_DEPRIVED = count(
  'staff_living_deprived',
  'Directly employed staff living in the 20% most deprived areas',
  'Of the staff in your headcount, those whose home postcode is in a neighbourhood (LSOA) in decile 1 or 2 of the English Index of Multiple Deprivation, on the last day of the period.',
);
const NEW_STARTERS = count(
  'new_starters',
  'New starters in the period',
  'People who joined you as new directly employed staff during the period. Leave out staff who only changed job or contract within your organisation.',
);
const NEW_STARTERS_LOCAL = count(
  'new_starters_local',
  'New starters living in the local area',
  'Of the new starters, those whose home postcode when they started was in one of the partnership’s local authority districts.',
);
const APPRENTICESHIPS = count(
  'apprenticeship_starts',
  'Apprenticeship starts',
  'Apprenticeships at any level that started during the period, including existing staff starting one. Count each apprenticeship once, in the period it started.',
);
const PRIORITY = count(
  'priority_group_entrants',
  'People from priority groups supported into work',
  'Care leavers, armed forces veterans, disabled people and people unemployed for 12 months or more who started paid work with you, or through a programme you run, during the period. Count each person once.',
);
const PLACEMENT_WEEKS = count(
  'work_experience_weeks',
  'Weeks of work experience and placements offered',
  'Add up the working days of all work experience, T-level, supported internship and student placements that took place in the period, divide by 5 and round to the nearest whole week.',
);

// Procurement

const SPEND_TOTAL = pounds(
  'spend_total_gbp',
  'Total spend with suppliers (£)',
  'All payments to suppliers dated in the period, after taking off credit notes. Leave out pay to your own staff, tax and pension contributions.',
);
const SPEND_LOCAL = pounds(
  'spend_local_gbp',
  'Spend with suppliers in the local area (£)',
  'Of the total, payments to suppliers whose trading address is in one of the partnership’s local authority districts.',
);
const SPEND_DEPRIVED = pounds(
  'spend_deprived_gbp',
  'Spend with suppliers in the 20% most deprived areas (£)',
  'Of the total, payments to suppliers whose trading address is in a neighbourhood (LSOA) in decile 1 or 2 of the English Index of Multiple Deprivation.',
);
const SPEND_SME = pounds(
  'spend_sme_gbp',
  'Spend with SMEs (£)',
  'Of the total, payments to businesses with fewer than 250 staff and either turnover of £44 million or less or a balance sheet of £38 million or less. Leave out VCSE organisations.',
);
const SPEND_VCSE = pounds(
  'spend_vcse_gbp',
  'Spend with VCSE organisations (£)',
  'Of the total, payments for goods and services to charities, community interest companies, co-operatives, mutuals and other social enterprises. Leave out grants.',
);
const SPEND_LOCATION_KNOWN = pounds(
  'spend_location_known_gbp',
  'Spend with suppliers whose location is known (£)',
  'Of the total, payments to suppliers whose trading postcode you hold and which places them in a local authority district, wherever that is.',
);
const TENDERS_TOTAL = count(
  'tenders_total',
  'Tenders awarded in the period',
  'Competitive tenders and mini-competitions awarded in the period. Leave out direct awards and purchases below your quotation threshold.',
);
const TENDERS_SV10 = count(
  'tenders_sv_weighted_10pc',
  'Tenders with social value weighted at 10% or more',
  'Of the tenders awarded, those where social value carried at least 10% of the total evaluation marks.',
);
const SV_DUE = count(
  'sv_commitments_due',
  'Supplier social value commitments due',
  'Commitments suppliers made in their contracts (for example, a number of apprenticeships) whose due date fell in the period.',
);
const SV_DELIVERED = count(
  'sv_commitments_delivered',
  'Supplier social value commitments delivered',
  'Of the commitments that fell due, those the supplier delivered in full and you accepted as delivered.',
);

// Infrastructure

const COMMUNITY_ROOMS = amount(
  'community_use_hours_rooms',
  'Hours community groups used rooms and halls',
  'hours',
  'Hours booked by community groups, free or at a reduced rate, in the period. Count the length of each booking, not the number of people.',
);
const COMMUNITY_OUTDOOR = amount(
  'community_use_hours_outdoor',
  'Hours community groups used outdoor space and sports facilities',
  'hours',
  'Hours of community use of grounds, gardens, pitches, sports halls and car parks, free or at a reduced rate, in the period.',
);
const HOMES = count(
  'homes_enabled',
  'Homes enabled on land or buildings you released',
  'Homes granted planning permission in the year on land or buildings you sold, leased or transferred for housing, whenever you released them. Count each home once.',
);
const CAPITAL_TOTAL = pounds(
  'capital_spend_total_gbp',
  'Capital spend on works (£)',
  'Payments in the year to contractors on construction, refurbishment and other capital works contracts.',
);
const CAPITAL_LOCAL = pounds(
  'capital_spend_local_contractors_gbp',
  'Capital spend with local contractors (£)',
  'Of that, payments to contractors whose trading address is in one of the partnership’s local authority districts.',
);

// Environment

const SCOPE1 = amount(
  'scope1_tco2e',
  'Scope 1 emissions (tCO2e)',
  'tCO2e',
  'Direct emissions in the year from fuels you burn (gas, oil, fleet fuel), refrigerant leaks and anaesthetic gases, in tonnes of carbon dioxide equivalent.',
);
const SCOPE2 = amount(
  'scope2_tco2e',
  'Scope 2 emissions (tCO2e)',
  'tCO2e',
  'Emissions in the year from the electricity, heat and steam you buy, using the location-based grid factor, in tonnes of carbon dioxide equivalent.',
);
const SCOPE12 = amount(
  'scope12_tco2e',
  'Scope 1 and 2 emissions (tCO2e)',
  'tCO2e',
  'The same total as indicator E1: scope 1 plus scope 2 emissions for the year, in tonnes of carbon dioxide equivalent.',
);
const ELECTRICITY_TOTAL = amount(
  'electricity_total_kwh',
  'Electricity used (kWh)',
  'kWh',
  'All electricity used in the year, from the grid and generated on site, from your meters and bills.',
);
const ELECTRICITY_RENEWABLE = amount(
  'electricity_renewable_kwh',
  'Electricity from renewable sources (kWh)',
  'kWh',
  'Of that, electricity generated on site from renewables, or bought on a tariff backed by Renewable Energy Guarantees of Origin (REGOs).',
);
const WASTE_TOTAL = amount(
  'waste_total_tonnes',
  'Waste produced (tonnes)',
  'tonnes',
  'All waste collected in the year by weight, by every route, including clinical waste, from your waste contractors’ records.',
);
const WASTE_RECYCLED = amount(
  'waste_recycled_tonnes',
  'Waste recycled or reused (tonnes)',
  'tonnes',
  'Of that, waste sent for reuse, recycling, composting or anaerobic digestion. Leave out waste burned, even with energy recovery.',
);
const ANAESTHETIC = amount(
  'anaesthetic_gases_tco2e',
  'Anaesthetic gas emissions (tCO2e)',
  'tCO2e',
  'Desflurane, sevoflurane, isoflurane and nitrous oxide (including Entonox) bought in the year, converted to tonnes of carbon dioxide equivalent. Enter 0 if you use none.',
);
const SCOPE3 = amount(
  'scope3_tco2e',
  'Scope 3 emissions reported (tCO2e)',
  'tCO2e',
  'Emissions in the year from business travel, water, waste and your supply chain, for the categories you measure, in tonnes of carbon dioxide equivalent.',
);

// Local anchor partners

const JOINT = count(
  'joint_initiatives',
  'Joint initiatives with other anchors',
  'Initiatives active at any time in the year that you run together with at least one other anchor institution.',
);
const POOLED = pounds(
  'money_pooled_gbp',
  'Money you put into joint initiatives (£)',
  'Cash you paid in the year into budgets shared with other anchors. Leave out staff time and other in-kind support.',
);
const VCSE_INITIATIVES = count(
  'vcse_initiatives',
  'Initiatives with VCSE partners',
  'Initiatives active at any time in the year in which a voluntary, community or social enterprise organisation is a named partner, not only a supplier.',
);

// Community engagement

const ENGAGEMENTS = count(
  'engagement_activities',
  'Engagement activities held',
  'Events, consultations, workshops, listening sessions and drop-ins held with residents in the period.',
);
const RESIDENTS = count(
  'residents_taking_part',
  'Residents taking part',
  'People who took part in those activities in the period, counted once per activity.',
);
const VOLUNTEERING = amount(
  'staff_volunteering_hours',
  'Staff volunteering hours',
  'hours',
  'Hours staff spent volunteering with community, voluntary or charitable organisations in the period, in paid time or their own time.',
);
const GRANTS = pounds(
  'vcse_grants_gbp',
  'Grants and donations to the VCSE sector (£)',
  'Money granted or donated in the year to voluntary, community and social enterprise organisations, including from your charitable funds. Leave out payments for contracted services.',
);

// ---------- Shared methodology text ----------

const RLW_RATES =
  'The Real Living Wage is set each autumn by the Living Wage Foundation, with a UK rate and a higher London rate for employers paying London weighting. Pay is measured against the rate in force on its pay date: a new rate applies from the day employers are given to pay it by (usually the next 1 May).';

const SPEND_SCOPE =
  'The spend considered is every payment to suppliers dated in the period, net of credit notes, from the imported spend files (or the total entered by hand). Published transparency files list only payments over a threshold (£25,000 for NHS bodies, £500 for councils), so unless a full ledger extract is imported the shares describe larger payments.';

const GHG_FACTORS =
  'Each activity (kWh of gas or electricity, litres of fuel, and so on) is multiplied by the UK Government greenhouse gas conversion factor for that activity and reporting year.';

export const CATALOGUE: readonly IndicatorDefinition[] = [
  // ---------- Workforce ----------
  {
    id: 'W1',
    pillar: 'workforce',
    commitment: 'workforce-fair-pay',
    name: 'Directly employed staff paid at least the Real Living Wage',
    description:
      'Of everyone the organisation employs directly, the share paid at least the Real Living Wage: an hourly rate worked out independently to cover the real cost of living.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'payroll.rlw-direct',
      fallback: { kind: 'ratio', numerator: 'staff_paid_rlw', denominator: 'staff_headcount' },
    },
    items: [STAFF_PAID_RLW, STAFF_HEADCOUNT],
    source: 'Payroll/HR system',
    methodology: `Directly employed staff on the last day of the year whose basic hourly pay (leaving out overtime, bonuses and unsocial hours payments) is at least the Real Living Wage, divided by all directly employed staff, counting people rather than full-time equivalents. ${RLW_RATES} Hourly pay for salaried staff is annual salary ÷ (contracted weekly hours × 52.143). Apprentices are in the total although Living Wage accreditation does not require paying them the rate, so an accredited employer can show less than 100%.`,
    publishOrganisationLevel: true,
  },
  {
    id: 'W2',
    pillar: 'workforce',
    commitment: 'workforce-fair-pay',
    name: 'Contracted-out staff paid at least the Real Living Wage',
    description:
      'The share of people who work on the organisation’s sites for its contractors, such as cleaners, caterers and security staff, who are paid at least the Real Living Wage.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'payroll.rlw-contracted',
      fallback: {
        kind: 'ratio',
        numerator: 'contracted_staff_paid_rlw',
        denominator: 'contracted_staff_headcount',
      },
    },
    items: [CONTRACTED_PAID_RLW, CONTRACTED_HEADCOUNT],
    source: 'Contractors’ returns, collected by contract managers',
    methodology: `Contracted-out staff are counted as the Living Wage Foundation defines them: people employed by a contractor who work on the organisation’s premises for at least 2 hours a day for 8 or more consecutive weeks; suppliers of goods are left out. Those paid at least the Real Living Wage on the last day of the year are divided by all such staff. ${RLW_RATES} The figures come from the contractors and are not checked against their payroll; staff of a contractor that cannot say count in the total only.`,
    publishOrganisationLevel: true,
  },
  {
    id: 'W3',
    pillar: 'workforce',
    commitment: 'workforce-fair-pay',
    name: 'Accredited Living Wage employer',
    description:
      'Whether the Living Wage Foundation has accredited the organisation: it pays all its own staff the Real Living Wage and has a plan to do the same for its regular contractors’ staff.',
    unit: 'yes/no',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'value', item: 'accredited_living_wage_employer' },
    items: [ACCREDITED],
    source: 'Living Wage Foundation accreditation records',
    methodology:
      'Yes (1) if the organisation held current Living Wage Foundation accreditation on the last day of the year, otherwise no (0). Accreditation requires paying all directly employed staff aged 18 and over at least the Real Living Wage and a timetable for regular contracted-out staff. The partnership total is the number of organisations that are accredited.',
    publishOrganisationLevel: true,
  },
  {
    id: 'W4',
    pillar: 'workforce',
    commitment: 'workforce-local-recruitment',
    name: 'Staff living in the local area',
    description:
      'The share of the organisation’s directly employed staff who live in the partnership’s local area.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'payroll.local',
      fallback: { kind: 'ratio', numerator: 'staff_living_local', denominator: 'staff_headcount' },
    },
    items: [STAFF_LOCAL, STAFF_HEADCOUNT],
    source: 'Payroll/HR system (home postcodes)',
    methodology:
      'Directly employed staff on the last day of the year whose home postcode is in one of the local authority districts that make up the partnership’s local area, divided by all directly employed staff. Staff with a missing or invalid postcode stay in the total but not in the local count, so poor postcode records understate the figure. When a payroll extract is imported, each postcode is turned into a district and then discarded.',
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
    source: 'Payroll/HR system (home postcodes)',
    methodology:
      'Directly employed staff on the last day of the year whose home is in a neighbourhood (LSOA) in decile 1 or 2 of the English Indices of Deprivation, that is the 20% most deprived LSOAs in England, divided by all directly employed staff. The partnership chooses IMD 2019 or IMD 2025. The indices cover England only, so staff living in Wales or Scotland, and staff with no valid postcode, count in the total but never as living in a deprived area.',
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
    source: 'Payroll/HR system (start dates and home postcodes)',
    methodology:
      'People who joined as new directly employed staff during the financial year and whose home postcode when they started was in one of the partnership’s local authority districts, divided by all new starters in the year. Moves and contract changes within the organisation are not new starts. People who moved into the area to take up the job count as local, which can flatter the figure.',
    publishOrganisationLevel: true,
  },
  {
    id: 'W7',
    pillar: 'workforce',
    commitment: 'workforce-routes-into-work',
    name: 'Apprenticeship starts',
    description: 'How many apprenticeships began with the organisation during the quarter.',
    unit: 'count',
    direction: 'higher',
    frequency: 'quarterly',
    computation: { kind: 'value', item: 'apprenticeship_starts' },
    items: [APPRENTICESHIPS],
    source: 'Payroll/HR system and apprenticeship service account',
    methodology:
      'Apprenticeships at any level (from level 2 to degree apprenticeships) that started in the quarter, as recorded on the apprenticeship service, including existing staff who started one. Each apprenticeship counts once, in the quarter it began; completions and withdrawals are not netted off.',
    publishOrganisationLevel: true,
  },
  {
    id: 'W8',
    pillar: 'workforce',
    commitment: 'workforce-routes-into-work',
    name: 'People from priority groups (care leavers, veterans, disabled people, long-term unemployed) supported into work',
    description:
      'How many care leavers, armed forces veterans, disabled people and people who had been out of work for a long time started paid work with the organisation’s help.',
    unit: 'count',
    direction: 'higher',
    frequency: 'quarterly',
    computation: { kind: 'value', item: 'priority_group_entrants' },
    items: [PRIORITY],
    source: 'Payroll/HR system and employability programme records',
    methodology:
      'People who started paid work in the quarter, with the organisation or through an employability programme it runs, and who belong to at least one priority group: care leavers, armed forces veterans, disabled people (as they declare themselves) or people unemployed for 12 months or more. Each person counts once, however many groups they belong to. Group membership relies on what people choose to tell the employer, so it is an undercount. Numbers are small, so only the partnership total is published, with disclosure control.',
    publishOrganisationLevel: false,
  },
  {
    id: 'W9',
    pillar: 'workforce',
    commitment: 'workforce-routes-into-work',
    name: 'Work experience and placement weeks offered',
    description:
      'The total number of weeks of work experience and placements people had with the organisation during the quarter.',
    unit: 'count',
    direction: 'higher',
    frequency: 'quarterly',
    computation: { kind: 'value', item: 'work_experience_weeks' },
    items: [PLACEMENT_WEEKS],
    source: 'Education and workforce development team records',
    methodology:
      'The working days of every work experience, T-level industry placement, supported internship and student placement that took place in the quarter, added up, divided by 5 and rounded to the nearest whole week. Clinical student placements are included; apprenticeships are counted under W7 instead. A placement running across two quarters counts its days in each.',
    publishOrganisationLevel: true,
  },

  // ---------- Procurement ----------
  {
    id: 'P1',
    pillar: 'procurement',
    commitment: 'procurement-local-spend',
    name: 'Spend with suppliers in the local area',
    description:
      'Of all the money the organisation spends with suppliers, the share spent with suppliers based in the partnership’s local area.',
    unit: '%',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'calculator',
      calculator: 'spend.local',
      fallback: { kind: 'ratio', numerator: 'spend_local_gbp', denominator: 'spend_total_gbp' },
    },
    items: [SPEND_LOCAL, SPEND_TOTAL],
    source: 'Finance ledger spend files and the supplier register',
    methodology: `Spend with suppliers whose trading postcode is in one of the partnership’s local authority districts, divided by all spend. ${SPEND_SCOPE} A supplier’s trading address may be a head office rather than the place the work is done, and spend with suppliers of unknown location stays in the total (see P5).`,
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
    source: 'Finance ledger spend files and the supplier register',
    methodology: `Spend with suppliers whose trading postcode is in a neighbourhood (LSOA) in decile 1 or 2 of the English Indices of Deprivation, that is the 20% most deprived LSOAs in England, divided by all spend; the partnership chooses IMD 2019 or IMD 2025. ${SPEND_SCOPE} Suppliers outside England, or of unknown location, count in the total only.`,
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
    methodology: `Spend with SMEs divided by all spend. An SME has fewer than 250 staff and either turnover of no more than £44 million or a balance sheet of no more than £38 million (the UK definition). ${SPEND_SCOPE} Each supplier has one type in the supplier register: VCSE organisations count under P4, not here, and suppliers not yet classified count in the total only.`,
    publishOrganisationLevel: true,
  },
  {
    id: 'P4',
    pillar: 'procurement',
    commitment: 'procurement-inclusive-suppliers',
    name: 'Spend with VCSE organisations',
    description:
      'The share of spend with voluntary, community and social enterprise organisations, such as charities and community interest companies.',
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
    methodology: `Spend with VCSE organisations divided by all spend. VCSE means voluntary, community and social enterprise organisations, including registered charities, community interest companies, co-operatives, mutuals and community benefit societies. ${SPEND_SCOPE} Grants are not spend with suppliers and are reported under C5.`,
    publishOrganisationLevel: true,
  },
  {
    id: 'P5',
    pillar: 'procurement',
    commitment: 'procurement-local-spend',
    name: 'Spend whose supplier location is known',
    description:
      'How much of the spend could be placed on the map: it shows how far the local and deprived-area figures can be trusted.',
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
    methodology: `Spend with suppliers whose trading postcode is valid and places them in a local authority district, anywhere in the UK, divided by all spend. ${SPEND_SCOPE} A low figure means P1 and P2 understate local and deprived-area spend; adding postcodes for the largest suppliers first raises it fastest.`,
    publishOrganisationLevel: true,
  },
  {
    id: 'P6',
    pillar: 'procurement',
    commitment: 'procurement-social-value-contracts',
    name: 'Tenders with social value weighted at 10% or more',
    description:
      'The share of tenders in which social value, what a contract does for local people and places, counted for at least a tenth of the marks.',
    unit: '%',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'ratio',
      numerator: 'tenders_sv_weighted_10pc',
      denominator: 'tenders_total',
    },
    items: [TENDERS_SV10, TENDERS_TOTAL],
    source: 'Procurement team tender records',
    methodology:
      'Competitive tenders and mini-competitions awarded in the quarter in which social value carried at least 10% of the total evaluation weighting, divided by all such tenders awarded. Direct awards and purchases below the quotation threshold are left out. Central government guidance (PPN 06/20, replaced by PPN 002) and NHS procurement policy set 10% as the minimum. The figure counts tenders, not their value.',
    publishOrganisationLevel: true,
  },
  {
    id: 'P7',
    pillar: 'procurement',
    commitment: 'procurement-social-value-contracts',
    name: 'Supplier social value commitments delivered',
    description:
      'Of the social value that suppliers promised in their contracts and that fell due, the share they actually delivered.',
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
      'Supplier commitments whose due date fell in the year and that were delivered in full and accepted by the organisation, divided by all commitments that fell due in the year. Partly delivered or late commitments count as not delivered. Each commitment counts once whatever its size, so the figure says nothing about how much value was delivered.',
    publishOrganisationLevel: true,
  },
  {
    id: 'P8',
    pillar: 'procurement',
    commitment: 'procurement-local-spend',
    name: 'Local Multiplier 3',
    description:
      'How much each pound the organisation spends goes on to circulate in the local economy, counting three rounds of spending.',
    unit: 'ratio',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'calculator', calculator: 'lm3' },
    items: [],
    source: 'Finance ledger spend files and a survey of local suppliers',
    methodology:
      'The New Economics Foundation’s Local Multiplier 3. R1 is the net spend with suppliers in the year (a supplier with more credit notes than payments counts as nothing); R2 is the part of R1 spent with suppliers in the local area; R3 is the part of R2 those suppliers re-spend locally. Each local supplier that answers a short survey gives its staff costs as a share of its costs, the share of those paid to local staff, and the share of its other spending with local suppliers; its R2 spend times that local share is added to R3. Suppliers that have not answered add nothing, so the figure is a lower estimate. LM3 = (R1 + R2 + R3) ÷ R1, between 1 and 3, with how many suppliers answered of those asked and the share of R2 they cover.',
    publishOrganisationLevel: true,
  },

  // ---------- Infrastructure ----------
  {
    id: 'I1',
    pillar: 'infrastructure',
    commitment: 'infrastructure-community-use',
    name: 'Hours of community use of the estate',
    description:
      'How many hours community groups used the organisation’s rooms, halls, grounds and sports facilities.',
    unit: 'hours',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'calculator',
      calculator: 'register.community-use',
      fallback: {
        kind: 'sum',
        items: ['community_use_hours_rooms', 'community_use_hours_outdoor'],
      },
    },
    items: [COMMUNITY_ROOMS, COMMUNITY_OUTDOOR],
    source: 'Estates team records and room booking systems',
    methodology:
      'Hours of use by community groups, free or at a reduced rate, of indoor spaces plus outdoor spaces and sports facilities in the quarter. Each booking counts its length once, however many people attend. Commercial lettings at full price and the organisation’s own events are left out. Informal use that is not booked is not captured.',
    publishOrganisationLevel: true,
  },
  {
    id: 'I2',
    pillar: 'infrastructure',
    commitment: 'infrastructure-community-use',
    name: 'Homes enabled on released land',
    description:
      'How many new homes got planning permission on land or buildings the organisation no longer needed and released.',
    unit: 'count',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'register.homes',
      fallback: { kind: 'value', item: 'homes_enabled' },
    },
    items: [HOMES],
    source: 'Estates team records and local planning authority decisions',
    methodology:
      'Homes granted planning permission in the year on land or buildings the organisation sold, leased or transferred for housing, whenever it released them. Each home counts once, in the year permission was granted. Permission does not guarantee the homes are built; the number that are affordable is given in the evidence.',
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
      kind: 'calculator',
      calculator: 'register.capital-local',
      fallback: {
        kind: 'ratio',
        numerator: 'capital_spend_local_contractors_gbp',
        denominator: 'capital_spend_total_gbp',
      },
    },
    items: [CAPITAL_LOCAL, CAPITAL_TOTAL],
    source: 'Capital programme payments in the finance ledger',
    methodology:
      'Payments in the year to contractors on capital works whose trading address is in one of the partnership’s local authority districts, divided by all payments on capital works. Only the organisation’s direct payments are counted, so work a national contractor passes to local subcontractors is not seen here.',
    publishOrganisationLevel: true,
  },

  // ---------- Environment ----------
  {
    id: 'E1',
    pillar: 'environment',
    commitment: 'environment-net-zero',
    name: 'Scope 1 and 2 emissions',
    description:
      'The greenhouse gases the organisation produces directly and through the energy it buys, in tonnes of carbon dioxide equivalent.',
    unit: 'tCO2e',
    direction: 'lower',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'carbon.scope12',
      fallback: { kind: 'sum', items: ['scope1_tco2e', 'scope2_tco2e'] },
    },
    items: [SCOPE1, SCOPE2],
    source:
      'Energy bills, fleet and refrigerant records, and the UK Government GHG conversion factors',
    methodology: `Scope 1 (fuels burned, fleet, refrigerant leaks and anaesthetic gases) plus scope 2 (electricity, heat and steam bought) for the financial year. ${GHG_FACTORS} Scope 2 uses the location-based grid factor, so buying renewable electricity does not lower it. The NHS aims for net zero in the emissions it controls directly (the NHS Carbon Footprint) by 2040, with an 80% reduction by 2028–2032 against a 1990-equivalent baseline.`,
    publishOrganisationLevel: true,
  },
  {
    id: 'E2',
    pillar: 'environment',
    commitment: 'environment-net-zero',
    name: 'Reduction in scope 1 and 2 emissions since baseline',
    description:
      'How much lower the organisation’s scope 1 and 2 emissions are than in its baseline year, as a percentage.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'carbon.reduction',
      fallback: { kind: 'change_since_baseline', item: 'scope12_tco2e', reduction: true },
    },
    items: [SCOPE12],
    source: 'As E1, with the organisation’s baseline year emissions',
    methodology:
      '(Baseline emissions − this year’s emissions) ÷ baseline emissions × 100, using scope 1 and 2 emissions as in E1 and the baseline year the organisation set. A rise in emissions shows as a negative reduction. A change in the electricity grid factor alone moves this figure, so it can also be compared using one fixed year’s factors to separate real cuts from a cleaner grid.',
    publishOrganisationLevel: true,
  },
  {
    id: 'E3',
    pillar: 'environment',
    commitment: 'environment-resources',
    name: 'Electricity from renewable sources',
    description:
      'The share of the electricity the organisation used that came from renewable sources.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'carbon.renewable-share',
      fallback: {
        kind: 'ratio',
        numerator: 'electricity_renewable_kwh',
        denominator: 'electricity_total_kwh',
      },
    },
    items: [ELECTRICITY_RENEWABLE, ELECTRICITY_TOTAL],
    source: 'Energy bills, supplier tariff statements and on-site generation meters',
    methodology:
      'Electricity generated on site from renewables, or bought on a tariff backed by Renewable Energy Guarantees of Origin (REGOs), divided by all electricity used in the financial year, in kWh. A REGO-backed tariff does not necessarily pay for new renewable generation, so the evidence should say how much comes from on-site generation or a direct power purchase agreement.',
    publishOrganisationLevel: true,
  },
  {
    id: 'E4',
    pillar: 'environment',
    commitment: 'environment-resources',
    name: 'Waste recycled or reused',
    description:
      'The share of the organisation’s waste, by weight, that was reused, recycled or composted rather than burned or sent to landfill.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'carbon.recycled-share',
      fallback: {
        kind: 'ratio',
        numerator: 'waste_recycled_tonnes',
        denominator: 'waste_total_tonnes',
      },
    },
    items: [WASTE_RECYCLED, WASTE_TOTAL],
    source: 'Waste contractors’ records and waste transfer notes',
    methodology:
      'Tonnes of waste sent for reuse, recycling, composting or anaerobic digestion, divided by all waste in tonnes, in the financial year. The total includes clinical and hazardous waste. Incineration with energy recovery does not count as recycling. Weights are often estimated by contractors from bin sizes, so small changes may not be real.',
    publishOrganisationLevel: true,
  },
  {
    id: 'E5',
    pillar: 'environment',
    commitment: 'environment-net-zero',
    name: 'Anaesthetic gas emissions',
    description:
      'Greenhouse gases from anaesthetic gases used in healthcare, which are very powerful and can be cut by changing clinical practice.',
    unit: 'tCO2e',
    direction: 'lower',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'carbon.anaesthetic',
      fallback: { kind: 'value', item: 'anaesthetic_gases_tco2e' },
    },
    items: [ANAESTHETIC],
    source: 'Pharmacy and medical gas purchasing records',
    methodology:
      'Desflurane, sevoflurane, isoflurane and nitrous oxide (including Entonox) bought in the financial year, converted to tonnes of carbon dioxide equivalent with the conversion factor for each gas. Purchases stand in for use, so stock changes and leaks from piped nitrous oxide are not separated. These are direct (scope 1) emissions and are already inside E1; they are shown separately because they are a large source that can be cut. Organisations that use none report 0.',
    publishOrganisationLevel: true,
  },
  {
    id: 'E6',
    pillar: 'environment',
    commitment: 'environment-net-zero',
    name: 'Scope 3 emissions reported (travel, water, waste, supply chain)',
    description:
      'Emissions the organisation causes indirectly, through business travel, water, waste and the goods and services it buys, as far as it has measured them.',
    unit: 'tCO2e',
    direction: 'lower',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'carbon.scope3',
      fallback: { kind: 'value', item: 'scope3_tco2e' },
    },
    items: [SCOPE3],
    source:
      'Travel, water and waste records, spend data and the UK Government GHG conversion factors',
    methodology: `The scope 3 categories the organisation measures in the financial year: business travel, water supply and treatment, waste disposal and, where estimated, its supply chain. ${GHG_FACTORS} The evidence says which categories are included, because a rise can mean more complete measurement rather than more emissions. The NHS aims for net zero across its wider footprint (the NHS Carbon Footprint Plus) by 2045, with an 80% reduction by 2036–2039.`,
    publishOrganisationLevel: true,
  },

  // ---------- Local anchor partners ----------
  {
    id: 'L1',
    pillar: 'partners',
    commitment: 'partners-joint-action',
    name: 'Joint initiatives with other anchors',
    description:
      'How many initiatives the organisation runs together with other anchor institutions, such as hospitals, councils and universities.',
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
      'Initiatives active at any time in the financial year with at least two anchor institutions as named partners. Once the register is in use, the partnership total counts each initiative once, however many members take part; until then it adds up the organisations’ own counts, which double-counts shared initiatives. The count says nothing about an initiative’s size.',
    publishOrganisationLevel: true,
  },
  {
    id: 'L2',
    pillar: 'partners',
    commitment: 'partners-joint-action',
    name: 'Money pooled in joint initiatives',
    description:
      'How much money the organisation put into budgets shared with other anchor institutions.',
    unit: '£',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'register.pooled-money',
      fallback: { kind: 'value', item: 'money_pooled_gbp' },
    },
    items: [POOLED],
    source: 'The partnership’s register of joint initiatives and the finance ledger',
    methodology:
      'Cash paid in the financial year into budgets pooled with other anchors for joint initiatives, in pounds. Staff time, buildings and other in-kind contributions are described in the evidence but not counted. The partnership total adds up what each member paid in, so no money is counted twice.',
    publishOrganisationLevel: true,
  },
  {
    id: 'L3',
    pillar: 'partners',
    commitment: 'partners-vcse',
    name: 'Initiatives with VCSE partners',
    description:
      'How many of the organisation’s initiatives have a voluntary, community or social enterprise organisation as a partner.',
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
      'Initiatives active at any time in the financial year in which at least one voluntary, community or social enterprise organisation is a named partner taking part in decisions, not only a supplier or grant recipient. As for L1, the partnership total counts each initiative once when the register is in use.',
    publishOrganisationLevel: true,
  },

  // ---------- Community engagement ----------
  {
    id: 'C1',
    pillar: 'community',
    commitment: 'community-involvement',
    name: 'Engagement activities held',
    description:
      'How many events, consultations and other activities gave residents a say in what the organisation does.',
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
      'Events, consultations, workshops, listening sessions and drop-ins held in the quarter at which residents could shape or respond to the organisation’s plans. Routine patient or customer satisfaction surveys and one-way publicity are left out. A series of sessions on one topic counts each session.',
    publishOrganisationLevel: true,
  },
  {
    id: 'C2',
    pillar: 'community',
    commitment: 'community-involvement',
    name: 'Residents taking part (of whom from IMD deciles 1–2)',
    description:
      'How many residents took part in engagement activities, and how many of them live in the most deprived fifth of neighbourhoods.',
    unit: 'count',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'calculator',
      calculator: 'register.residents',
      fallback: { kind: 'value', item: 'residents_taking_part' },
    },
    items: [RESIDENTS],
    source: 'Attendance and sign-up records of engagement activities',
    methodology:
      'People taking part in engagement activities in the quarter, counted once per activity, so someone attending three events counts three times. Where participants give a home postcode, the register turns it into a neighbourhood and its deprivation decile and then discards it, and reports how many came from IMD deciles 1–2. Participants who give no postcode count in the total only.',
    publishOrganisationLevel: true,
  },
  {
    id: 'C3',
    pillar: 'community',
    commitment: 'community-involvement',
    name: 'Local priorities answered',
    description:
      'Of the priorities residents raised with the partnership, the share that have been given a public answer.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'calculator', calculator: 'priorities.answered' },
    items: [],
    source: 'Local priorities raised on the partnership’s public site',
    methodology:
      'Priorities published by the end of the financial year that have a public answer (accepted, partly accepted, not taken forward or already covered, each with a reason, given at any time up to the day the figure is read), divided by all priorities published by then. Priorities hidden by moderation are left out. An answer counts whatever it says, so this measures responsiveness, not agreement. It is a figure for the partnership as a whole: priorities are raised with the partnership, not with one organisation.',
    publishOrganisationLevel: false,
  },
  {
    id: 'C4',
    pillar: 'community',
    commitment: 'community-giving',
    name: 'Staff volunteering hours',
    description:
      'How many hours the organisation’s staff spent volunteering with community organisations.',
    unit: 'hours',
    direction: 'higher',
    frequency: 'quarterly',
    computation: {
      kind: 'calculator',
      calculator: 'register.volunteering',
      fallback: { kind: 'value', item: 'staff_volunteering_hours' },
    },
    items: [VOLUNTEERING],
    source: 'Volunteering leave records and staff returns',
    methodology:
      'Hours staff spent volunteering with community, voluntary or charitable organisations in the quarter, whether in paid volunteering leave or their own time. Hours in their own time are only known when staff report them, so the figure is an undercount. Volunteering for the organisation itself is left out.',
    publishOrganisationLevel: true,
  },
  {
    id: 'C5',
    pillar: 'community',
    commitment: 'community-giving',
    name: 'Grants and donations to the VCSE sector',
    description:
      'Money the organisation gave to voluntary, community and social enterprise organisations as grants and donations.',
    unit: '£',
    direction: 'higher',
    frequency: 'annual',
    computation: {
      kind: 'calculator',
      calculator: 'register.grants',
      fallback: { kind: 'value', item: 'vcse_grants_gbp' },
    },
    items: [GRANTS],
    source: 'Finance ledger and charitable funds accounts',
    methodology:
      'Grants and donations paid in the financial year to voluntary, community and social enterprise organisations, including from the organisation’s charitable funds, in pounds. Payments for contracted services are procurement spend (P4), not grants. Money passed on from another funder is counted only by the body that chose the recipient.',
    publishOrganisationLevel: true,
  },

  // ---------- Accountability and transparency ----------
  {
    id: 'A1',
    pillar: 'accountability',
    commitment: 'accountability-reporting',
    name: 'Indicators reported on time',
    description: 'The share of the organisation’s returns that were sent in by their due date.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'calculator', calculator: 'returns.on-time' },
    items: [],
    source: 'Anchorage returns',
    methodology:
      'For each financial year: returns (quarterly and annual) first submitted on or before their due date, divided by all returns that had fallen due. Worked out by the service from the returns themselves. A return sent back with queries and resubmitted still counts as on time if it was first submitted on time.',
    publishOrganisationLevel: true,
  },
  {
    id: 'A2',
    pillar: 'accountability',
    commitment: 'accountability-reporting',
    name: 'Reported values with evidence attached',
    description:
      'The share of the organisation’s approved figures that came with evidence: a note on method, a link or a file.',
    unit: '%',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'calculator', calculator: 'returns.evidenced' },
    items: [],
    source: 'Anchorage returns',
    methodology:
      'For each financial year: approved figures with at least a note on method, a link or a file attached, divided by all approved figures. Worked out by the service from the returns themselves. It measures whether evidence was given, not how good it is; the confidence grade shows that.',
    publishOrganisationLevel: true,
  },
  {
    id: 'A3',
    pillar: 'accountability',
    commitment: 'accountability-reporting',
    name: 'Maturity level (per pillar)',
    description:
      'How developed the organisation’s work as an anchor is on each pillar, from 1 (getting started) to 4 (leading), by its own assessment checked by reviewers.',
    unit: 'level',
    direction: 'higher',
    frequency: 'annual',
    computation: { kind: 'calculator', calculator: 'maturity.level' },
    items: [],
    source: 'Maturity self-assessment',
    methodology:
      'Each year the organisation rates itself on every pillar against the statements for levels 1 (Getting started) to 4 (Leading), with evidence, and reviewers agree or query each rating. The headline is the middle (median) of its pillar levels, the lower of the two middle ones when there is an even number; the maturity grid shows each pillar. Levels are self-assessed, so they compare an organisation with itself over time better than with others.',
    publishOrganisationLevel: true,
  },
];
