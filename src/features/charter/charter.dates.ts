/** The dates that decide where a version's consultation stands. */
import { addDays, isoDate } from '../../core/periods.js';
import type { CharterVersion } from './charter.service.js';

/** The last day a consultation counts as open: its closing date, or the day before it closed early. */
export function lastOpenDay(
  v: Pick<CharterVersion, 'consultation_closed_at' | 'consultation_closes'>,
): string | null {
  if (v.consultation_closed_at) {
    const closed = addDays(isoDate(v.consultation_closed_at), -1);
    return v.consultation_closes && v.consultation_closes < closed ? v.consultation_closes : closed;
  }
  return v.consultation_closes;
}
