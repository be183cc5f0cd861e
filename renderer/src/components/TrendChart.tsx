// Monthly trend of one benchmark by model creation date: the mean and the best score of the models
// created that month (analytics.trends), with the month's model count on hover.
import { useCallback, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import type { Direction, Scale, TrendPoint } from '../../../src/schemas/benchmarkSchemas';
import { directionText, formatValue } from '../lib/format';
import { cssColor, useResolvedTheme } from '../lib/theme';
import { axisStyle, useUplot } from './useUplot';

const HEIGHT = 300;

export function TrendChart({ points, scale, direction, metricName }: { points: TrendPoint[]; scale: Scale | undefined; direction: Direction; metricName: string }) {
  const theme = useResolvedTheme();
  const box = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<TrendPoint | undefined>();
  const factor = scale === 'fraction' ? 100 : 1;
  const sorted = useMemo(() => [...points].sort((a, b) => Date.parse(a.date) - Date.parse(b.date)), [points]);

  const build = useCallback(
    (_width: number) => {
      const c = { text: cssColor('var(--muted)'), grid: cssColor('var(--grid)'), avg: cssColor('var(--chart-1)'), best: cssColor('var(--chart-3)') };
      const xs = sorted.map((p) => Date.parse(p.date) / 1000);
      const options: uPlot.Options = {
        width: 0,
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: true } },
        axes: [
          { ...axisStyle(c) },
          { ...axisStyle(c), label: scale === 'fraction' ? `${metricName} (%)` : metricName, size: 56 },
        ],
        series: [
          {},
          { label: 'Mean', stroke: c.avg, width: 2, points: { show: sorted.length < 60, size: 5, fill: c.avg } },
          { label: 'Best', stroke: c.best, width: 2, dash: [6, 4], points: { show: sorted.length < 60, size: 5, fill: c.best } },
        ],
        hooks: {
          setCursor: [
            (u) => {
              const i = u.cursor.idx;
              setHover(i === null || i === undefined ? undefined : sorted[i]);
            },
          ],
        },
      };
      return { options, data: [xs, sorted.map((p) => p.avg_value * factor), sorted.map((p) => p.best_value * factor)] as uPlot.AlignedData };
    },
    // Colors are read when the chart is built, so the theme rebuilds it.
    [sorted, factor, scale, metricName, theme],
  );

  useUplot(box, sorted.length > 0 ? build : undefined, HEIGHT);

  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="legend-row">
        <span>
          <span className="swatch" style={{ background: 'var(--chart-1)' }} />
          Mean of models created that month
        </span>
        <span>
          <span className="swatch" style={{ background: 'var(--chart-3)' }} />
          Best that month ({directionText(direction)})
        </span>
      </div>
      <div className="chart-box" ref={box} data-testid="trends" />
      <div className="chart-readout" aria-live="polite">
        {hover ? (
          <>
            <strong>{hover.date.slice(0, 7)}</strong>: {hover.model_count} model{hover.model_count === 1 ? '' : 's'} · mean {formatValue(hover.avg_value, scale)} · best{' '}
            {formatValue(hover.best_value, scale)}
          </>
        ) : (
          <span className="muted">Point at the chart to see a month.</span>
        )}
      </div>
    </div>
  );
}
