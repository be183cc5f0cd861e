// Open LLM Leaderboard v2 export (one CSV row per model + precision + commit) → one Hub-shaped
// text-generation record per model, with the six benchmarks as a model-index, raw values (0–1).
import { HUB_PLACEHOLDER_CREATED_AT, type HubModel } from '../schemas/hubSchemas.js';
import { MODEL_TAGS, type ModelTypeTag } from '../schemas/modelTags.js';
import type { SnapshotSource } from '../schemas/snapshotSchemas.js';
import { readCsvRows, type CsvRow } from './readCsvRows.js';
import { bump, emptyStats, type SourceStats } from './sourceStats.js';

export const OPEN_LLM_LEADERBOARD_SOURCE = {
  name: 'Open LLM Leaderboard v2',
  file: 'sources/open-llm-leaderboard-v2/huggingface_v2.csv',
  url: 'https://github.com/fboulnois/llm-leaderboard-csv/blob/v1.3.0/csv/huggingface_v2.csv',
  license: 'MPL-2.0',
  // Last content update of the export (tag v1.3.0); the leaderboard itself is closed.
  date: '2025-03-21T00:00:00.000Z',
} as const satisfies SnapshotSource;

/** Where each result says it came from: the leaderboard the numbers were published on. */
const RESULT_SOURCE = {
  name: OPEN_LLM_LEADERBOARD_SOURCE.name,
  url: 'https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard',
} as const;

interface Benchmark {
  /** Column stem: evaluations_<column>_name / _value. */
  column: string;
  /** What the export's evaluations_<column>_name holds; checked so a shifted column fails loudly. */
  exportName: string;
  /** As the leaderboard's own bot writes it into model cards, so a card's result and ours are one measurement. */
  dataset: { name: string; type: string; config?: string; split?: string };
  fewShot: number;
  metric: { type: string; name: string };
}

const BENCHMARKS: readonly Benchmark[] = [
  { column: 'ifeval', exportName: 'IFEval', dataset: { name: 'IFEval', type: 'HuggingFaceH4/ifeval' }, fewShot: 0, metric: { type: 'strict_acc', name: 'strict accuracy' } },
  { column: 'bbh', exportName: 'BBH', dataset: { name: 'BBH', type: 'SaylorTwift/bbh' }, fewShot: 3, metric: { type: 'acc_norm', name: 'normalized accuracy' } },
  { column: 'math', exportName: 'MATH Level 5', dataset: { name: 'MATH Level 5', type: 'lighteval/MATH-Hard' }, fewShot: 4, metric: { type: 'exact_match', name: 'exact match' } },
  { column: 'gpqa', exportName: 'GPQA', dataset: { name: 'GPQA', type: 'Idavidrein/gpqa' }, fewShot: 0, metric: { type: 'acc_norm', name: 'normalized accuracy' } },
  { column: 'musr', exportName: 'MUSR', dataset: { name: 'MuSR', type: 'TAUR-Lab/MuSR' }, fewShot: 0, metric: { type: 'acc_norm', name: 'normalized accuracy' } },
  { column: 'mmlu_pro', exportName: 'MMLU-PRO', dataset: { name: 'MMLU-PRO', type: 'TIGER-Lab/MMLU-Pro', config: 'main', split: 'test' }, fewShot: 5, metric: { type: 'acc', name: 'accuracy' } },
];

/**
 * The export's model_type values (the leaderboard's categories with spaces and emoji squeezed
 * out) → readable tags. An unknown value stops the build so a new category is mapped on purpose.
 */
export const MODEL_TYPE_TAGS: Readonly<Record<string, ModelTypeTag>> = {
  pretrained: 'pretrained',
  continuouslypretrained: 'continuously-pretrained',
  'fine-tunedondomain-specificdatasets': 'fine-tuned',
  chatmodels: 'chat',
  basemergesandmoerges: 'merges-and-moerges',
  multimodal: 'multimodal',
  '❓other': 'other',
};

// Not read: features_is_not_available_on_hub. Its values run opposite to its name (TRUE for
// Qwen/Qwen2.5-72B-Instruct and google/gemma-2-9b-it, which are on the Hub; 2,893 of the 4,576 rows).
const FLAG_TAGS: readonly [column: string, tag: string][] = [
  ['features_is_merged', MODEL_TAGS.merge],
  ['features_is_moe', MODEL_TAGS.moe],
  ['features_is_official_provider', MODEL_TAGS.officialProvider],
  ['features_is_flagged', MODEL_TAGS.flagged],
];

const REQUIRED_COLUMNS = [
  'id', 'model_name', 'model_sha', 'model_type', 'model_weight_type', 'model_architecture', 'model_average_score',
  ...BENCHMARKS.flatMap((b) => [`evaluations_${b.column}_name`, `evaluations_${b.column}_value`, `evaluations_${b.column}_normalized_score`]),
  ...FLAG_TAGS.map(([c]) => c),
  'metadata_upload_date', 'metadata_submission_date', 'metadata_base_model', 'metadata_hub_license',
  'metadata_hub_hearts', 'metadata_params_billions',
];

/** Architectures the export uses to mean "not known". */
const UNKNOWN_ARCHITECTURES = new Set(['', '?', 'Unknown']);
/** The export's base_model for repos that no longer exist: a marker, not a repo id. */
const REMOVED_BASE_MODEL = 'Removed';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const isDay = (s: string) => DAY.test(s) && Number.isFinite(Date.parse(`${s}T00:00:00Z`));

function flag(row: CsvRow, column: string, file: string): boolean {
  const v = row[column];
  if (v === 'TRUE') return true;
  if (v === 'FALSE') return false;
  throw new Error(`${file}: row ${row.id}: ${column} is ${JSON.stringify(v)}, expected TRUE or FALSE`);
}

/**
 * Whether row `a` is the one to keep over `b` for the same model: the latest submission wins
 * (a resubmission reflects the newest evaluation), then the higher average, then the CSV row id,
 * so the choice never depends on row order.
 */
function preferred(a: CsvRow, b: CsvRow): boolean {
  const da = isDay(a.metadata_submission_date) ? a.metadata_submission_date : '';
  const db = isDay(b.metadata_submission_date) ? b.metadata_submission_date : '';
  if (da !== db) return da > db;
  const sa = Number(a.model_average_score);
  const sb = Number(b.model_average_score);
  const va = Number.isFinite(sa) ? sa : -Infinity;
  const vb = Number.isFinite(sb) ? sb : -Infinity;
  if (va !== vb) return va > vb;
  return a.id < b.id;
}

function toRecord(row: CsvRow, stats: SourceStats, file: string): HubModel {
  const id = row.model_name.trim();

  const tags = ['text-generation'];
  const typeTag = MODEL_TYPE_TAGS[row.model_type];
  if (typeTag === undefined && row.model_type !== '') {
    throw new Error(`${file}: row ${row.id}: unknown model_type ${JSON.stringify(row.model_type)}; add it to MODEL_TYPE_TAGS`);
  }
  if (typeTag) tags.push(typeTag);
  else bump(stats.omitted_fields, 'model type tag: model_type empty');
  for (const [column, tag] of FLAG_TAGS) if (flag(row, column, file)) tags.push(tag);
  if (row.model_weight_type === 'Adapter') tags.push(MODEL_TAGS.adapter);

  const record: HubModel = { id };
  if (row.model_sha) record.sha = row.model_sha;
  else bump(stats.omitted_fields, 'sha: model_sha empty');
  record.pipeline_tag = 'text-generation';
  record.library_name = 'transformers';
  record.tags = tags;

  if (/^\d+$/.test(row.metadata_hub_hearts)) record.likes = Number(row.metadata_hub_hearts);
  else bump(stats.omitted_fields, 'likes: metadata_hub_hearts not an integer');

  const upload = row.metadata_upload_date;
  if (upload === '') bump(stats.omitted_fields, 'createdAt: metadata_upload_date empty');
  else if (!isDay(upload)) bump(stats.omitted_fields, 'createdAt: metadata_upload_date not a date');
  // The leaderboard copied the Hub's createdAt, which is a placeholder for repos older than the
  // Hub's tracking; that day says "unknown", not when the model was made.
  else if (upload === HUB_PLACEHOLDER_CREATED_AT.slice(0, 10)) bump(stats.omitted_fields, `createdAt: Hub placeholder date ${upload}`);
  else record.createdAt = `${upload}T00:00:00.000Z`;

  const arch = row.model_architecture.trim();
  if (UNKNOWN_ARCHITECTURES.has(arch)) bump(stats.omitted_fields, `config.architectures: model_architecture ${JSON.stringify(arch)}`);
  else record.config = { architectures: [arch] };

  const billions = NUMBER.test(row.metadata_params_billions.trim()) ? Number(row.metadata_params_billions) : NaN;
  // The leaderboard's own metadata column, labelled as such: not the repo's safetensors metadata.
  if (billions > 0) record.declared_parameters = { total: Math.round(billions * 1e9), source: 'leaderboard' };
  else if (Number.isNaN(billions)) bump(stats.omitted_fields, 'declared_parameters: metadata_params_billions not a number');
  else bump(stats.omitted_fields, `declared_parameters: metadata_params_billions ${billions === 0 ? '0' : 'negative'}`);

  const results = [];
  for (const b of BENCHMARKS) {
    const published = row[`evaluations_${b.column}_name`];
    if (published !== b.exportName) {
      throw new Error(`${file}: row ${row.id}: evaluations_${b.column}_name is ${JSON.stringify(published)}, expected ${JSON.stringify(b.exportName)}`);
    }
    const dataset = { name: b.dataset.name, type: b.dataset.type, ...(b.dataset.config ? { config: b.dataset.config } : {}), ...(b.dataset.split ? { split: b.dataset.split } : {}), args: { num_few_shot: b.fewShot } };
    // The raw score (a 0–1 fraction) and the leaderboard's own normalized score (0–100, random baseline
    // removed: what its average is made of), each a measurement of its own.
    const variants = [
      { column: `evaluations_${b.column}_value`, label: b.dataset.name, max: 1, range: '0–1', normalization: 'none' },
      { column: `evaluations_${b.column}_normalized_score`, label: `${b.dataset.name} (normalized)`, max: 100, range: '0–100', normalization: 'leaderboard' },
    ] as const;
    for (const v of variants) {
      const text = row[v.column].trim();
      if (text === '') bump(stats.skipped_values, `${v.label}: empty`);
      else if (!NUMBER.test(text)) bump(stats.skipped_values, `${v.label}: not a number`);
      else if (!(Number(text) >= 0 && Number(text) <= v.max)) bump(stats.skipped_values, `${v.label}: outside ${v.range}`);
      else {
        results.push({
          task: { type: 'text-generation', name: 'Text Generation' },
          dataset,
          metrics: [{ type: b.metric.type, name: b.metric.name, value: Number(text), normalization: v.normalization }],
          source: RESULT_SOURCE,
        });
      }
    }
  }
  stats.results += results.length;

  const cardData: Record<string, unknown> = {};
  const license = row.metadata_hub_license.trim();
  if (license) cardData.license = license;
  else bump(stats.omitted_fields, 'cardData.license: metadata_hub_license empty');
  const base = row.metadata_base_model.trim();
  if (base === REMOVED_BASE_MODEL) bump(stats.omitted_fields, 'cardData.base_model: "Removed"');
  else if (base && base.toLowerCase() !== id.toLowerCase()) cardData.base_model = base;
  cardData['model-index'] = [{ name: id, results }];
  record.cardData = cardData;
  return record;
}

/** Converts the export's CSV text; `file` names it in errors. */
export function convertOpenLlmLeaderboard(csv: string | Buffer, file: string = OPEN_LLM_LEADERBOARD_SOURCE.file): { models: HubModel[]; stats: SourceStats } {
  const rows = readCsvRows(csv, file, REQUIRED_COLUMNS);
  const stats = emptyStats(OPEN_LLM_LEADERBOARD_SOURCE.name);
  stats.rows = rows.length;

  // Hub repo ids are case-insensitive: "Org/Model-ITA" and "Org/model-ita" are one repo.
  const best = new Map<string, CsvRow>();
  const spellings = new Map<string, Set<string>>();
  for (const row of rows) {
    const name = row.model_name.trim();
    if (!name) { bump(stats.dropped_rows, 'model_name empty'); continue; }
    const key = name.toLowerCase();
    const seen = spellings.get(key) ?? new Set<string>();
    seen.add(name);
    spellings.set(key, seen);
    const current = best.get(key);
    if (current === undefined) { best.set(key, row); continue; }
    bump(stats.dropped_rows, 'another row of the same model was kept (latest submission, then higher average)');
    if (preferred(row, current)) best.set(key, row);
  }
  for (const names of spellings.values()) {
    if (names.size > 1) bump(stats.notes, 'model ids differing only in letter case, merged into one record');
  }

  const models = [...best.values()].map((row) => toRecord(row, stats, file));
  stats.models = models.length;
  return { models, stats };
}
