/**
 * The demo's published figures: 2023/24, 2024/25 and 2025/26, as a partnership would have
 * published them, and one correction, so that a newcomer sees what the public sees and how a
 * correction reads. Weaver Vale Homes asked, after 2024/25 was first published, for only the
 * partnership total to be shown for W2 (its contracted-out staff are few): 2024/25 was corrected
 * to say so. All fictional.
 */
import type { AuditActor } from '../features/audit/audit.repo.js';
import type { Deps } from '../deps.js';
import type { Partnership } from '../db/schema.js';
import { findOrganisationByCode } from '../features/tenancy/tenancy.repo.js';

export const DEMO_CORRECTION =
  'Weaver Vale Homes asked for only the partnership total to be shown for W2, contracted-out staff paid the Real Living Wage.';

export async function seedDemoPublishing(
  deps: Deps,
  partnership: Partnership,
  actor: AuditActor,
): Promise<void> {
  const publishing = deps.publishing;
  for (const fy of [2023, 2024]) await publishing.publish(partnership.id, fy, actor, null);
  const weaverVale = await findOrganisationByCode(deps.database.db, partnership.id, 'DEMO-WVH');
  if (weaverVale) {
    const allowed = ['W2'];
    await publishing.choose(partnership.id, weaverVale.id, new Set(), allowed, actor);
    await publishing.publish(partnership.id, 2024, actor, DEMO_CORRECTION);
  }
  await publishing.publish(partnership.id, 2025, actor, null);
}
