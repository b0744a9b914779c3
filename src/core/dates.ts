/**
 * Dates as people read them, one way everywhere: "28 February 2027" (and "28 Feb 2027, 14:05"
 * with a time). A calendar date held as text ("2027-02-28", a due date, a target's date) is that
 * day wherever the server is; a moment (a Date: when something was sent or changed) is shown as
 * the day it was in the UK. Machine-readable places (form boxes, CSV, `datetime` attributes)
 * keep ISO dates and do not use this.
 */
const day = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const calendarDay = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const moment = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "28 February 2027", from a Date or a calendar date "2027-02-28" (empty for nothing). */
export function formatDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    const m = ISO_DAY.exec(value);
    if (m) return calendarDay.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return day.format(new Date(value));
  }
  return day.format(value);
}

/** "28 Feb 2027, 14:05" (UK time), for when something happened. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return moment.format(value instanceof Date ? value : new Date(value));
}
