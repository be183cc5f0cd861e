// Correlations between a task's benchmarks as a CSS-grid heatmap (Pearson or Spearman, from the
// paired results), each cell naming its coefficient and how many models it rests on.
import { useMemo } from 'react';
import type { CorrelationMatrix, CorrelationPair } from '../../../src/schemas/benchmarkSchemas';
import { formatCount } from '../lib/format';

export type CorrelationMethod = 'pearson' | 'spearman';

interface Cell {
  r: number | undefined;
  n: number | undefined;
}

/** Square matrix over the task's metrics: the pairs give both methods; the matrix gives the diagonal's n. */
export function correlationGrid(matrix: CorrelationMatrix | undefined, pairs: readonly CorrelationPair[], method: CorrelationMethod) {
  const names = new Set<string>(matrix?.metrics ?? []);
  for (const p of pairs) {
    names.add(p.metric_a);
    names.add(p.metric_b);
  }
  const metrics = [...names].sort((a, b) => a.localeCompare(b));
  const at = new Map(metrics.map((m, i) => [m, i]));
  const cells: Cell[][] = metrics.map(() => metrics.map(() => ({ r: undefined, n: undefined })));
  for (const p of pairs) {
    const a = at.get(p.metric_a)!;
    const b = at.get(p.metric_b)!;
    cells[a][b] = cells[b][a] = { r: p[method], n: p.n };
  }
  metrics.forEach((m, i) => {
    const j = matrix?.metrics.indexOf(m) ?? -1;
    cells[i][i] = { r: 1, n: j >= 0 ? matrix!.n_matrix[j][j] : undefined };
  });
  return { metrics, cells };
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

export function CorrelationHeatmap(props: { matrix: CorrelationMatrix | undefined; pairs: CorrelationPair[]; method: CorrelationMethod; minPairs: number }) {
  const { metrics, cells } = useMemo(() => correlationGrid(props.matrix, props.pairs, props.method), [props.matrix, props.pairs, props.method]);
  if (metrics.length < 2) return <p className="muted">Too few benchmarks with at least {props.minPairs} paired models to correlate.</p>;
  const label = props.method === 'pearson' ? 'Pearson r' : 'Spearman ρ';
  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="heatmap-scroll">
        <div
          className="heatmap"
          role="table"
          aria-label={`${label} between benchmarks`}
          style={{ gridTemplateColumns: `minmax(120px, max-content) repeat(${metrics.length}, var(--hm-cell))` }}
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
                const title =
                  c.r === undefined
                    ? `${row} × ${col}: fewer than ${props.minPairs} models have both`
                    : `${row} × ${col}: ${label} = ${c.r.toFixed(3)}${c.n !== undefined ? ` (n = ${formatCount(c.n)} models)` : ''}`;
                return (
                  <div key={col} role="cell" className={`hm-cell${c.r === undefined ? ' na' : ''}`} style={cellStyle(c.r)} title={title} aria-label={title} data-n={c.n}>
                    {c.r === undefined ? '·' : c.r.toFixed(2)}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
      <div className="legend-row">
        <span>−1</span>
        <span className="hm-scale" aria-hidden="true" />
        <span>+1</span>
        <span>Hover a cell for the exact value and n (models with both results). Empty cells: fewer than {props.minPairs} paired models.</span>
      </div>
    </div>
  );
}
