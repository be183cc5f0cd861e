// Correlations between metric keys within each task, paired by model: the rich pair list (Pearson with
// its 95 % interval, Spearman, n per pair) and, per task, the seed-shaped complete Pearson matrix.
import type { BenchmarkRecord, CorrelationMatrix, CorrelationPair } from '../schemas/benchmarkSchemas.js';
import { fisherInterval } from './fisherInterval.js';
import { compareStrings, groupResultsByKey, indexResults, type MetricKey, type ResultIndex, type SelectionOptions } from './indexResults.js';
import { pearson } from './pearson.js';
import { pearsonOf } from './pearson.js';
import { sortedOrder } from './sortedOrder.js';

export interface CorrelationOptions extends SelectionOptions {
  /** Fewest models that must have both metrics for a pair to be reported (default 10, at least 2). */
  minPairs?: number;
  /** Most metrics in one task's matrix (default 12, at least 2). */
  maxMetrics?: number;
}

export interface Correlations {
  matrices: CorrelationMatrix[];
  pairs: CorrelationPair[];
}

interface PairResult {
  n: number;
  pearson: number;
  pearson_ci_low?: number;
  pearson_ci_high?: number;
  spearman: number;
}

/** Up to this many candidate keys in a task, pair counters live in a flat triangular array (≤ 8.4 M slots). */
const DENSE_MAX_KEYS = 4096;

/**
 * Pearson and Spearman correlations between metric keys (dataset / metric) of the same task, over the
 * models that have both (a model missing either is not in that pair). Each Pearson r carries its 95 %
 * confidence interval by Fisher's z (`fisherInterval`), absent when n ≤ 3. Pairs with fewer than `minPairs`
 * models, or where either side is constant (correlation undefined), are left out, never reported as 0.
 * Pairs are listed by task, metric_a being the key with more models.
 *
 * Linear in the pairs each model brings (a model has few results): per task, a first pass counts the
 * models per key pair, a second fills exactly sized arrays; keys with fewer than `minPairs` models
 * are never paired at all.
 *
 * Matrices: for each task, keys are taken greedily by coverage (models with the key, desc; then label),
 * a key joining only if it has a reported pair with every key already taken, up to `maxMetrics`. The
 * result is complete (a finite number in every cell), square, symmetric, with 1 on the diagonal;
 * `n_matrix` holds the paired counts (diagonal: models with that key), `ci_low_matrix` / `ci_high_matrix`
 * the 95 % bounds of each cell (null where n ≤ 3; the diagonal's r = 1 is exact: [1, 1]). Keys with no reported pair at
 * all are passed over, so one isolated popular dataset cannot block the matrix. Tasks where fewer than
 * two keys qualify get no matrix. Nothing is rounded.
 */
export function computeCorrelations(records: readonly BenchmarkRecord[], options: CorrelationOptions = {}): Correlations {
  const { minPairs, maxMetrics } = checkOptions(options);
  return correlationsFromIndex(records, indexResults(records, options), { minPairs, maxMetrics });
}

/** `computeCorrelations` over an index already built from the same records and options. */
export function correlationsFromIndex(
  records: readonly BenchmarkRecord[],
  index: ResultIndex,
  options: Pick<CorrelationOptions, 'minPairs' | 'maxMetrics'> = {},
): Correlations {
  const { minPairs, maxMetrics } = checkOptions(options);
  const { keys, tasks, recordStart, resultKey, resultValue, resultRecord } = index;

  // Candidate keys per task (enough models to ever reach minPairs), by coverage; local ids follow that order.
  const byCoverage = (a: MetricKey, b: MetricKey): number => b.count - a.count || compareStrings(a.label, b.label);
  const taskKeys: MetricKey[][] = tasks.map(() => []);
  // A leaderboard's normalized score is a linear rescaling of the raw one (random baseline removed), so
  // it correlates with everything exactly as the raw score does: correlations use the raw scores only.
  for (const key of keys) if (key.count >= minPairs && !isRescaledCopy(key)) taskKeys[key.taskId].push(key);
  const local = new Int32Array(keys.length).fill(-1);
  for (const list of taskKeys) list.sort(byCoverage).forEach((key, i) => (local[key.id] = i));

  // Records holding at least one candidate result, per task.
  const taskRecords: number[][] = tasks.map(() => []);
  const lastRecord = new Int32Array(tasks.length).fill(-1);
  for (let r = 0; r < records.length; r++) {
    for (let i = recordStart[r]; i < recordStart[r + 1]; i++) {
      const k = resultKey[i];
      if (local[k] < 0) continue;
      const t = keys[k].taskId;
      if (lastRecord[t] !== r) {
        lastRecord[t] = r;
        taskRecords[t].push(r);
      }
    }
  }

  const pairs: CorrelationPair[] = [];
  const matrices: CorrelationMatrix[] = [];
  const taskOrder = tasks.map((_, t) => t).sort((a, b) => compareStrings(tasks[a], tasks[b]));
  let scratch = new Uint32Array(64);
  const byKey = groupResultsByKey(index);
  const ranks = createRanker(records.length);

  for (const t of taskOrder) {
    const candidates = taskKeys[t];
    const m = candidates.length;
    if (m < 2) continue;

    // One record's candidate results in this task, sorted by local id (insertion: records hold a handful).
    const collect = (r: number): number => {
      const start = recordStart[r];
      const end = recordStart[r + 1];
      if (end - start > scratch.length) scratch = new Uint32Array(end - start);
      let count = 0;
      for (let i = start; i < end; i++) {
        const k = resultKey[i];
        if (local[k] < 0 || keys[k].taskId !== t) continue;
        let j = count++;
        while (j > 0 && local[resultKey[scratch[j - 1]]] > local[k]) {
          scratch[j] = scratch[j - 1];
          j--;
        }
        scratch[j] = i;
      }
      return count;
    };

    // Pass 1: models per pair.
    const slots = createPairSlots(m);
    for (const r of taskRecords[t]) {
      const count = collect(r);
      for (let p = 0; p < count; p++) {
        const a = local[resultKey[scratch[p]]];
        for (let q = p + 1; q < count; q++) slots.add(a, local[resultKey[scratch[q]]]);
      }
    }

    // Pass 2: paired values, only where enough models have both. All pairs of the task share two
    // flat buffers (pair d owns [start[d], start[d] + n)): one allocation instead of two per pair.
    const sizes: number[] = [];
    const ab: number[] = [];
    slots.assign((a, b, n) => {
      if (n < minPairs) return -1;
      sizes.push(n);
      ab.push(a, b);
      return sizes.length - 1;
    });
    if (sizes.length === 0) continue;
    // Each candidate key's models (record ids) and values by value, ascending, sorted once when first needed.
    const orders: ({ records: Uint32Array; values: Float64Array } | undefined)[] = new Array(m);
    const keyOrder = (a: number): { records: Uint32Array; values: Float64Array } => {
      let o = orders[a];
      if (o === undefined) {
        const k = candidates[a].id;
        const n = byKey.keyStart[k + 1] - byKey.keyStart[k];
        const sorted = sortedOrder(byKey.order.subarray(byKey.keyStart[k], byKey.keyStart[k + 1]), n, (i) => resultValue[i], new Uint32Array(n));
        o = orders[a] = { records: new Uint32Array(n), values: new Float64Array(n) };
        for (let j = 0; j < n; j++) {
          o.records[j] = resultRecord[sorted[j]];
          o.values[j] = resultValue[sorted[j]];
        }
      }
      return o;
    };
    const start = new Uint32Array(sizes.length + 1);
    for (let d = 0; d < sizes.length; d++) start[d + 1] = start[d] + sizes[d];
    const fill = start.slice(0, sizes.length);
    const xs = new Float64Array(start[sizes.length]);
    const ys = new Float64Array(start[sizes.length]);
    // The model behind each paired value, for ranking them (Spearman) without sorting every pair.
    const pairRecord = new Uint32Array(start[sizes.length]);
    for (const r of taskRecords[t]) {
      const count = collect(r);
      for (let p = 0; p < count; p++) {
        const a = local[resultKey[scratch[p]]];
        for (let q = p + 1; q < count; q++) {
          const d = slots.get(a, local[resultKey[scratch[q]]]);
          if (d < 0) continue;
          pairRecord[fill[d]] = r;
          xs[fill[d]] = resultValue[scratch[p]];
          ys[fill[d]++] = resultValue[scratch[q]];
        }
      }
    }

    // Correlate; pairs stay in (a, b) order of coverage, which is the listing order.
    const computed = new Map<number, PairResult>();
    const found: { a: number; b: number; result: PairResult }[] = [];
    for (let d = 0; d < sizes.length; d++) {
      const x = xs.subarray(start[d], start[d + 1]);
      const y = ys.subarray(start[d], start[d + 1]);
      const r = pearson(x, y);
      // Defined whenever Pearson's r is (neither side constant).
      if (r === undefined) continue;
      // Spearman's rho: Pearson's r of the ranks (see spearman).
      const models = pairRecord.subarray(start[d], start[d + 1]);
      const rho = pearsonOf(ranks.of(models, keyOrder(ab[2 * d])), ranks.of(models, keyOrder(ab[2 * d + 1]), true), sizes[d]);
      if (rho === undefined) continue;
      const ci = fisherInterval(r, sizes[d]);
      const result: PairResult = ci
        ? { n: sizes[d], pearson: r, pearson_ci_low: ci.low, pearson_ci_high: ci.high, spearman: rho }
        : { n: sizes[d], pearson: r, spearman: rho };
      computed.set(ab[2 * d] * m + ab[2 * d + 1], result);
      found.push({ a: ab[2 * d], b: ab[2 * d + 1], result });
    }
    found.sort((p, q) => p.a - q.a || p.b - q.b);
    for (const { a, b, result } of found) {
      pairs.push({ task_type: tasks[t], metric_a: candidates[a].label, metric_b: candidates[b].label, ...result });
    }

    const lookup = (a: number, b: number): PairResult | undefined => computed.get(a < b ? a * m + b : b * m + a);
    const paired = new Uint8Array(m);
    for (const { a, b } of found) paired[a] = paired[b] = 1;

    // Seed view: greedy complete matrix over keys that pair with at least one other key.
    const chosen: number[] = [];
    for (let a = 0; a < m && chosen.length < maxMetrics; a++) {
      if (paired[a] && chosen.every((c) => lookup(c, a) !== undefined)) chosen.push(a);
    }
    if (chosen.length < 2) continue;
    matrices.push({
      task_type: tasks[t],
      metrics: chosen.map((a) => candidates[a].label),
      correlation_matrix: chosen.map((a) => chosen.map((b) => (a === b ? 1 : lookup(a, b)!.pearson))),
      method: 'pearson',
      n_matrix: chosen.map((a) => chosen.map((b) => (a === b ? candidates[a].count : lookup(a, b)!.n))),
      min_pairs: minPairs,
      ci_low_matrix: chosen.map((a) => chosen.map((b) => (a === b ? 1 : (lookup(a, b)!.pearson_ci_low ?? null)))),
      ci_high_matrix: chosen.map((a) => chosen.map((b) => (a === b ? 1 : (lookup(a, b)!.pearson_ci_high ?? null)))),
    });
  }

  return { matrices, pairs };
}

/** Fewest paired models behind a reported correlation. */
export const DEFAULT_MIN_PAIRS = 10;

function checkOptions(options: Pick<CorrelationOptions, 'minPairs' | 'maxMetrics'>): { minPairs: number; maxMetrics: number } {
  const minPairs = options.minPairs ?? DEFAULT_MIN_PAIRS;
  const maxMetrics = options.maxMetrics ?? 12;
  if (!Number.isInteger(minPairs) || minPairs < 2) throw new RangeError(`computeCorrelations: minPairs must be an integer ≥ 2, got ${minPairs}`);
  if (!Number.isInteger(maxMetrics) || maxMetrics < 2) throw new RangeError(`computeCorrelations: maxMetrics must be an integer ≥ 2, got ${maxMetrics}`);
  return { minPairs, maxMetrics };
}

/** A leaderboard-normalized copy of a raw measurement (see computeCorrelations). */
function isRescaledCopy(key: MetricKey): boolean {
  return key.setup?.includes('leaderboard-normalized') === true;
}

/** Per-pair counters, then per-pair data slots, for pairs a < b of m keys. */
export interface PairSlots {
  add(a: number, b: number): void;
  /** Replaces every counter by what `slotOf(a, b, count)` returns (-1: no slot). */
  assign(slotOf: (a: number, b: number, count: number) => number): void;
  get(a: number, b: number): number;
}

/** A flat triangular array while it stays small, a Map for tasks with very many keys. */
export function createPairSlots(m: number, denseMaxKeys = DENSE_MAX_KEYS): PairSlots {
  if (m <= denseMaxKeys) {
    const cells = new Int32Array((m * (m - 1)) / 2);
    const at = (a: number, b: number): number => a * m - ((a * (a + 1)) >> 1) + b - a - 1;
    return {
      add: (a, b) => void cells[at(a, b)]++,
      assign(slotOf) {
        for (let a = 0, c = 0; a < m; a++) {
          for (let b = a + 1; b < m; b++, c++) cells[c] = cells[c] > 0 ? slotOf(a, b, cells[c]) : -1;
        }
      },
      get: (a, b) => cells[at(a, b)],
    };
  }
  const cells = new Map<number, number>();
  return {
    add: (a, b) => void cells.set(a * m + b, (cells.get(a * m + b) ?? 0) + 1),
    assign(slotOf) {
      for (const [id, count] of cells) cells.set(id, slotOf(Math.floor(id / m), id % m, count));
    },
    get: (a, b) => cells.get(a * m + b) ?? -1,
  };
}

/**
 * Fractional ranks (ties averaged, as `rank`) of one key's values over a sample of its models, read
 * off all of the key's models sorted once by value instead of sorting every sample: O(key's models).
 */
function createRanker(recordCount: number) {
  // Position of each model (record) in the sample being ranked; -1 when not in it.
  const position = new Int32Array(recordCount).fill(-1);
  let bufX = new Float64Array(64);
  let bufY = new Float64Array(64);
  let inOrder = new Int32Array(64);
  let valueAt = new Float64Array(64);
  return {
    /** Ranks in sample order; `second`: into the other of two buffers, so two rankings can be compared. */
    of(sample: Uint32Array, sortedKey: { records: Uint32Array; values: Float64Array }, second = false): Float64Array {
      const n = sample.length;
      if (bufX.length < n) {
        bufX = new Float64Array(n);
        bufY = new Float64Array(n);
        inOrder = new Int32Array(n);
        valueAt = new Float64Array(n);
      }
      const out = second ? bufY : bufX;
      for (let j = 0; j < n; j++) position[sample[j]] = j;
      const { records, values } = sortedKey;
      let c = 0;
      for (let s = 0; s < records.length; s++) {
        const p = position[records[s]];
        if (p >= 0) {
          inOrder[c] = p;
          valueAt[c++] = values[s];
        }
      }
      // Runs of equal values share the mean of the 1-based ranks they span.
      let runStart = 0;
      while (runStart < c) {
        const v = valueAt[runStart];
        let end = runStart + 1;
        while (end < c && valueAt[end] === v) end++;
        const shared = (runStart + 1 + end) / 2;
        for (let s = runStart; s < end; s++) out[inOrder[s]] = shared;
        runStart = end;
      }
      for (let j = 0; j < n; j++) position[sample[j]] = -1;
      return out;
    },
  };
}
