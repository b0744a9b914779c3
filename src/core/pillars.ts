/** The six pillars of a Social Value Charter (SPEC §2.3), plus accountability across all six. */
export interface Pillar {
  readonly id: PillarId;
  readonly title: string;
  readonly summary: string;
}

export const PILLAR_IDS = [
  'workforce',
  'procurement',
  'infrastructure',
  'environment',
  'partners',
  'community',
] as const;

export type PillarId = (typeof PILLAR_IDS)[number];

export const PILLARS: readonly Pillar[] = [
  {
    id: 'workforce',
    title: 'Workforce',
    summary:
      'Good work for local people: fair pay, local recruitment, apprenticeships and routes into work.',
  },
  {
    id: 'procurement',
    title: 'Procurement',
    summary:
      'Spending with local businesses, SMEs and the voluntary sector, and social value in contracts.',
  },
  {
    id: 'infrastructure',
    title: 'Infrastructure',
    summary: 'Using land, buildings and capital spend for the benefit of the community.',
  },
  {
    id: 'environment',
    title: 'Environment',
    summary: 'Cutting carbon emissions and waste on the way to net zero.',
  },
  {
    id: 'partners',
    title: 'Local anchor partners',
    summary: 'Working with other anchors and the voluntary sector on shared initiatives.',
  },
  {
    id: 'community',
    title: 'Community engagement',
    summary: 'Involving residents, volunteering and supporting community groups.',
  },
];

export function isPillarId(value: string): value is PillarId {
  return (PILLAR_IDS as readonly string[]).includes(value);
}

export function pillarTitle(id: string): string {
  return PILLARS.find((p) => p.id === id)?.title ?? id;
}

/** Accountability and transparency: the framework's indicators across all six pillars. */
export const ACCOUNTABILITY = {
  id: 'accountability',
  title: 'Accountability and transparency',
  summary: 'Across all six pillars.',
} as const;

/** The six pillars and accountability, in the order pages list them. */
export const PILLARS_AND_ACCOUNTABILITY: readonly {
  readonly id: PillarId | 'accountability';
  readonly title: string;
  readonly summary: string;
}[] = [...PILLARS, ACCOUNTABILITY];
