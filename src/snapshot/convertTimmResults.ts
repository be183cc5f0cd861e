// timm's published ImageNet results (one CSV per evaluation set, one row per model + image size)
// → one Hub-shaped image-classification record per model, one model-index result per set.
import type { HubModel } from '../schemas/hubSchemas.js';
import { MODEL_TAGS } from '../schemas/modelTags.js';
import type { SnapshotSource } from '../schemas/snapshotSchemas.js';
import { readCsvRows, type CsvRow } from './readCsvRows.js';
import { bump, emptyStats, type SourceStats } from './sourceStats.js';

export const TIMM_RESULTS_SOURCE = {
  name: 'timm results (pytorch-image-models)',
  file: 'sources/timm-imagenet/results-*.csv',
  url: 'https://github.com/huggingface/pytorch-image-models/tree/aa4b5850c1543fa488abf260f18390eda46cf85d/results',
  license: 'Apache-2.0',
  // The results commit is dated 2026-08; the day is not recorded, so the first of the month stands in.
  date: '2026-08-01T00:00:00.000Z',
} as const satisfies SnapshotSource;

const RESULT_SOURCE = {
  name: TIMM_RESULTS_SOURCE.name,
  url: 'https://github.com/huggingface/pytorch-image-models/tree/main/results',
} as const;

export interface TimmDataset {
  file: string;
  name: string;
  type: string;
  config?: string;
}

/**
 * The eight result files and the evaluation set each one holds, in the order results are listed.
 * The "-clean" files are ImageNet-1k validation restricted to the 200 classes of ImageNet-A / -R,
 * the baseline those sets are compared against.
 */
export const TIMM_DATASETS: readonly TimmDataset[] = [
  { file: 'results-imagenet.csv', name: 'ImageNet-1k', type: 'imagenet-1k' },
  { file: 'results-imagenet-real.csv', name: 'ImageNet-ReaL', type: 'imagenet-real' },
  { file: 'results-imagenetv2-matched-frequency.csv', name: 'ImageNetV2 (matched frequency)', type: 'imagenetv2', config: 'matched-frequency' },
  { file: 'results-sketch.csv', name: 'ImageNet-Sketch', type: 'imagenet-sketch' },
  { file: 'results-imagenet-a.csv', name: 'ImageNet-A', type: 'imagenet-a' },
  { file: 'results-imagenet-r.csv', name: 'ImageNet-R', type: 'imagenet-r' },
  { file: 'results-imagenet-a-clean.csv', name: 'ImageNet-1k (ImageNet-A classes)', type: 'imagenet-1k', config: 'imagenet-a-classes' },
  { file: 'results-imagenet-r-clean.csv', name: 'ImageNet-1k (ImageNet-R classes)', type: 'imagenet-1k', config: 'imagenet-r-classes' },
];

const REQUIRED_COLUMNS = ['model', 'img_size', 'top1', 'top5', 'param_count'];

const DECIMAL = /^\d+(\.\d+)?$/;
// param_count is formatted with a thousands separator from 1,000 M up ("1,014.45").
const GROUPED_DECIMAL = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

function decimal(text: string): number | undefined {
  const t = text.trim();
  if (DECIMAL.test(t)) return Number(t);
  if (GROUPED_DECIMAL.test(t)) return Number(t.replace(/,/g, ''));
  return undefined;
}

/**
 * A percentage as published. A bare number ≤ 1 would be read downstream as a 0–1 fraction (cards
 * publish accuracy both ways), so such values keep their percent sign: "0.480%".
 */
function percentValue(text: string, stats: SourceStats): number | string | undefined {
  const n = decimal(text);
  if (n === undefined || n > 100) return undefined;
  if (n <= 1) {
    bump(stats.notes, 'values ≤ 1 % written as "<value>%" strings so they are not taken for fractions');
    return `${text.trim()}%`;
  }
  return n;
}

export interface TimmCsv {
  dataset: TimmDataset;
  csv: string | Buffer;
}

/**
 * Converts the result files. A model evaluated at several image sizes is listed once per size
 * (its default and its test size). Every result of a model uses the same size: the one of its
 * first (best) row in the ImageNet-1k file, so its numbers across sets are comparable.
 */
export function convertTimmResults(files: readonly TimmCsv[]): { models: HubModel[]; stats: SourceStats } {
  const stats = emptyStats(TIMM_RESULTS_SOURCE.name);
  const byDataset: { dataset: TimmDataset; rows: Map<string, CsvRow[]> }[] = [];
  const order: string[] = [];
  const seenModels = new Set<string>();

  for (const { dataset, csv } of files) {
    const file = `sources/timm-imagenet/${dataset.file}`;
    const rows = readCsvRows(csv, file, REQUIRED_COLUMNS);
    stats.rows += rows.length;
    const grouped = new Map<string, CsvRow[]>();
    for (const row of rows) {
      const model = row.model.trim();
      if (!model) { bump(stats.dropped_rows, 'model empty'); continue; }
      const list = grouped.get(model);
      if (list) list.push(row);
      else grouped.set(model, [row]);
      if (!seenModels.has(model)) { seenModels.add(model); order.push(model); }
    }
    byDataset.push({ dataset, rows: grouped });
  }

  const primary = byDataset.find((d) => d.dataset.file === 'results-imagenet.csv');
  const models: HubModel[] = [];
  for (const model of order) {
    const firstSeen = (primary?.rows.get(model) ?? byDataset.find((d) => d.rows.has(model))!.rows.get(model)!)[0];
    const imgSize = firstSeen.img_size.trim();

    const results = [];
    const paramCounts = new Set<number>();
    for (const { dataset, rows: grouped } of byDataset) {
      const rows = grouped.get(model);
      if (!rows) { bump(stats.notes, `models missing from ${dataset.file}`); continue; }
      let row = rows.find((r) => r.img_size.trim() === imgSize);
      if (!row) {
        row = rows[0];
        bump(stats.notes, 'results at another image size (the chosen size was not evaluated in that file)');
      }
      if (rows.length > 1) bump(stats.dropped_rows, 'same model at another image size', rows.length - 1);

      const params = decimal(row.param_count);
      if (params !== undefined) paramCounts.add(params);

      const top1 = percentValue(row.top1, stats);
      const top5 = percentValue(row.top5, stats);
      if (top1 === undefined) bump(stats.skipped_values, `${dataset.name} top1: not a percentage`);
      if (top5 === undefined) bump(stats.skipped_values, `${dataset.name} top5: not a percentage`);
      const metrics = [];
      if (top1 !== undefined) metrics.push({ type: 'top1', name: 'top-1 accuracy', value: top1 });
      if (top5 !== undefined) metrics.push({ type: 'top5', name: 'top-5 accuracy', value: top5 });
      if (metrics.length === 0) continue;

      const size = Number(row.img_size);
      const datasetOut: Record<string, unknown> = { name: dataset.name, type: dataset.type };
      if (dataset.config) datasetOut.config = dataset.config;
      datasetOut.split = 'validation';
      // The input resolution is part of the result: the same weights score differently at 224 and 288.
      if (Number.isInteger(size) && size > 0) datasetOut.args = { img_size: size };
      results.push({
        task: { type: 'image-classification', name: 'Image Classification' },
        dataset: datasetOut,
        metrics,
        source: RESULT_SOURCE,
      });
    }
    stats.results += results.length;

    const id = `timm/${model}`;
    const record: HubModel = {
      id,
      pipeline_tag: 'image-classification',
      library_name: 'timm',
      // timm's test_* networks are tiny models built to test the library, not trained to be used.
      tags: model.startsWith('test_') ? ['timm', 'image-classification', MODEL_TAGS.testModel] : ['timm', 'image-classification'],
      // timm's config.json names the architecture (the model name without its pretrained tag).
      config: { architecture: model.split('.')[0] },
    };
    if (paramCounts.size > 1) bump(stats.notes, 'models whose param_count differs between files (first used)');
    const millions = [...paramCounts][0];
    if (millions !== undefined && millions > 0) record.safetensors = { total: Math.round(millions * 1e6) };
    else bump(stats.omitted_fields, 'safetensors.total: param_count missing or 0');
    record.cardData = { 'model-index': [{ name: id, results }] };
    models.push(record);
  }
  stats.models = models.length;
  return { models, stats };
}
