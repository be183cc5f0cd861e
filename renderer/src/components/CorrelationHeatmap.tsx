// Correlations between a task's benchmarks as a CSS-grid heatmap (Pearson or Spearman, from the
// paired results), each cell naming its coefficient, how many models it rests on and, for Pearson,
// its 95 % confidence interval, in a tooltip large enough to read.
import { useMemo, useState } from 'react';
import type { CorrelationMatrix, CorrelationPair } from '../../../src/schemas/benchmarkSchemas';
import { formatCount } from '../lib/format';

export type CorrelationMethod = 'pearson' | 'spearman';

interface Cell {
  r: number | undefined;
  n: number | undefined;
  /** Pearson r and its 95 % interval (Fisher's z); the interval is absent when n ≤ 3. */
  pearson: number | undefined;
  low: number | undefined;
  high: number | undefined;
}

const EMPTY: Cell = { r: undefined, n: undefined, pearson: undefined, low: undefined, high: undefined };

/** Square matrix over the task's metrics: the pairs give both methods; the matrix gives the diagonal's n. */
export function correlationGrid(matrix: CorrelationMatrix | undefined, pairs: readonly CorrelationPair[], method: CorrelationMethod) {
  const names = new Set<string>(matrix?.metrics ?? []);
  for (const p of pairs) {
    names.add(p.metric_a);
    names.add(p.metric_b);
  }
  const metrics = [...names].sort((a, b) => a.localeCompare(b));
  const at = new Map(metrics.map((m, i) => [m, i]));
  const cells: Cell[][] = metrics.map(() => metrics.map(() => EMPTY));
  for (const p of pairs) {
    const a = at.get(p.metric_a)!;
    const b = at.get(p.metric_b)!;
    cells[a][b] = cells[b][a] = { r: p[method], n: p.n, pearson: p.pearson, low: p.pearson_ci_low, high: p.pearson_ci_high };
  }
  metrics.forEach((m, i) => {
    const j = matrix?.metrics.indexOf(m) ?? -1;
    cells[i][i] = { r: 1, n: j >= 0 ? matrix!.n_matrix[j][j] : undefined, pearson: 1, low: 1, high: 1 };
  });
  return { metrics, cells };
}

const fmt = (r: number) => r.toFixed(3).replace('-', '−');

/** What a cell says, one line per fact: the pair, the coefficient, the interval, n. */
export function describeCell(row: string, col: string, c: Cell, method: CorrelationMethod, minPairs: number): string[] {
  if (c.r === undefined) return [`${row} × ${col}`, `Not computed: fewer than ${minPairs} models have both results.`];
  if (row === col) return [row, `r = 1 (a benchmark with itself)`, c.n !== undefined ? `n = ${formatCount(c.n)} models with this result` : ''].filter(Boolean);
  const interval = c.low !== undefined && c.high !== undefined ? `95% CI ${fmt(c.low)} to ${fmt(c.high)}` : 'no interval: 3 models or fewer';
  const lines = [`${row} × ${col}`];
  if (method === 'pearson') lines.push(`Pearson r = ${fmt(c.r)}`, interval);
  else lines.push(`Spearman ρ = ${fmt(c.r)}`, `Pearson r = ${c.pearson !== undefined ? fmt(c.pearson) : '—'}, ${interval}`);
  if (c.n !== undefined) lines.push(`n = ${formatCount(c.n)} models with both results`);
  return lines;
}

function cellStyle(r: number | undefined) {
  if (r === undefined) return undefined;
  const pct = Math.round(Math.min(1, Math.abs(r)) * 100);
  const hue = r >= 0 ? '#c8412b' : '#2b59c3';
  return {
    background: `color-mix(in srgb, ${hue} ${pct}%, var(--surface))`,
    color: pct > 55 ? '#fff' : 'var(--text)',
  };
}

interface Tip {
  lines: string[];
  left: number;
  top: number;
  above: boolean;
}

export function CorrelationHeatmap(props: { matrix: CorrelationMatrix | undefined; pairs: CorrelationPair[]; method: CorrelationMethod; minPairs: number }) {
  const { metrics, cells } = useMemo(() => correlationGrid(props.matrix, props.pairs, props.method), [props.matrix, props.pairs, props.method]);
  const [tip, setTip] = useState<Tip | undefined>();
  if (metrics.length < 2) return <p className="muted">Too few benchmarks with at least {props.minPairs} paired models to correlate.</p>;
  const label = props.method === 'pearson' ? 'Pearson r' : 'Spearman ρ';

  const show = (el: HTMLElement, lines: string[]) => {
    const box = el.getBoundingClientRect();
    // Below the cell, or above it when the cell sits in the lower part of the window.
    const above = box.bottom + 130 > window.innerHeight;
    // Centred on the cell, kept inside the window (the tip is at most 360 px wide).
    const half = Math.min(180, (window.innerWidth - 16) / 2);
    const left = Math.max(8 + half, Math.min(box.left + box.width / 2, window.innerWidth - 8 - half));
    setTip({ lines, left, top: above ? box.top - 6 : box.bottom + 6, above });
  };

  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="heatmap-scroll" onScroll={() => setTip(undefined)}>
        <div
          className="heatmap"
          role="table"
          aria-label={`${label} between benchmarks`}
          style={{ gridTemplateColumns: `minmax(120px, max-content) repeat(${metrics.length}, var(--hm-cell))` }}
          onMouseLeave={() => setTip(undefined)}
        >
          <div role="row" style={{ display: 'contents' }}>
            <div className="hm-label" role="columnheader" />
            {metrics.map((m) => (
              <div key={m} className="hm-label hm-col" role="columnheader" title={m}>
                {m}
              </div>
            ))}
          </div>
          {metrics.map((row, i) => (
            <div role="row" key={row} style={{ display: 'contents' }}>
              <div className="hm-label hm-row" role="rowheader" title={row}>
                {row}
              </div>
              {metrics.map((col, j) => {
                const c = cells[i][j];
                const lines = describeCell(row, col, c, props.method, props.minPairs);
                return (
                  <div
                    key={col}
                    role="cell"
                    className={`hm-cell${c.r === undefined ? ' na' : ''}`}
                    style={cellStyle(c.r)}
                    aria-label={lines.join('; ')}
                    data-n={c.n}
                    data-ci-low={c.low}
                    data-ci-high={c.high}
                    onMouseEnter={(e) => show(e.currentTarget, lines)}
                  >
                    {c.r === undefined ? '·' : c.r.toFixed(2)}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
      {tip && (
        <div className={`hm-tip${tip.above ? ' above' : ''}`} role="tooltip" style={{ left: tip.left, top: tip.top }}>
          <strong>{tip.lines[0]}</strong>
          {tip.lines.slice(1).map((l) => (
            <span key={l}>{l}</span>
          ))}
        </div>
      )}
      <div className="legend-row">
        <span>−1</span>
        <span className="hm-scale" aria-hidden="true" />
        <span>+1</span>
        <span>
          Hover a cell for the exact value, n (models with both results) and the 95% confidence interval of Pearson’s r (Fisher’s z). Empty cells: fewer than{' '}
          {props.minPairs} paired models.
        </span>
      </div>
    </div>
  );
}
