// Correlations between metric keys within each task, paired by model: the rich pair list (Pearson and
// Spearman, n per pair) and, per task, the seed-shaped complete Pearson matrix.
import type { BenchmarkRecord, CorrelationMatrix, CorrelationPair } from '../schemas/benchmarkSchemas.js';
import { compareStrings, indexResults, type MetricKey, type SelectionOptions } from './indexResults.js';
import { pearson } from './pearson.js';
import { spearman } from './spearman.js';

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

interface PairData {
  a: number;
  b: number;
  x: Float64Array;
  y: Float64Array;
  filled: number;
}

interface PairResult {
  n: number;
  pearson: number;
  spearman: number;
}

/**
 * Pearson and Spearman correlations between metric keys (dataset / metric) of the same task, over the
 * models that have both (a model missing either is not in that pair). Pairs with fewer than `minPairs`
 * models, or where either side is constant (correlation undefined), are left out, never reported as 0.
 *
 * Work is linear in the pairs each model brings (a model has few results): a first pass counts the
 * models per key pair, a second fills exactly sized arrays, and only for keys that reach `minPairs` at all.
 *
 * Matrices: for each task, keys are taken greedily by coverage (models with the key, desc; then label),
 * a key joining only if it has a reported pair with every key already taken, up to `maxMetrics`. The
 * result is complete (a finite number in every cell), square, symmetric, with 1 on the diagonal;
 * `n_matrix` holds the paired counts (diagonal: models with that key). Keys with no reported pair at
 * all are passed over, so one isolated popular dataset cannot block the matrix. Tasks where fewer than
 * two keys qualify get no matrix. Nothing is rounded.
 */
export function computeCorrelations(records: readonly BenchmarkRecord[], options: CorrelationOptions = {}): Correlations {
  const minPairs = options.minPairs ?? 10;
  const maxMetrics = options.maxMetrics ?? 12;
  if (!Number.isInteger(minPairs) || minPairs < 2) throw new RangeError(`computeCorrelations: minPairs must be an integer ≥ 2, got ${minPairs}`);
  if (!Number.isInteger(maxMetrics) || maxMetrics < 2) throw new RangeError(`computeCorrelations: maxMetrics must be an integer ≥ 2, got ${maxMetrics}`);

  const index = indexResults(records, options);
  const { keys, recordStart, resultKey, resultValue } = index;
  const keyCount = keys.length;
  const pairId = (a: number, b: number): number => a * keyCount + b;

  // Scratch list of one record's results whose keys can reach minPairs, sorted by key id.
  let scratch = new Uint32Array(64);
  const eligibleOf = (r: number): number => {
    const start = recordStart[r];
    const end = recordStart[r + 1];
    if (end - start > scratch.length) scratch = new Uint32Array(end - start);
    let m = 0;
    for (let i = start; i < end; i++) {
      if (keys[resultKey[i]].count < minPairs) continue;
      // Insertion by key id: records hold a handful of results.
      let j = m++;
      while (j > 0 && resultKey[scratch[j - 1]] > resultKey[i]) {
        scratch[j] = scratch[j - 1];
        j--;
      }
      scratch[j] = i;
    }
    return m;
  };

  // Pass 1: models per key pair (same task only; a < b by key id).
  const pairCounts = new Map<number, number>();
  for (let r = 0; r < records.length; r++) {
    const m = eligibleOf(r);
    for (let p = 0; p < m; p++) {
      const ka = keys[resultKey[scratch[p]]];
      for (let q = p + 1; q < m; q++) {
        const kb = keys[resultKey[scratch[q]]];
        if (kb.taskId !== ka.taskId) continue;
        const id = pairId(ka.id, kb.id);
        pairCounts.set(id, (pairCounts.get(id) ?? 0) + 1);
      }
    }
  }

  // Pass 2: paired values, only for pairs with enough models.
  const data = new Map<number, PairData>();
  for (const [id, n] of pairCounts) {
    if (n < minPairs) continue;
    data.set(id, { a: Math.floor(id / keyCount), b: id % keyCount, x: new Float64Array(n), y: new Float64Array(n), filled: 0 });
  }
  pairCounts.clear();
  for (let r = 0; r < records.length && data.size > 0; r++) {
    const m = eligibleOf(r);
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const pair = data.get(pairId(resultKey[scratch[p]], resultKey[scratch[q]]));
        if (pair === undefined) continue;
        pair.x[pair.filled] = resultValue[scratch[p]];
        pair.y[pair.filled] = resultValue[scratch[q]];
        pair.filled++;
      }
    }
  }

  const computed = new Map<number, PairResult>();
  const hasPair = new Uint8Array(keyCount);
  for (const [id, pair] of data) {
    const r = pearson(pair.x, pair.y);
    const rho = spearman(pair.x, pair.y);
    if (r === undefined || rho === undefined) continue;
    computed.set(id, { n: pair.filled, pearson: r, spearman: rho });
    hasPair[pair.a] = 1;
    hasPair[pair.b] = 1;
  }
  data.clear();
  const lookup = (a: number, b: number): PairResult | undefined => computed.get(a < b ? pairId(a, b) : pairId(b, a));

  // Per task, keys that take part in at least one pair, by coverage.
  const byCoverage = (a: MetricKey, b: MetricKey): number => b.count - a.count || compareStrings(a.label, b.label);
  const taskKeys: MetricKey[][] = index.tasks.map(() => []);
  for (const key of keys) if (hasPair[key.id]) taskKeys[key.taskId].push(key);
  const taskOrder = index.tasks.map((_, t) => t).sort((a, b) => compareStrings(index.tasks[a], index.tasks[b]));

  // Rich view: every reported pair, metric_a being the key listed first by coverage.
  const position = new Int32Array(keyCount);
  for (const list of taskKeys) list.sort(byCoverage).forEach((key, i) => (position[key.id] = i));
  const taskRank = new Int32Array(index.tasks.length);
  taskOrder.forEach((t, i) => (taskRank[t] = i));
  const oriented: { a: MetricKey; b: MetricKey; result: PairResult }[] = [];
  for (const [id, result] of computed) {
    let a = keys[Math.floor(id / keyCount)];
    let b = keys[id % keyCount];
    if (position[a.id] > position[b.id]) [a, b] = [b, a];
    oriented.push({ a, b, result });
  }
  oriented.sort((p, q) => taskRank[p.a.taskId] - taskRank[q.a.taskId] || position[p.a.id] - position[q.a.id] || position[p.b.id] - position[q.b.id]);
  const pairs: CorrelationPair[] = oriented.map(({ a, b, result }) => ({
    task_type: a.task_type,
    metric_a: a.label,
    metric_b: b.label,
    n: result.n,
    pearson: result.pearson,
    spearman: result.spearman,
  }));

  const matrices: CorrelationMatrix[] = [];
  for (const t of taskOrder) {
    const candidates = taskKeys[t];
    if (candidates.length < 2) continue;

    // Seed view: greedy complete matrix.
    const chosen: MetricKey[] = [];
    for (const key of candidates) {
      if (chosen.length >= maxMetrics) break;
      if (chosen.every((c) => lookup(c.id, key.id) !== undefined)) chosen.push(key);
    }
    if (chosen.length < 2) continue;
    const size = chosen.length;
    const correlation: number[][] = [];
    const counts: number[][] = [];
    for (let i = 0; i < size; i++) {
      const row = new Array<number>(size);
      const nRow = new Array<number>(size);
      for (let j = 0; j < size; j++) {
        if (i === j) {
          row[j] = 1;
          nRow[j] = chosen[i].count;
        } else {
          const result = lookup(chosen[i].id, chosen[j].id)!;
          row[j] = result.pearson;
          nRow[j] = result.n;
        }
      }
      correlation.push(row);
      counts.push(nRow);
    }
    matrices.push({
      task_type: index.tasks[t],
      metrics: chosen.map((k) => k.label),
      correlation_matrix: correlation,
      method: 'pearson',
      n_matrix: counts,
      min_pairs: minPairs,
    });
  }

  return { matrices, pairs };
}
