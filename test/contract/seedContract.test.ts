// The fine print clients of the seed API rely on, checked against the running server twice: on the
// bundled snapshot alone, and after a refresh from the fake Hub (Hub-shaped cards with percent
// strings, "±" values and many metric spellings). Each check names the seed field it protects; the
// original's response models (originalContract.ts) are checked field by field, and the body is read
// the way a client written for the original reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { lookupMetric, METRIC_DEFINITIONS } from '../../src/pipeline/metricRegistry.js';
import { formatParameterCount } from '../../src/pipeline/parseParameterCount.js';
import { sizeClass } from '../../src/pipeline/sizeClass.js';
import { startServer, type StartedApp } from '../../src/server/startServer.js';
import { makeHubModels, startFakeHub, type FakeHub } from '../support/fakeHub.js';
import { request } from '../support/httpRequest.js';
import { createTempDirs } from '../support/tempDirs.js';
import { createTestClock } from '../support/testCache.js';
import {
  contractViolations,
  OriginalBenchmarkResponseSchema,
  OriginalCacheStatusSchema,
  OriginalErrorSchema,
  OriginalHealthSchema,
  OriginalRefreshSchema,
  OriginalRootSchema,
} from './originalContract.js';
import { readLikeOriginalDashboard, TREND_FILTERS } from './readLikeOriginalDashboard.js';

/** metric_type values whose results are fractions in [0, 1]. */
const ACCURACY_LIKE = new Set(['accuracy', 'f1', 'exact_match', 'precision', 'recall', 'auc', 'map']);
/** Seed fields that hold one number. */
const NUMBER_FIELDS = new Set([
  'value', 'original_value', 'model_count', 'dataset_count', 'result_count', 'total_models', 'total_datasets', 'total_results',
  'total_entries', 'rank', 'avg_value', 'best_value', 'parameter_count', 'downloads', 'likes', 'avg_parameter_count',
  'models_with_parameters', 'efficiency_score', 'min_pairs',
]);
/** Seed fields that map names to numbers. */
const NUMBER_RECORDS = new Set(['avg_performance', 'avg_metrics', 'best_performance', 'worst_performance', 'task_distribution']);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const DATE_FIELDS = new Set(['created_at', 'last_modified', 'last_updated', 'evaluated_at', 'date', 'snapshot_date', 'timestamp']);
// The config's default CORS_ORIGINS (src/config.ts): the seed's dev front ends.
const DEFAULT_ORIGINS = ['http://localhost:3000', 'http://localhost:5173', 'http://127.0.0.1:3000', 'http://127.0.0.1:5173'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Result { metric_name: string; metric_type: string; metric_id: string; value: number; original_value: number; original_scale: string; dataset_name: string; task_type: string; source: string }
interface Info { model_id: string; model_name: string; model_family: string; task_type: string; model_size?: string; model_size_label?: string; parameter_count?: number }
interface Body {
  includes_synthetic: boolean;
  data: { model_info: Info; evaluation_results: Result[] }[];
  summary: {
    task_stats: { task_type: string; avg_metrics: Record<string, number>; top_models: string[]; top_results: { model_id: string; metric_name: string; dataset_name: string }[] }[];
    dataset_stats: { dataset_name: string; task_type: string; primary_metric: string; avg_performance: Record<string, number>; best_performance: Record<string, number>; worst_performance: Record<string, number> }[];
    model_family_stats: { family: string; model_count: number; avg_parameter_count?: number; avg_performance: Record<string, number>; task_distribution: Record<string, number> }[];
    trend_data: { date: string; task_type: string; dataset_name: string; metric_name: string; metric_type: string; model_count: number; avg_value: number; best_value: number }[];
  };
  correlations: { task_type: string; metrics: string[]; correlation_matrix: number[][]; n_matrix: number[][] }[];
  leaderboards: { task_type: string; dataset_name: string; metric_name: string; metric_type: string; entries: { model_info: Info; primary_metric: Result; secondary_metrics: Result[] }[] }[];
}

/** Every (path, key, value) in a JSON document. */
function* walk(value: Json, path = '$'): Generator<[string, string, Json]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* walk(value[i], `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield [`${path}.${k}`, k, v];
      yield* walk(v, `${path}.${k}`);
    }
  }
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const first = <T>(xs: T[], n = 5) => xs.slice(0, n);

const temp = createTempDirs('seed-contract');
let hub: FakeHub;
const apps: StartedApp[] = [];

beforeAll(async () => {
  // 20 Hub-shaped models for each of the nine default tasks.
  hub = await startFakeHub({ models: makeHubModels({ count: 180, seed: 21 }) });
});
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await hub.close();
  await temp.cleanup();
});

async function startBundled(): Promise<StartedApp> {
  const config = loadConfig({ DATA_DIR: await temp.make(), HOST: '127.0.0.1', PORT: '0', OFFLINE: '1' });
  const app = await startServer({ config, clock: createTestClock() });
  apps.push(app);
  return app;
}

async function startRefreshed(): Promise<StartedApp> {
  const config = loadConfig({ DATA_DIR: await temp.make(), HOST: '127.0.0.1', PORT: '0', HF_ENDPOINT: hub.url, MAX_MODELS_PER_TASK: '50' });
  const app = await startServer({ config, clock: createTestClock() });
  apps.push(app);
  const outcome = await app.cache.refresh().promise; // joins the start-up refresh
  if (outcome.status !== 'ok') throw new Error(`refresh from the fake Hub did not succeed: ${outcome.reason}`);
  return app;
}

describe.each([
  ['the bundled snapshot', startBundled],
  ['a refresh from the fake Hub', startRefreshed],
])('seed contract on %s', (_name, startApp) => {
  let app: StartedApp;
  let url: string;
  let body: Body;
  let results: Result[];
  /** metric names as results carry them, per "task \0 dataset". */
  const namesByDataset = new Map<string, Set<string>>();
  const resultNames = new Set<string>();
  const typeByName = new Map<string, string>();

  beforeAll(async () => {
    app = await startApp();
    url = app.server.url;
    const res = await request(`${url}/api/benchmarks`);
    expect(res.status).toBe(200);
    body = res.json();
    results = body.data.flatMap((r) => r.evaluation_results);
    for (const r of results) {
      const key = `${r.task_type}\0${r.dataset_name}`;
      if (!namesByDataset.has(key)) namesByDataset.set(key, new Set());
      namesByDataset.get(key)!.add(r.metric_name);
      resultNames.add(r.metric_name);
      typeByName.set(r.metric_name, r.metric_type);
    }
  });

  it('has data to check when started', () => {
    expect(body.data.length).toBeGreaterThan(0);
    expect(results.length).toBeGreaterThan(0);
    expect(body.leaderboards.length).toBeGreaterThan(0);
  });

  it('sends no synthetic value when include_synthetic is not asked for', () => {
    expect(results.filter((r) => r.source === 'synthetic')).toEqual([]);
    expect(body.includes_synthetic).toBe(false);
  });

  it('sends every numeric seed field as a finite JSON number (no null, NaN or Infinity) when serving /api/benchmarks', () => {
    const bad: string[] = [];
    for (const [path, key, v] of walk(body as unknown as Json)) {
      if (NUMBER_FIELDS.has(key) && !isNumber(v)) bad.push(`${path}=${JSON.stringify(v)}`);
      if (NUMBER_RECORDS.has(key)) {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) bad.push(`${path} is not an object`);
        else for (const [name, x] of Object.entries(v)) if (!isNumber(x)) bad.push(`${path}.${name}=${JSON.stringify(x)}`);
      }
      if (key === 'correlation_matrix' || key === 'n_matrix') {
        const cells = Array.isArray(v) ? v.flat() : [];
        if (!Array.isArray(v) || cells.some((c) => !isNumber(c))) bad.push(`${path} has a cell that is not a finite number`);
      }
    }
    expect(first(bad)).toEqual([]);
  });

  it('keeps accuracy-like values in [0, 1] with the published value and scale beside them when serving /api/benchmarks', () => {
    const entries = body.leaderboards.flatMap((lb) => lb.entries.flatMap((e) => [e.primary_metric, ...e.secondary_metrics]));
    const bad: string[] = [];
    for (const r of [...results, ...entries]) {
      // A leaderboard's normalized score is on its own 0–100 scale (scale "points"), not a fraction.
      if (!ACCURACY_LIKE.has(r.metric_type) || (r as { scale?: string }).scale !== 'fraction') continue;
      const where = `${r.dataset_name} / ${r.metric_name} = ${r.value} (published ${r.original_value} as ${r.original_scale})`;
      if (!(r.value >= 0 && r.value <= 1)) bad.push(where);
      if (!isNumber(r.original_value)) bad.push(`${where}: original_value missing`);
      if (r.original_scale === 'percent' && Math.abs(r.original_value / 100 - r.value) > 1e-9) bad.push(`${where}: not original / 100`);
      if (r.original_scale === 'fraction' && r.original_value !== r.value) bad.push(`${where}: not the original fraction`);
      if (r.original_scale !== 'percent' && r.original_scale !== 'fraction') bad.push(`${where}: unexpected original_scale`);
    }
    for (const d of body.summary.dataset_stats) {
      if (d.dataset_name.includes('leaderboard-normalized')) continue;
      for (const rec of [d.avg_performance, d.best_performance, d.worst_performance]) {
        for (const [name, v] of Object.entries(rec)) {
          const type = name === 'overall' ? typeByName.get(d.primary_metric) : typeByName.get(name);
          if (type && ACCURACY_LIKE.has(type) && !(v >= 0 && v <= 1)) bad.push(`dataset_stats ${d.dataset_name}.${name} = ${v}`);
        }
      }
    }
    for (const t of body.summary.trend_data) {
      if ((t as { variant?: string }).variant?.includes('leaderboard-normalized')) continue;
      const type = typeByName.get(t.metric_name);
      const inRange = (x: number) => x >= 0 && x <= 1;
      if (type && ACCURACY_LIKE.has(type) && !(inRange(t.avg_value) && inRange(t.best_value))) bad.push(`trend ${t.dataset_name} / ${t.metric_name}`);
    }
    expect(first(bad)).toEqual([]);
  });

  it('sends square, symmetric correlation matrices with 1.0 on the diagonal when serving /api/benchmarks', () => {
    for (const m of body.correlations) {
      const n = m.metrics.length;
      expect(n).toBeGreaterThanOrEqual(2);
      expect(m.correlation_matrix).toHaveLength(n);
      expect(m.n_matrix).toHaveLength(n);
      for (let i = 0; i < n; i++) {
        expect(m.correlation_matrix[i]).toHaveLength(n);
        expect(m.correlation_matrix[i][i]).toBe(1);
        for (let j = 0; j < n; j++) {
          expect(m.correlation_matrix[i][j]).toBe(m.correlation_matrix[j][i]);
          expect(Math.abs(m.correlation_matrix[i][j])).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('fills task_stats and model_family_stats, one task stat per task, when there is data', () => {
    expect(body.summary.task_stats.length).toBeGreaterThan(0);
    expect(body.summary.model_family_stats.length).toBeGreaterThan(0);
    const tasksWithResults = new Set(results.map((r) => r.task_type));
    for (const task of tasksWithResults) expect(body.summary.task_stats.map((t) => t.task_type)).toContain(task);
  });

  it('gives every dataset stat an "overall" key in avg_performance and best_performance when serving /api/benchmarks', () => {
    expect(body.summary.dataset_stats.length).toBeGreaterThan(0);
    const missing = body.summary.dataset_stats.filter((d) => !('overall' in d.avg_performance) || !('overall' in d.best_performance) || !('overall' in d.worst_performance));
    expect(missing.map((d) => d.dataset_name)).toEqual([]);
  });

  it('names metrics readably with a canonical metric_type when the registry knows the metric', () => {
    const canonicalTypes = new Set(METRIC_DEFINITIONS.map((d) => d.type));
    const bad: string[] = [];
    for (const r of results) {
      const def = lookupMetric(r.metric_id);
      if (!def) continue; // unknown metrics pass through under their own id, by design
      if (r.metric_name !== def.name || r.metric_type !== def.type || !canonicalTypes.has(r.metric_type)) {
        bad.push(`${r.metric_id}: ${r.metric_name} / ${r.metric_type}`);
      }
    }
    expect(first([...new Set(bad)])).toEqual([]);
    // The snapshot's and the fake Hub's cards both carry acc_norm (→ "normalized accuracy").
    expect(resultNames).toContain('normalized accuracy');
    expect(resultNames).not.toContain('acc_norm');
    expect(resultNames).not.toContain('acc');
  });

  it('uses the results’ metric names when naming metrics in trends, leaderboards, task stats and correlations', () => {
    const bad: string[] = [];
    // Analytics name a benchmark by its registry name or variant label (the key decides identity, not the
    // published spelling), so metric names are checked against the metric names published in that task.
    const namesByTask = new Map<string, Set<string>>();
    for (const key of namesByDataset.keys()) {
      const task = key.slice(0, key.indexOf('\0'));
      const set = namesByTask.get(task) ?? new Set<string>();
      for (const n of namesByDataset.get(key)!) set.add(n);
      namesByTask.set(task, set);
    }
    const known = (task: string, _dataset: string, name: string) => namesByTask.get(task)?.has(name.replace(/ \(leaderboard-normalized\)$/, ''));
    for (const t of body.summary.trend_data) if (!known(t.task_type, t.dataset_name, t.metric_name)) bad.push(`trend ${t.dataset_name} / ${t.metric_name}`);
    for (const lb of body.leaderboards) if (!known(lb.task_type, lb.dataset_name, lb.metric_name)) bad.push(`leaderboard ${lb.dataset_name} / ${lb.metric_name}`);
    for (const t of body.summary.task_stats) {
      for (const name of Object.keys(t.avg_metrics)) if (!resultNames.has(name.replace(/ \(leaderboard-normalized\)$/, ''))) bad.push(`task_stats ${t.task_type}.${name}`);
      for (const top of t.top_results) if (!known(t.task_type, top.dataset_name, top.metric_name)) bad.push(`top_results ${top.dataset_name} / ${top.metric_name}`);
    }
    for (const d of body.summary.dataset_stats) {
      if (!known(d.task_type, d.dataset_name, d.primary_metric)) bad.push(`dataset_stats ${d.dataset_name} primary ${d.primary_metric}`);
      for (const name of Object.keys(d.avg_performance)) if (name !== 'overall' && !known(d.task_type, d.dataset_name, name)) bad.push(`dataset_stats ${d.dataset_name}.${name}`);
    }
    for (const m of body.correlations) {
      for (const label of m.metrics) {
        const at = label.lastIndexOf(' / ');
        if (at < 0 || !known(m.task_type, label.slice(0, at), label.slice(at + 3))) bad.push(`correlation ${label}`);
      }
    }
    expect(first(bad)).toEqual([]);
  });

  it('gives every model a non-empty model_name and model_family when serving /api/benchmarks', () => {
    const infos = [...body.data.map((r) => r.model_info), ...body.leaderboards.flatMap((lb) => lb.entries.map((e) => e.model_info))];
    const bad = infos.filter((i) => typeof i.model_name !== 'string' || !i.model_name.trim() || typeof i.model_family !== 'string' || !i.model_family.trim());
    expect(first(bad.map((i) => i.model_id))).toEqual([]);
  });

  it('writes created_at, last_updated, date and the other timestamps as ISO-8601 strings when serving /api/benchmarks', () => {
    const bad: string[] = [];
    for (const [path, key, v] of walk(body as unknown as Json)) {
      if (DATE_FIELDS.has(key) && (typeof v !== 'string' || !ISO_8601.test(v) || !Number.isFinite(Date.parse(v)))) bad.push(`${path}=${JSON.stringify(v)}`);
    }
    expect(first(bad)).toEqual([]);
  });

  it('matches the original BenchmarkResponse field by field, nested models included, when serving /api/benchmarks', () => {
    expect(contractViolations(OriginalBenchmarkResponseSchema, body)).toEqual([]);
  });

  it('matches the original models of /, /health, POST /api/refresh, /api/cache-status and errors when asked', async () => {
    const [root, health, refresh, status, error] = await Promise.all([
      request(`${url}/`),
      request(`${url}/health`),
      request(`${url}/api/refresh`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }),
      request(`${url}/api/cache-status`),
      request(`${url}/api/models?limit=0`),
    ]);
    expect([root.status, health.status, refresh.status, status.status, error.status]).toEqual([200, 200, 200, 200, 400]);
    expect({
      root: contractViolations(OriginalRootSchema, root.json()),
      health: contractViolations(OriginalHealthSchema, health.json()),
      refresh: contractViolations(OriginalRefreshSchema, refresh.json()),
      status: contractViolations(OriginalCacheStatusSchema, status.json()),
      error: contractViolations(OriginalErrorSchema, error.json()),
    }).toEqual({ root: [], health: [], refresh: [], status: [], error: [] });
  });

  it('lists top_models as the ids of top_results, best first, when summarising tasks', () => {
    for (const t of body.summary.task_stats) expect(t.top_models).toEqual(t.top_results.map((r) => r.model_id));
    expect(body.summary.task_stats.some((t) => t.top_models.length > 0)).toBe(true);
  });

  it('gives model_size as the size class of parameter_count and the readable count as model_size_label when the size is known', () => {
    const infos = [...body.data.map((r) => r.model_info), ...body.leaderboards.flatMap((lb) => lb.entries.map((e) => e.model_info))];
    const sized = infos.filter((i) => i.parameter_count !== undefined);
    expect(sized.length).toBeGreaterThan(0);
    const bad = infos.filter((i) =>
      i.parameter_count === undefined
        ? i.model_size !== undefined || i.model_size_label !== undefined
        : i.model_size !== sizeClass(i.parameter_count) || i.model_size_label !== formatParameterCount(i.parameter_count),
    );
    expect(first(bad.map((i) => `${i.model_id}: ${i.parameter_count} → ${i.model_size} / ${i.model_size_label}`))).toEqual([]);
  });

  it('sends at most one trend row per date, task and metric type, each following one benchmark that /api/trends also has', async () => {
    const keys = body.summary.trend_data.map((t) => `${t.date}|${t.task_type}|${t.metric_type}`);
    expect(first(keys.filter((k, i) => keys.indexOf(k) !== i))).toEqual([]);
    const series = new Map<string, Set<string>>();
    for (const t of body.summary.trend_data) {
      const key = `${t.task_type}|${t.metric_type}`;
      if (!series.has(key)) series.set(key, new Set());
      series.get(key)!.add(`${t.dataset_name} / ${t.metric_name}`);
    }
    for (const [key, benchmarks] of series) expect([key, benchmarks.size]).toEqual([key, 1]);
    const all = (await request(`${url}/api/trends`)).json().trend_data;
    expect(all.length).toBeGreaterThanOrEqual(body.summary.trend_data.length);
    const summary = (await request(`${url}/api/summary`)).json();
    expect(summary.trend_data).toEqual(body.summary.trend_data);
    const inAll = new Set(all.map((t: Json) => JSON.stringify(t)));
    expect(first(body.summary.trend_data.filter((t) => !inAll.has(JSON.stringify(t))))).toEqual([]);
  });

  it('renders without a TypeError or a repeated trend key when read like a client of the original', () => {
    const view = readLikeOriginalDashboard(body);
    expect(view.families).toHaveLength(body.summary.model_family_stats.length);
    expect(view.taskRows).toHaveLength(body.summary.task_stats.length);
    expect(view.datasetRows).toHaveLength(body.summary.dataset_stats.length);
    expect(view.sizeBadges.length).toBeGreaterThan(body.data.length);
    // At least one chart has points, so the uniqueness check above ran on real rows.
    expect(Math.max(...TREND_FILTERS.map((f) => view.trendCharts.get(f)!.size))).toBeGreaterThan(0);
  });

  it('answers POST /api/refresh with 200, a message and a timestamp when the body is empty JSON', async () => {
    const res = await request(`${url}/api/refresh`, { method: 'POST', body: '', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ message: expect.any(String), timestamp: expect.stringMatching(ISO_8601) });
  });

  it('answers /api/cache-status with the seed’s fields when asked', async () => {
    const res = await request(`${url}/api/cache-status`);
    expect(res.json()).toMatchObject({ cache_valid: expect.any(Boolean), last_updated: expect.stringMatching(ISO_8601), ttl_minutes: 60, has_data: true, data_count: body.data.length });
  });

  it('puts a string detail and a message in the body when answering with an error', async () => {
    const answers = await Promise.all([
      request(`${url}/api/models?limit=-1`),
      request(`${url}/api/benchmarks?force_refresh=maybe`),
      request(`${url}/api/models/nobody/nothing`),
      request(`${url}/api/no-such-endpoint`),
      request(`${url}/api/refresh`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'text/plain' } }),
      request(`${url}/api/refresh`, { method: 'POST', body: '{', headers: { 'Content-Type': 'application/json' } }),
      request(`${url}/health`, { headers: { Host: 'evil.example' } }),
      request(`${url}/health`, { headers: { Origin: 'http://evil.example' } }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 404, 404, 415, 400, 403, 403]);
    for (const a of answers) {
      const b = a.json();
      expect(typeof b.detail).toBe('string');
      expect(b.detail.length).toBeGreaterThan(0);
      expect(typeof b.message).toBe('string');
    }
  });

  it('answers CORS preflights and requests when they come from a default allowed origin', async () => {
    for (const origin of DEFAULT_ORIGINS) {
      const pre = await request(`${url}/api/refresh`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe(origin);
      const get = await request(`${url}/api/cache-status`, { headers: { Origin: origin } });
      expect(get.headers['access-control-allow-origin']).toBe(origin);
    }
  });

  it('answers /health with status "healthy" and a boolean cache_valid when data is loaded', async () => {
    const health = (await request(`${url}/health`)).json();
    expect(health.status).toBe('healthy');
    expect(health.timestamp).toMatch(ISO_8601);
    expect(typeof health.cache_valid).toBe('boolean');
  });
});
