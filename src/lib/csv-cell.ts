/**
 * A cell for a CSV or spreadsheet download that a spreadsheet will not run as a formula (CSV
 * injection): text that starts with =, +, -, @, a tab or a carriage return is written with a
 * leading apostrophe, so it is shown as text.
 *
 * A plain number is left alone, signed or not, with a pound sign, thousands separators or a
 * trailing percent sign: a spreadsheet reads it as the number it is, nothing in it can call
 * anything, and a file corrected and imported again reads it back as it was (a refund of
 * -50.00 stays -50.00).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?£?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)%?$/;

export function safeCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}
