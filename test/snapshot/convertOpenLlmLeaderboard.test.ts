// Conversion rules of the leaderboard export on small hand-made CSVs: dedupe, skipped values,
// tags, and the fields left out rather than guessed.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { HubModel } from '../../src/schemas/hubSchemas.js';
import { convertOpenLlmLeaderboard } from '../../src/snapshot/convertOpenLlmLeaderboard.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const csvPath = join(root, 'data', 'sources', 'open-llm-leaderboard-v2', 'huggingface_v2.csv');
// A real row to vary: 01-ai/Yi-1.5-34B, with the export's own header.
const [header, ...realRows] = parse(readFileSync(csvPath), { columns: false, skip_empty_lines: true }) as string[][];
const yi = Object.fromEntries(header.map((h, i) => [h, realRows.find((r) => r[1] === '01-ai/Yi-1.5-34B')![i]]));

const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
function csvOf(rows: Record<string, string>[]): string {
  return [header.map(quote).join(','), ...rows.map((r) => header.map((h) => quote(r[h] ?? '')).join(','))].join('\n');
}
const row = (over: Record<string, string>) => ({ ...yi, ...over });
type Metric = { value: number; normalization?: string };
const results = (m: HubModel) =>
  (m.cardData as { 'model-index': { results: { dataset: { name: string }; metrics: Metric[] }[] }[] })['model-index'][0].results;
/** The raw score of one benchmark (not the leaderboard's normalized one). */
const raw = (m: HubModel, dataset: string) =>
  results(m).filter((r) => r.dataset.name === dataset).flatMap((r) => r.metrics).find((x) => x.normalization === 'none')?.value;

describe('convertOpenLlmLeaderboard', () => {
  it('keeps the row with the latest submission date when a model has several', () => {
    const { models, stats } = convertOpenLlmLeaderboard(csvOf([
      row({ id: 'a', metadata_submission_date: '2024-06-12', evaluations_bbh_value: '0.5', model_average_score: '30' }),
      row({ id: 'b', metadata_submission_date: '2024-07-01', evaluations_bbh_value: '0.6', model_average_score: '20' }),
      row({ id: 'c', metadata_submission_date: '', evaluations_bbh_value: '0.7', model_average_score: '40' }),
    ]));
    expect(models).toHaveLength(1);
    expect(raw(models[0], 'BBH')).toBe(0.6);
    expect(stats.rows).toBe(3);
    expect(Object.values(stats.dropped_rows)).toEqual([2]);
  });

  it('breaks a date tie by the higher average, then by the row id, whatever the row order', () => {
    const tie = [
      row({ id: 'b', metadata_submission_date: '2024-07-01', evaluations_bbh_value: '0.6', model_average_score: '20' }),
      row({ id: 'a', metadata_submission_date: '2024-07-01', evaluations_bbh_value: '0.5', model_average_score: '20' }),
      row({ id: 'c', metadata_submission_date: '2024-07-01', evaluations_bbh_value: '0.4', model_average_score: '19' }),
    ];
    for (const rows of [tie, [...tie].reverse()]) {
      expect(raw(convertOpenLlmLeaderboard(csvOf(rows)).models[0], 'BBH')).toBe(0.5);
    }
    const higher = [row({ id: 'a', evaluations_bbh_value: '0.5', model_average_score: '20' }), row({ id: 'b', evaluations_bbh_value: '0.6', model_average_score: '21' })];
    expect(raw(convertOpenLlmLeaderboard(csvOf(higher)).models[0], 'BBH')).toBe(0.6);
  });

  it('skips and counts a benchmark whose value is empty, not a number or outside 0–1', () => {
    const { models, stats } = convertOpenLlmLeaderboard(csvOf([
      row({ evaluations_ifeval_value: '', evaluations_bbh_value: 'n/a', evaluations_math_value: '1.5' }),
    ]));
    // Raw values: three skipped; every normalized score of the row is kept (its columns are intact).
    expect(results(models[0]).filter((r) => r.metrics[0].normalization === 'none').map((r) => r.dataset.name)).toEqual(['GPQA', 'MuSR', 'MMLU-PRO']);
    expect(results(models[0]).filter((r) => r.metrics[0].normalization === 'leaderboard')).toHaveLength(6);
    expect(stats.skipped_values).toEqual({ 'IFEval: empty': 1, 'BBH: not a number': 1, 'MATH Level 5: outside 0–1': 1 });
    expect(stats.results).toBe(3 + 6);
  });

  it('turns model_type and the feature flags into tags', () => {
    const { models } = convertOpenLlmLeaderboard(csvOf([
      row({ model_type: 'basemergesandmoerges', features_is_merged: 'TRUE', features_is_moe: 'TRUE', features_is_flagged: 'TRUE', features_is_official_provider: 'FALSE', model_weight_type: 'Adapter' }),
    ]));
    expect(models[0].tags).toEqual(['text-generation', 'merges-and-moerges', 'merge', 'moe', 'flagged', 'adapter']);
  });

  it('stops on a model_type it has no tag for', () => {
    expect(() => convertOpenLlmLeaderboard(csvOf([row({ model_type: 'brand-new' })]))).toThrow(/unknown model_type "brand-new"/);
  });

  it('stops when a benchmark column holds another benchmark', () => {
    expect(() => convertOpenLlmLeaderboard(csvOf([row({ evaluations_bbh_name: 'GPQA' })]))).toThrow(/evaluations_bbh_name is "GPQA", expected "BBH"/);
  });

  it('stops when a required column is missing', () => {
    const csv = csvOf([yi]).replace('metadata_params_billions', 'params');
    expect(() => convertOpenLlmLeaderboard(csv, 'x.csv')).toThrow('x.csv: missing column(s) metadata_params_billions');
  });

  it('leaves out what the export does not know instead of guessing', () => {
    const { models, stats } = convertOpenLlmLeaderboard(csvOf([
      row({ model_name: 'org/a', metadata_upload_date: '', model_architecture: '?', metadata_params_billions: '0', metadata_hub_license: '', metadata_base_model: 'Removed', model_sha: '' }),
      row({ model_name: 'org/b', metadata_upload_date: '2022-03-02', model_architecture: 'Unknown', metadata_params_billions: '-1', metadata_base_model: 'org/base' }),
    ]));
    const [a, b] = models;
    expect(a).toEqual({
      id: 'org/a',
      pipeline_tag: 'text-generation',
      library_name: 'transformers',
      tags: ['text-generation', 'pretrained', 'official-provider'],
      likes: 46,
      cardData: { 'model-index': [{ name: 'org/a', results: expect.any(Array) }] },
    });
    expect(b.createdAt).toBeUndefined();
    expect(b.config).toBeUndefined();
    expect(b.safetensors).toBeUndefined();
    expect(b.declared_parameters).toBeUndefined();
    expect(b.cardData).toMatchObject({ license: 'apache-2.0', base_model: 'org/base' });
    expect(stats.omitted_fields).toMatchObject({
      'createdAt: metadata_upload_date empty': 1,
      'createdAt: Hub placeholder date 2022-03-02': 1,
      'declared_parameters: metadata_params_billions 0': 1,
      'declared_parameters: metadata_params_billions negative': 1,
      'sha: model_sha empty': 1,
    });
  });
});
