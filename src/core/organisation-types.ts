/** Kinds of anchor institution a partnership can include. The database CHECK lists the same ids. */
export const ORGANISATION_TYPES = [
  { id: 'nhs-trust', label: 'NHS trust' },
  { id: 'integrated-care-board', label: 'Integrated care board' },
  { id: 'primary-care', label: 'Primary care organisation' },
  { id: 'local-authority', label: 'Local authority' },
  { id: 'university', label: 'University' },
  { id: 'college', label: 'College' },
  { id: 'housing-association', label: 'Housing association' },
  { id: 'emergency-service', label: 'Fire, police or ambulance service' },
  { id: 'vcse', label: 'Voluntary, community or social enterprise' },
  { id: 'other', label: 'Other' },
] as const;

export type OrganisationType = (typeof ORGANISATION_TYPES)[number]['id'];

export function isOrganisationType(value: string): value is OrganisationType {
  return ORGANISATION_TYPES.some((t) => t.id === value);
}

export function organisationTypeLabel(id: string): string {
  return ORGANISATION_TYPES.find((t) => t.id === id)?.label ?? id;
}
