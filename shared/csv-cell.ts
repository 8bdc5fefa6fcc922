// One cell of a CSV file the app writes (the Review screen's flagged orders, the benchmark's
// results). Quoted where the text needs it; text that a spreadsheet would take for a formula
// (a leading = + - @) gets an apostrophe first, so opening the file runs nothing. Numbers are
// written as they are: -1 is a number there, not a formula.
export function csvCell(v: string | number | boolean | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  const safe = typeof v === 'string' && /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}
