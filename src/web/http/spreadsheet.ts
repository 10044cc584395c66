/**
 * CSV cells opened in a spreadsheet: a cell starting with = + - @ (or a tab or carriage return,
 * which some spreadsheets skip before reading a formula) is run as a formula, so text a person
 * typed could fetch a URL or run a command on the reader's machine. Such a cell is written with a
 * leading apostrophe, which spreadsheets show as text (OWASP "CSV injection"). A plain number
 * ("-1500.00") runs nothing and stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/

export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell
}

/** csv-stringify options writing every text cell with spreadsheetSafe. */
export const SPREADSHEET_SAFE = { cast: { string: spreadsheetSafe } } as const
