// Score against parameter count or FLOPs (log scale) for one leaderboard, with the size/score
// Pareto front drawn as a step line; hovering names the nearest model, clicking opens it.
import { useCallback, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import { paretoFront } from '../../../src/analytics/paretoFront';
import type { Leaderboard } from '../../../src/schemas/benchmarkSchemas';
import { directionText, formatFlops, formatParams, formatValue } from '../lib/format';
import { cssColor, useResolvedTheme } from '../lib/theme';
import { axisStyle, useUplot } from './useUplot';

interface Point {
  id: string;
  size: number;
  score: number;
  pareto: boolean;
}

const HEIGHT = 380;

/** What the x axis measures: the parameter count (front computed by the server) or the FLOPs a model zoo states. */
export type ScatterAxis = 'parameters' | 'flops';

const AXIS = {
  parameters: { label: 'Parameters (log scale)', format: formatParams, what: 'a known size', none: 'No model on this leaderboard has a known parameter count.', readout: (v: number) => `${formatParams(v)} parameters` },
  flops: { label: 'FLOPs per forward pass (log scale)', format: formatFlops, what: 'stated FLOPs', none: 'No model on this leaderboard has stated FLOPs.', readout: (v: number) => formatFlops(v) },
} as const;

export function ScatterChart({ board, onOpen, axis = 'parameters' }: { board: Leaderboard; onOpen: (id: string) => void; axis?: ScatterAxis }) {
  const theme = useResolvedTheme();
  const box = useRef<HTMLDivElement>(null);
  const marker = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<Point | undefined>();
  const scale = board.entries[0]?.primary_metric.scale;
  const factor = scale === 'fraction' ? 100 : 1;

  const words = AXIS[axis];

  const points = useMemo(() => {
    const pts: Point[] = [];
    for (const e of board.entries) {
      const size = axis === 'flops' ? e.model_info.flops : e.model_info.parameter_count;
      if (size === undefined || !(size > 0)) continue;
      pts.push({ id: e.model_info.model_id, size, score: e.primary_metric.value, pareto: e.on_pareto_front });
    }
    // The server's front is over parameters; the FLOPs front is the same rule over the FLOPs.
    if (axis === 'flops') paretoFront(pts, board.direction).forEach((on, i) => (pts[i].pareto = on));
    return pts.sort((a, b) => a.size - b.size || a.score - b.score);
  }, [board, axis]);

  const build = useCallback(
    (_width: number) => {
      const c = {
        text: cssColor('var(--muted)'),
        grid: cssColor('var(--grid)'),
        dots: cssColor('var(--chart-1)'),
        front: cssColor('var(--chart-2)'),
      };
      const xs = points.map((p) => p.size);
      const ys = points.map((p) => p.score * factor);
      const front = points.map((p) => (p.pareto ? p.score * factor : null));
      const nearest = (u: uPlot): number | undefined => {
        const { left, top } = u.cursor;
        if (left === undefined || top === undefined || left < 0) return undefined;
        let best: number | undefined;
        let bestD = 18 * 18;
        for (let i = 0; i < xs.length; i++) {
          const dx = u.valToPos(xs[i], 'x') - left;
          if (dx * dx > bestD) continue;
          const dy = u.valToPos(ys[i], 'y') - top;
          const d = dx * dx + dy * dy;
          if (d < bestD) {
            bestD = d;
            best = i;
          }
        }
        return best;
      };
      let hovered: number | undefined;
      const options: uPlot.Options = {
        width: 0,
        height: HEIGHT,
        legend: { show: false },
        cursor: { points: { show: false }, drag: { x: true, y: true, uni: 30 }, focus: { prox: 16 } },
        scales: { x: { time: false, distr: 3 }, y: { auto: true } },
        axes: [
          { ...axisStyle(c), label: words.label, values: (_u, vals) => vals.map((v) => (v === null || v === undefined ? '' : words.format(v))) },
          { ...axisStyle(c), label: scale === 'fraction' ? `${board.metric_name} (%)` : board.metric_name, size: 56 },
        ],
        series: [
          {},
          { label: 'Models', stroke: c.dots, fill: c.dots, paths: () => null, points: { show: true, size: 4, width: 0, fill: c.dots, stroke: c.dots } },
          {
            label: 'Pareto front',
            stroke: c.front,
            width: 2,
            spanGaps: true,
            // Between two front models the best score holds until the larger one takes over.
            paths: uPlot.paths.stepped!({ align: 1 }),
            points: { show: true, size: 7, width: 1.5, fill: c.front, stroke: c.front },
          },
        ],
        hooks: {
          setCursor: [
            (u) => {
              const i = nearest(u);
              if (i === hovered) return;
              hovered = i;
              const m = marker.current;
              if (m) {
                if (i === undefined) m.style.display = 'none';
                else {
                  m.style.display = 'block';
                  m.style.left = `${u.over.offsetLeft + u.valToPos(xs[i], 'x')}px`;
                  m.style.top = `${u.over.offsetTop + u.valToPos(ys[i], 'y')}px`;
                }
              }
              setHover(i === undefined ? undefined : points[i]);
            },
          ],
          ready: [
            (u) => {
              u.over.addEventListener('click', () => {
                if (hovered !== undefined) onOpen(points[hovered].id);
              });
              u.over.style.cursor = 'crosshair';
            },
          ],
        },
      };
      return { options, data: [xs, ys, front] as uPlot.AlignedData };
    },
    // The theme is a dependency on purpose: colors are read when the chart is built.
    [points, factor, scale, board.metric_name, board.direction, onOpen, theme, words],
  );

  useUplot(box, points.length > 0 ? build : undefined, HEIGHT);

  const onFront = points.filter((p) => p.pareto).length;
  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="legend-row">
        <span>
          <span className="swatch" style={{ background: 'var(--chart-1)' }} />
          {points.length.toLocaleString('en')} models with {words.what}
          {board.entries.length > points.length ? ` (${(board.entries.length - points.length).toLocaleString('en')} without one are left out)` : ''}
        </span>
        <span>
          <span className="swatch" style={{ background: 'var(--chart-2)' }} />
          Pareto front ({onFront}): no {axis === 'flops' ? 'cheaper' : 'smaller'} model scores as well ({directionText(board.direction)})
        </span>
        <span>Drag to zoom, double-click to reset.</span>
      </div>
      {points.length === 0 ? (
        <p className="muted">{words.none}</p>
      ) : (
        <div className="chart-box" ref={box} data-testid={axis === 'flops' ? 'scatter-flops' : 'scatter'} style={{ position: 'relative' }}>
          <div
            ref={marker}
            aria-hidden="true"
            style={{
              display: 'none',
              position: 'absolute',
              width: 12,
              height: 12,
              marginLeft: -6,
              marginTop: -6,
              borderRadius: '50%',
              border: '2px solid var(--text)',
              pointerEvents: 'none',
              zIndex: 5,
            }}
          />
        </div>
      )}
      <div className="chart-readout" aria-live="polite">
        {hover ? (
          <>
            <strong>{hover.id}</strong> · {words.readout(hover.size)} · {formatValue(hover.score, scale)}
            {hover.pareto ? ' · on the Pareto front' : ''} <span className="muted small">(click to open)</span>
          </>
        ) : (
          <span className="muted">Point at a dot to see the model.</span>
        )}
      </div>
    </div>
  );
}
