// CSV for spreadsheets (Excel, WPS) and scripts alike: UTF-8 with a BOM so that Excel shows the
// Chinese, CRLF line ends, every cell quoted, and a leading = + - @ neutralised so that a
// spreadsheet never runs a cell as a formula.

export type CsvCell = string | number | null

export function csvCell(value: CsvCell): string {
  const s = value === null ? '' : String(value)
  const safe = typeof value === 'number' ? s : /^[=+\-@]/.test(s) ? `'${s}` : s
  return `"${safe.replace(/"/g, '""')}"`
}

/** The document: optional comment lines ("# …", e.g. the licence), the header, the rows. */
export function csvDocument(header: string[], rows: CsvCell[][], comments: string[] = []): string {
  const lines = [
    ...comments.map((c) => `# ${c.replace(/[\r\n]+/g, ' ')}`),
    header.map(csvCell).join(','),
    ...rows.map((r) => r.map(csvCell).join(',')),
  ]
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
