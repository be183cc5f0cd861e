// The benchmark's one output table: rows grouped by section, with a ✓/✗ column for rows that carry a target.
export interface Row {
  section: string;
  name: string;
  /** The measured value, formatted. */
  value: string;
  /** Extra measurements (spread, p99, counts), formatted. */
  detail?: string;
  /** Target, formatted, e.g. "≤ 11×". */
  target?: string;
  /** Set when the row has a target. */
  met?: boolean;
  /** Raw numbers for the JSON results. */
  data?: Record<string, unknown>;
}

const width = (s: string) => [...s].length;
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function renderTable(rows: readonly Row[]): string {
  const header = ['Measurement', 'Value', 'Detail', 'Target', 'Met'];
  const cells = rows.map((r) => [r.name, r.value, r.detail ?? '', r.target ?? '', r.met === undefined ? '' : r.met ? '✓' : '✗']);
  const widths = header.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]))));
  const line = (c: string[]) => `│ ${c.map((x, i) => pad(x, widths[i])).join(' │ ')} │`;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  const out = [rule('┌', '┬', '┐'), line(header), rule('├', '┼', '┤')];
  let section = '';
  rows.forEach((r, i) => {
    if (r.section !== section) {
      if (section !== '') out.push(rule('├', '┼', '┤'));
      section = r.section;
      const title = `${r.section}`;
      out.push(`│ ${pad(title, widths.reduce((a, w) => a + w + 3, -3))} │`);
    }
    out.push(line(cells[i]));
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
