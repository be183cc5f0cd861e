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
/** How long a click waits to see whether it is the first of a double-click. */
const DOUBLE_CLICK_MS = 260;

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
  const [zoomed, setZoomed] = useState(false);
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
              // A click opens the model under the pointer, but not the clicks of a double-click (which
              // resets the zoom) nor the end of a drag (which zooms): the open waits out a double-click.
              let downAt: { x: number; y: number } | undefined;
              let pending: ReturnType<typeof setTimeout> | undefined;
              u.over.addEventListener('mousedown', (e) => (downAt = { x: e.clientX, y: e.clientY }));
              u.over.addEventListener('click', (e) => {
                const dragged = downAt !== undefined && Math.hypot(e.clientX - downAt.x, e.clientY - downAt.y) > 4;
                clearTimeout(pending);
                if (dragged || e.detail > 1 || hovered === undefined) return;
                const id = points[hovered].id;
                pending = setTimeout(() => onOpen(id), DOUBLE_CLICK_MS);
              });
              u.over.addEventListener('dblclick', () => clearTimeout(pending));
              u.over.style.cursor = 'crosshair';
            },
          ],
          setScale: [
            (u, key) => {
              if (key !== 'x') return;
              const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
              // uPlot pads the full range; zoomed means the x range no longer takes in every model.
              setZoomed((u.scales.x.min ?? lo) > lo || (u.scales.x.max ?? hi) < hi);
            },
          ],
        },
      };
      return { options, data: [xs, ys, front] as uPlot.AlignedData };
    },
    // The theme is a dependency on purpose: colors are read when the chart is built.
    [points, factor, scale, board.metric_name, board.direction, onOpen, theme, words],
  );

  const plot = useUplot(box, points.length > 0 ? build : undefined, HEIGHT);
  const resetZoom = () => {
    const u = plot.current;
    if (!u) return;
    // setData re-fits both scales to the data, as uPlot's own double-click does.
    u.setData(u.data);
    setZoomed(false);
  };

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
        <span className="muted">Drag to zoom; double-click or “Reset zoom” to see all.</span>
        <button type="button" className="small" onClick={resetZoom} disabled={!zoomed} data-testid="reset-zoom">
          Reset zoom
        </button>
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
