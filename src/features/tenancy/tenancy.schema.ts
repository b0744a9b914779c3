/** Validation for partnership, organisation and invitation input: shared by forms and the command line. */
import { z } from 'zod';
import { isOrganisationType } from '../../core/organisation-types.js';
import { isPillarId } from '../../core/pillars.js';
import { isRole, type Role } from '../../core/roles.js';
import { normalisePostcode } from '../../lib/postcodes.js';
import { line } from '../../lib/text.js';

/** Form fields arrive as a string, an array (repeated checkboxes) or nothing. */
const stringList = z.preprocess(
  (v): unknown[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
  z.array(z.string()),
);

const checkbox = z.preprocess((v) => v === 'yes' || v === 'true' || v === true, z.boolean());

const name = (what: string) => line(what, 200, { required: `Enter ${what}` });

export const slugSchema = z
  .string({ error: 'Enter a short name for web addresses' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter a short name for web addresses')
  .max(60, 'The short name must be 60 characters or fewer')
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'The short name can only contain lowercase letters, numbers and single hyphens, like cheshire-merseyside',
  );

export const emailSchema = z
  .string({ error: 'Enter an email address' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address')
  .pipe(z.email('Enter an email address in the correct format, like name@example.org'));

export function partnershipSettingsSchema(isDistrict: (code: string) => boolean) {
  return z.object({
    name: name('the partnership name'),
    localArea: stringList
      .refine((codes) => codes.length > 0, 'Select at least one local authority district')
      .refine((codes) => codes.every(isDistrict), 'Select districts from the list'),
    fyStartMonth: z.coerce
      .number({ error: 'Select the month the financial year starts' })
      .int()
      .min(1, 'Select the month the financial year starts')
      .max(12, 'Select the month the financial year starts'),
    isPublic: checkbox,
    requireStaffTotp: checkbox,
    imdEdition: z
      .enum(['2019', '2025'], { error: 'Select the edition of the deprivation index' })
      .optional()
      .transform((v) => (v === undefined ? undefined : v === '2019' ? 2019 : 2025)),
  });
}

export function newPartnershipSchema(isDistrict: (code: string) => boolean) {
  return partnershipSettingsSchema(isDistrict)
    .extend({
      slug: slugSchema,
      leadEmail: z
        .string()
        .trim()
        .toLowerCase()
        .optional()
        .transform((v) => (v ? v : undefined))
        .pipe(z.email('Enter the lead’s email address in the correct format').optional()),
      leadName: line('the lead’s name', 120).optional(),
    })
    .refine((v) => !v.leadEmail || !!v.leadName, {
      path: ['leadName'],
      message: 'Enter the lead’s name',
      // Check this even when other fields have problems, so every error shows at once.
      when: (payload) => {
        const raw = payload.value as { leadEmail?: unknown; leadName?: unknown };
        return typeof raw.leadEmail === 'string' && raw.leadEmail !== '';
      },
    });
}

export type PartnershipSettingsInput = z.infer<ReturnType<typeof partnershipSettingsSchema>>;
export type NewPartnershipInput = z.infer<ReturnType<typeof newPartnershipSchema>>;

export const organisationSchema = z.object({
  name: name('the organisation name'),
  type: z
    .string({ error: 'Select the type of organisation' })
    .refine(isOrganisationType, 'Select the type of organisation'),
  code: z
    .string({ error: 'Enter the organisation code' })
    .trim()
    .toUpperCase()
    .min(1, 'Enter the organisation code')
    .regex(
      /^[A-Z0-9][A-Z0-9-]{0,19}$/,
      'The code can only contain letters, numbers and hyphens, up to 20 characters, like RBQ',
    ),
  postcode: z
    .string({ error: 'Enter the postcode' })
    .trim()
    .min(1, 'Enter the postcode')
    .transform((v, ctx) => {
      const normalised = normalisePostcode(v);
      if (!normalised) {
        ctx.addIssue({ code: 'custom', message: 'Enter a real postcode, like L14 3PE' });
        return z.NEVER;
      }
      return normalised;
    }),
  londonWeighting: checkbox,
});

export type OrganisationInput = z.infer<typeof organisationSchema>;

export const inviteSchema = z
  .object({
    displayName: line('the name', 120, { required: 'Enter their full name' }),
    email: emailSchema,
    role: z.string({ error: 'Select a role' }).refine((v): v is Role => isRole(v), 'Select a role'),
    pillars: stringList.refine((ids) => ids.every(isPillarId), 'Select pillars from the list'),
  })
  .transform((v) => ({ ...v, role: v.role }));

export type InviteInput = z.infer<typeof inviteSchema>;
