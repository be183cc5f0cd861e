// Charts for one leaderboard and its task: score vs size (and vs FLOPs where model zoos state them)
// with the Pareto front, the monthly trend, and the correlation heatmap. Loaded on demand, so the
// charting code stays out of the start-up bundle.
import { useState } from 'react';
import { CorrelationHeatmap, type CorrelationMethod } from '../components/CorrelationHeatmap';
import { ErrorNote, Loading } from '../components/Feedback';
import { ScatterChart } from '../components/ScatterChart';
import { TrendChart } from '../components/TrendChart';
import { useCatalog, useCorrelations, useLeaderboard, useTrends } from '../lib/api';
import { benchmarkLabel, directionArrow, directionText } from '../lib/format';
import { hrefFor, navigate, updateParams } from '../lib/hashRoute';
import { resolveSelection } from './LeaderboardView';

export default function ChartsView({ params }: { params: URLSearchParams }) {
  const catalog = useCatalog();
  const sel = resolveSelection(catalog.data, params);
  const [method, setMethod] = useState<CorrelationMethod>('pearson');
  const key = sel ? { task_type: sel.task, key: sel.primary.key, variant: sel.primary.variant, metric_name: sel.primary.metric_name } : undefined;
  const leaderboard = useLeaderboard(key);
  const board = leaderboard.data && leaderboard.data.key === key?.key ? leaderboard.data : undefined;
  const trends = useTrends(key);
  const corr = useCorrelations(sel?.task);

  if (catalog.isPending) return <Loading what="charts" />;
  if (catalog.error) return <ErrorNote error={catalog.error} what="the leaderboard catalog" />;
  if (!sel || !key) return <div className="card empty">No leaderboards in the current data.</div>;

  const set = (changes: Record<string, string | undefined>) => updateParams(changes, { replace: false });
  const datasets = [...new Set(sel.entries.map((e) => e.variant))];
  const metrics = sel.entries.filter((e) => e.variant === sel.primary.variant);
  const matrix = corr.data?.correlations.find((c) => c.task_type === sel.task);
  const scale = board?.entries[0]?.primary_metric.scale;

  return (
    <div className="stack">
      <div className="page-title">
        <h1>Charts</h1>
        <span className="muted">
          {sel.task} · {benchmarkLabel(sel.primary)} · {directionArrow(sel.primary.direction)} {directionText(sel.primary.direction)}
        </span>
        <a href={hrefFor('leaderboards', { task: sel.task, dataset: sel.primary.variant, metric: sel.primary.metric_name })}>Open as a table</a>
      </div>

      <section className="card" aria-label="Choose a leaderboard">
        <div className="controls">
          <label className="field">
            Task
            <select name="task" value={sel.task} onChange={(e) => set({ task: e.target.value, dataset: undefined, metric: undefined })}>
              {sel.tasks.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <label className="field">
            Dataset
            <select name="dataset" value={sel.primary.variant} onChange={(e) => set({ task: sel.task, dataset: e.target.value, metric: undefined })}>
              {datasets.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </label>
          <label className="field">
            Metric
            <select name="metric" value={sel.primary.metric_name} onChange={(e) => set({ task: sel.task, dataset: sel.primary.variant, metric: e.target.value })}>
              {metrics.map((m) => (
                <option key={m.metric_name} value={m.metric_name}>
                  {m.metric_name} {directionArrow(m.direction)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </section>

      <section className="card" aria-labelledby="scatter-h">
        <h2 id="scatter-h">Score vs parameters</h2>
        {leaderboard.error ? (
          <ErrorNote error={leaderboard.error} what="this leaderboard" />
        ) : !board ? (
          <Loading what="the leaderboard" />
        ) : (
          <ScatterChart board={board} onOpen={(id) => navigate(hrefFor(`model/${id}`))} />
        )}
      </section>

      {board && board.entries.some((e) => e.model_info.flops !== undefined) && (
        <section className="card" aria-labelledby="scatter-flops-h">
          <h2 id="scatter-flops-h">Score vs FLOPs</h2>
          <p className="muted small" style={{ margin: '0 0 8px' }}>
            FLOPs per forward pass as the model zoos state them (zoos count them differently, e.g. per image or per video clip, so compare within one zoo).
          </p>
          <ScatterChart board={board} axis="flops" onOpen={(id) => navigate(hrefFor(`model/${id}`))} />
        </section>
      )}

      <section className="card" aria-labelledby="trend-h">
        <h2 id="trend-h">Trend by model creation month</h2>
        {trends.error ? (
          <ErrorNote error={trends.error} what="trends" />
        ) : trends.isPending ? (
          <Loading what="trends" />
        ) : trends.data.trend_data.length === 0 ? (
          <p className="muted">No model on this leaderboard has a known creation date, so there is no trend to draw.</p>
        ) : (
          <TrendChart points={trends.data.trend_data} scale={scale} direction={sel.primary.direction} metricName={sel.primary.metric_name} />
        )}
      </section>

      <section className="card" aria-labelledby="corr-h">
        <header className="row-wrap">
          <h2 id="corr-h">Correlations between {sel.task} benchmarks</h2>
          <span className="spacer" />
          <div className="radio-row" role="radiogroup" aria-label="Correlation method">
            <label className="switch">
              <input type="radio" name="method" checked={method === 'pearson'} onChange={() => setMethod('pearson')} /> Pearson
            </label>
            <label className="switch">
              <input type="radio" name="method" checked={method === 'spearman'} onChange={() => setMethod('spearman')} /> Spearman
            </label>
          </div>
        </header>
        {corr.error ? (
          <ErrorNote error={corr.error} what="correlations" />
        ) : corr.isPending ? (
          <Loading what="correlations" />
        ) : (
          <CorrelationHeatmap matrix={matrix} pairs={corr.data.pairs.filter((p) => p.task_type === sel.task)} method={method} minPairs={corr.data.min_pairs} />
        )}
      </section>
    </div>
  );
}
