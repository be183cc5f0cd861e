import { describe, expect, it } from 'vitest';
import { computeCorrelations, createPairSlots } from '../../src/analytics/computeCorrelations.js';
import { CorrelationMatrixSchema, CorrelationPairSchema, type BenchmarkRecord } from '../../src/schemas/benchmarkSchemas.js';
import { deepFreeze, makeRecord, result } from './makeRecord.js';

const TG = { task_type: 'text-generation' };
// Twelve models; mmlu is missing for the last one, gsm8k is known for six only, winogrande is constant.
const ARC = [0.41, 0.45, 0.52, 0.48, 0.6, 0.63, 0.58, 0.7, 0.66, 0.72, 0.75, 0.69];
const HELLASWAG = [0.55, 0.6, 0.62, 0.62, 0.7, 0.71, 0.69, 0.78, 0.74, 0.8, 0.83, 0.77];
const MMLU = [0.3, 0.35, 0.33, 0.4, 0.45, 0.44, 0.5, 0.52, 0.49, 0.58, 0.61];
const GSM8K = [0.1, 0.2, 0.15, 0.3, 0.25, 0.4];

const records: BenchmarkRecord[] = deepFreeze(
  ARC.map((arc, i) =>
    makeRecord(
      `org/m${String(i).padStart(2, '0')}`,
      [
        result('arc', 'accuracy', arc),
        result('hellaswag', 'accuracy', HELLASWAG[i]),
        ...(i < MMLU.length ? [result('mmlu', 'accuracy', MMLU[i])] : []),
        ...(i < GSM8K.length ? [result('gsm8k', 'exact match', GSM8K[i])] : []),
        result('winogrande', 'accuracy', 0.5),
      ],
      TG,
    ),
  ),
);

// numpy.corrcoef and scipy.stats.spearmanr on the paired values above.
const EXPECTED = {
  arcHellaswag: { n: 12, pearson: 0.9927613021188674, spearman: 0.9982502173821435 },
  arcMmlu: { n: 11, pearson: 0.9327610989039362, spearman: 0.9090909090909091 },
  hellaswagMmlu: { n: 11, pearson: 0.9632492458531978, spearman: 0.9202757361079746 },
};

describe('computeCorrelations', () => {
  it('pairs values by model and matches numpy and scipy when a model misses one metric', () => {
    const { pairs } = computeCorrelations(records);
    const get = (a: string, b: string) => pairs.find((p) => p.metric_a === a && p.metric_b === b)!;
    for (const [pair, [a, b]] of [
      [EXPECTED.arcHellaswag, ['arc / accuracy', 'hellaswag / accuracy']],
      [EXPECTED.arcMmlu, ['arc / accuracy', 'mmlu / accuracy']],
      [EXPECTED.hellaswagMmlu, ['hellaswag / accuracy', 'mmlu / accuracy']],
    ] as const) {
      const found = get(a, b);
      expect(found.task_type).toBe('text-generation');
      expect(found.n).toBe(pair.n);
      expect(found.pearson).toBeCloseTo(pair.pearson, 12);
      expect(found.spearman).toBeCloseTo(pair.spearman, 12);
    }
    expect(pairs).toHaveLength(3);
  });

  it('leaves pairs out when fewer than minPairs models have both metrics', () => {
    expect(computeCorrelations(records).pairs.some((p) => p.metric_a.startsWith('gsm8k') || p.metric_b.startsWith('gsm8k'))).toBe(false);
    const strict = computeCorrelations(records, { minPairs: 12 });
    expect(strict.pairs.map((p) => [p.metric_a, p.metric_b, p.n])).toEqual([['arc / accuracy', 'hellaswag / accuracy', 12]]);
    // gsm8k reaches minPairs when it is 6: paired with arc over exactly those 6 models.
    const loose = computeCorrelations(records, { minPairs: 6 });
    expect(loose.pairs.find((p) => p.metric_b === 'gsm8k / exact match' && p.metric_a === 'arc / accuracy')!.n).toBe(6);
  });

  it('gives each Pearson r its 95 % Fisher interval in the pairs and the parallel matrices', () => {
    const { pairs, matrices } = computeCorrelations(records);
    const get = (a: string, b: string) => pairs.find((p) => p.metric_a === a && p.metric_b === b)!;
    // python3 -c "import math; f=lambda r,n: (math.tanh(math.atanh(r)-1.959963985/math.sqrt(n-3)), math.tanh(math.atanh(r)+1.959963985/math.sqrt(n-3))); print(f(0.9927613021188674,12), f(0.9327610989039362,11))"
    const arcHellaswag = get('arc / accuracy', 'hellaswag / accuracy');
    expect(arcHellaswag.pearson_ci_low).toBeCloseTo(0.9735202155780152, 10);
    expect(arcHellaswag.pearson_ci_high).toBeCloseTo(0.9980350993892153, 10);
    const arcMmlu = get('arc / accuracy', 'mmlu / accuracy');
    expect(arcMmlu.pearson_ci_low).toBeCloseTo(0.7557692943450525, 10);
    expect(arcMmlu.pearson_ci_high).toBeCloseTo(0.9827487829410052, 10);

    const [matrix] = matrices;
    expect(matrix.ci_low_matrix[0][2]).toBe(arcMmlu.pearson_ci_low);
    expect(matrix.ci_high_matrix[2][0]).toBe(arcMmlu.pearson_ci_high);
    for (let i = 0; i < matrix.metrics.length; i++) {
      expect([matrix.ci_low_matrix[i][i], matrix.ci_high_matrix[i][i]]).toEqual([1, 1]);
      for (let j = 0; j < matrix.metrics.length; j++) {
        expect(matrix.ci_low_matrix[i][j]!).toBeLessThanOrEqual(matrix.correlation_matrix[i][j]);
        expect(matrix.ci_high_matrix[i][j]!).toBeGreaterThanOrEqual(matrix.correlation_matrix[i][j]);
      }
    }
  });

  it('leaves the interval out (absent in pairs, null in the matrix) when a pair rests on 3 models or fewer', () => {
    const three = [0.2, 0.5, 0.4].map((v, i) => makeRecord(`org/s${i}`, [result('arc', 'accuracy', v), result('mmlu', 'accuracy', v * v + i / 10)], TG));
    const { pairs, matrices } = computeCorrelations(three, { minPairs: 2 });
    expect(pairs).toHaveLength(1);
    expect(pairs[0].n).toBe(3);
    expect('pearson_ci_low' in pairs[0] || 'pearson_ci_high' in pairs[0]).toBe(false);
    expect(matrices[0].ci_low_matrix).toEqual([
      [1, null],
      [null, 1],
    ]);
    expect(() => CorrelationMatrixSchema.parse(matrices[0])).not.toThrow();
  });

  it('leaves pairs out when one side is constant', () => {
    const { pairs, matrices } = computeCorrelations(records);
    expect(pairs.some((p) => p.metric_a.startsWith('winogrande') || p.metric_b.startsWith('winogrande'))).toBe(false);
    expect(matrices[0].metrics).not.toContain('winogrande / accuracy');
  });

  it('builds a complete, square, symmetric matrix with 1 on the diagonal when keys pair well', () => {
    const { matrices } = computeCorrelations(records);
    expect(matrices).toHaveLength(1);
    const [matrix] = matrices;
    // By coverage: arc and hellaswag have 12 models (ties by label), mmlu 11.
    expect(matrix.metrics).toEqual(['arc / accuracy', 'hellaswag / accuracy', 'mmlu / accuracy']);
    expect(matrix.method).toBe('pearson');
    expect(matrix.min_pairs).toBe(10);
    const size = matrix.metrics.length;
    expect(matrix.correlation_matrix).toHaveLength(size);
    expect(matrix.n_matrix).toHaveLength(size);
    for (let i = 0; i < size; i++) {
      expect(matrix.correlation_matrix[i]).toHaveLength(size);
      expect(matrix.correlation_matrix[i][i]).toBe(1);
      for (let j = 0; j < size; j++) {
        expect(Number.isFinite(matrix.correlation_matrix[i][j])).toBe(true);
        expect(matrix.correlation_matrix[i][j]).toBe(matrix.correlation_matrix[j][i]);
        expect(matrix.n_matrix[i][j]).toBe(matrix.n_matrix[j][i]);
      }
    }
    expect(matrix.n_matrix).toEqual([
      [12, 12, 11],
      [12, 12, 11],
      [11, 11, 11],
    ]);
    expect(matrix.correlation_matrix[0][2]).toBeCloseTo(EXPECTED.arcMmlu.pearson, 12);
    expect(() => CorrelationMatrixSchema.parse(matrix)).not.toThrow();
  });

  it('passes over a key when it does not pair with every key already chosen', () => {
    // A popular dataset evaluated by other models: it pairs only with its own companion.
    const others = Array.from({ length: 15 }, (_, i) =>
      makeRecord(`org/x${String(i).padStart(2, '0')}`, [result('xsum', 'accuracy', i / 20), result('ysum', 'accuracy', (i * 7) % 15)], TG),
    );
    const { matrices, pairs } = computeCorrelations([...records, ...others]);
    // xsum (15 models) comes first and pairs with ysum only; arc, hellaswag, mmlu cannot join.
    expect(matrices[0].metrics).toEqual(['xsum / accuracy', 'ysum / accuracy']);
    expect(pairs).toHaveLength(4);
  });

  it('caps the matrix at maxMetrics keys', () => {
    expect(computeCorrelations(records, { maxMetrics: 2 }).matrices[0].metrics).toEqual(['arc / accuracy', 'hellaswag / accuracy']);
  });

  it('gives a task no matrix when fewer than two keys pair', () => {
    expect(computeCorrelations(records, { minPairs: 13 })).toEqual({ matrices: [], pairs: [] });
    expect(computeCorrelations([])).toEqual({ matrices: [], pairs: [] });
  });

  it('never pairs metrics of different tasks', () => {
    const mixed = ARC.map((v, i) =>
      makeRecord(`org/t${i}`, [result('arc', 'accuracy', v), result('sst2', 'accuracy', HELLASWAG[i], { task_type: 'text-classification' })], TG),
    );
    expect(computeCorrelations(mixed).pairs).toEqual([]);
  });

  it('ignores synthetic results unless asked to include them', () => {
    const withSynthetic = records.map((r, i) =>
      makeRecord(r.model_info.model_id, [...r.evaluation_results, result('fake', 'accuracy', i * 0.01, { source: 'synthetic' })], TG),
    );
    expect(computeCorrelations(withSynthetic).pairs).toHaveLength(3);
    expect(computeCorrelations(withSynthetic, { includeSynthetic: true }).pairs).toHaveLength(6);
  });

  it('produces schema-valid pairs without NaN when given frozen input', () => {
    const before = JSON.stringify(records);
    const { pairs } = computeCorrelations(records, { minPairs: 2 });
    for (const pair of pairs) {
      expect(() => CorrelationPairSchema.parse(pair)).not.toThrow();
      expect(Number.isFinite(pair.pearson) && Number.isFinite(pair.spearman)).toBe(true);
    }
    expect(JSON.stringify(records)).toBe(before);
  });

  it('throws naming itself when minPairs or maxMetrics is invalid', () => {
    expect(() => computeCorrelations(records, { minPairs: 1 })).toThrow(/computeCorrelations: minPairs/);
    expect(() => computeCorrelations(records, { maxMetrics: 1.5 })).toThrow(/computeCorrelations: maxMetrics/);
  });
});

describe('createPairSlots', () => {
  it('counts and assigns the same slots when stored densely or in a map', () => {
    const added: [number, number][] = [[0, 1], [2, 4], [0, 1], [1, 3], [2, 4], [0, 1]];
    const outcomes = [createPairSlots(5), createPairSlots(5, 0)].map((slots) => {
      for (const [a, b] of added) slots.add(a, b);
      const seen: string[] = [];
      slots.assign((a, b, n) => {
        seen.push(`${a}-${b}:${n}`);
        return n >= 2 ? a * 10 + b : -1;
      });
      return { seen: seen.sort(), slot01: slots.get(0, 1), slot24: slots.get(2, 4), slot13: slots.get(1, 3), slot03: slots.get(0, 3) };
    });
    expect(outcomes[0]).toEqual({ seen: ['0-1:3', '1-3:1', '2-4:2'], slot01: 1, slot24: 24, slot13: -1, slot03: -1 });
    expect(outcomes[1]).toEqual(outcomes[0]);
  });
});

describe('computeCorrelations (ranks over partly overlapping samples)', () => {
  it('gives each pair the Spearman rho of its own paired values when models have different subsets of metrics and values tie', async () => {
    const { spearman } = await import('../../src/analytics/spearman.js');
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const datasets = ['arc', 'hellaswag', 'mmlu', 'gsm8k'];
    // Values on a coarse grid (many ties); each model has each dataset with probability 0.7.
    const values = Array.from({ length: 300 }, () => datasets.map((_, d) => (random() < 0.7 ? Math.round(random() * 20 + d) / 40 : undefined)));
    const recs = values.map((row, i) =>
      makeRecord(`org/r${String(i).padStart(3, '0')}`, row.flatMap((v, d) => (v === undefined ? [] : [result(datasets[d], 'accuracy', v)])), TG),
    );
    const { pairs } = computeCorrelations(recs);
    expect(pairs.length).toBe(6);
    for (const pair of pairs) {
      const a = datasets.findIndex((d) => pair.metric_a.startsWith(`${d} `));
      const b = datasets.findIndex((d) => pair.metric_b.startsWith(`${d} `));
      // The straightforward path: the models with both values, ranked from scratch by spearman().
      const both = values.filter((row) => row[a] !== undefined && row[b] !== undefined);
      expect(pair.n).toBe(both.length);
      expect(pair.spearman).toBe(spearman(both.map((row) => row[a]!), both.map((row) => row[b]!)));
    }
  });
});
