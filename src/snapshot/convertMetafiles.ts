// Model-zoo metafiles (the Papers-with-Code format, the ancestor of the Hub's model-index:
// Collections, Models[]{Name, In Collection, Metadata, Results[]{Task, Dataset, Metrics}, Weights,
// Config, Paper, Code}, and a root model-index.yml whose Import lists them) → one Hub-shaped record
// per model with its results as a model-index, so the normal enrich path handles them.
// Real files are uneven: a file that does not parse is skipped and named, a model without results
// or a value that is not a number is skipped and counted, never guessed.
import { parseYamlText } from '../hub/parseYamlText.js';
import type { MetricDefinition } from '../pipeline/metricRegistry.js';
import { MAX_TEXT, obj, text } from '../pipeline/parseModelIndex.js';
import { parseMetricValue, readNumber } from '../pipeline/parseMetricValue.js';
import type { HubModel } from '../schemas/hubSchemas.js';
import { datasetFromModelName, mapDataset, mapMetric, mapTask, normalizeName, slug, splitFromMetricName, type DatasetMapping } from './metafileMappings.js';
import { bump, type SourceStats } from './sourceStats.js';

/** One metafile as text, with its path relative to the folder it came from (posix separators). */
export interface MetafileText {
  path: string;
  text: string;
}

/** The zoo the files belong to: it namespaces model ids and names the source of every result. */
export interface ModelZoo {
  /** Namespace of model ids: "openmmlab/mmdet" → "openmmlab/mmdet/<Name>". */
  id: string;
  /** Source name on every result ("OpenMMLab MMDetection model zoo"). */
  name: string;
  /** library_name of the records ("mmdet"). */
  library?: string;
  /** https://github.com/<owner>/<repo>: with `commit`, relative config paths become links. */
  repoUrl?: string;
  commit?: string;
  /** Prefix of each result's source file (e.g. "sources/openmmlab/mmdetection/"). */
  filePrefix?: string;
  /** ISO date of the files' data, when known. */
  date?: string;
}

export interface MetafileError {
  file: string;
  reason: string;
}

export interface MetafileStats extends SourceStats {
  /** Files read and used. */
  files: number;
  /** Files that could not be used, each with the reason. */
  file_errors: MetafileError[];
  /** Models and metric values written, per pipeline tag. */
  by_task: Record<string, { models: number; results: number }>;
}

const INDEX_NAMES = new Set(['model-index.yml', 'model-index.yaml']);
/** Import lists nest; deeper than this is a loop or a hostile file. */
const MAX_IMPORT_DEPTH = 8;

/** A list, a single entry (some zoos write `Results:` as one mapping) or nothing. */
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

const isUrl = (s: string | undefined): s is string => !!s && /^https?:\/\/\S+$/i.test(s);

/** Posix path without "./" segments and with ".." resolved; undefined when it leaves the root. */
export function normalizePath(p: string): string | undefined {
  const out: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const baseOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** "25.56M", "4.1G", 25557032 → a count; undefined for anything else. */
export function parseQuantity(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgbt])?\s*$/i.exec(v.replace(/,/g, ''));
  if (!m) return undefined;
  const unit = { k: 1e3, m: 1e6, g: 1e9, b: 1e9, t: 1e12 }[(m[2] ?? '').toLowerCase() as 'k'] ?? 1;
  const n = Number(m[1]) * unit;
  return n > 0 ? n : undefined;
}

/** A URL from a field written as a string or as {URL: …}. */
function urlOf(v: unknown): string | undefined {
  const s = text(v) ?? text(obj(v)?.URL) ?? text(obj(v)?.url);
  return isUrl(s) ? s : undefined;
}

interface ParsedFile {
  path: string;
  doc: Record<string, unknown>;
}

/** Which files to read, in order: the root model-index's Import list (followed), else every file. */
function resolveFiles(files: readonly MetafileText[], stats: MetafileStats): ParsedFile[] {
  const byPath = new Map<string, MetafileText>();
  for (const f of files) {
    const p = normalizePath(f.path);
    if (p === undefined || p === '') {
      stats.file_errors.push({ file: f.path, reason: 'path leaves the imported folder' });
      continue;
    }
    if (!byPath.has(p)) byPath.set(p, f);
  }
  const parsed = new Map<string, Record<string, unknown> | null>();
  const parse = (p: string): Record<string, unknown> | undefined => {
    if (parsed.has(p)) return parsed.get(p) ?? undefined;
    let doc: unknown;
    try {
      doc = parseYamlText(byPath.get(p)!.text.replace(/^\uFEFF/, ''), { maxAliasCount: 1000 });
    } catch (error) {
      const first = (error as Error).message.split('\n')[0];
      stats.file_errors.push({ file: p, reason: `not valid YAML: ${first}` });
      parsed.set(p, null);
      return undefined;
    }
    const map = obj(doc);
    if (!map || !('Models' in map || 'Collections' in map || 'Import' in map)) {
      stats.file_errors.push({ file: p, reason: 'not a metafile: no Models, Collections or Import at the top level' });
      parsed.set(p, null);
      return undefined;
    }
    parsed.set(p, map);
    return map;
  };

  const indexes = [...byPath.keys()].filter((p) => INDEX_NAMES.has(baseOf(p)));
  const shallowest = indexes.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1))[0];
  const out: ParsedFile[] = [];
  if (shallowest === undefined) {
    for (const p of [...byPath.keys()].sort()) {
      const doc = parse(p);
      if (doc) out.push({ path: p, doc });
    }
    return out;
  }

  const visited = new Set<string>();
  const visit = (p: string, depth: number, listedBy?: string) => {
    if (visited.has(p)) return;
    visited.add(p);
    if (!byPath.has(p)) {
      stats.file_errors.push({ file: p, reason: `listed in ${listedBy} but not among the files` });
      return;
    }
    const doc = parse(p);
    if (!doc) return;
    out.push({ path: p, doc });
    for (const entry of list(doc.Import)) {
      const rel = text(entry);
      if (!rel) { bump(stats.notes, 'Import entries that are not paths (ignored)'); continue; }
      // Import paths are relative to the listing file (for a root index, the repository root).
      const target = normalizePath(`${dirOf(p)}/${rel}`);
      if (target === undefined) {
        stats.file_errors.push({ file: rel, reason: `listed in ${p} but outside the imported folder` });
        continue;
      }
      if (depth >= MAX_IMPORT_DEPTH) {
        stats.file_errors.push({ file: target, reason: `Import lists nested deeper than ${MAX_IMPORT_DEPTH} levels` });
        continue;
      }
      visit(target, depth + 1, p);
    }
  };
  visit(shallowest, 0);
  const unlisted = [...byPath.keys()].filter((p) => !visited.has(p));
  if (unlisted.length > 0) bump(stats.notes, `files not listed in ${shallowest} (not read)`, unlisted.length);
  return out;
}

interface DraftValue {
  tag: string;
  taskName: string;
  taskConfig?: string;
  dataset: DatasetMapping;
  metricName: string;
  split?: string;
  def?: MetricDefinition;
  n: number;
  explicitPercent: boolean;
}

interface DraftModel {
  name: string;
  file: string;
  entry: Record<string, unknown>;
  values: DraftValue[];
  tag: string;
}

/** Training data as tags: the set the model is evaluated on came last, the ones before it are pretraining. */
function trainingTags(metadata: Record<string, unknown> | undefined, evaluatedOn: ReadonlySet<string>): string[] {
  const data = list(metadata?.['Training Data']).map(text).filter((t): t is string => !!t && !t.startsWith('#'));
  const tags: string[] = [];
  const last = data.at(-1);
  const staged = data.length > 1 && last !== undefined && evaluatedOn.has(normalizeName(last));
  data.forEach((d, i) => tags.push(staged && i < data.length - 1 ? `pretrained on ${d}` : `trained on ${d}`));
  const pre = text(metadata?.Pretrained);
  if (pre && !/^none$/i.test(pre)) tags.push(`pretrained on ${pre}`);
  return tags;
}

function emptyStats(source: string): MetafileStats {
  return { source, rows: 0, models: 0, results: 0, dropped_rows: {}, skipped_values: {}, omitted_fields: {}, notes: {}, files: 0, file_errors: [], by_task: {} };
}

export function convertMetafiles(files: readonly MetafileText[], zoo: ModelZoo): { models: HubModel[]; stats: MetafileStats } {
  const stats = emptyStats(zoo.name);
  const used = resolveFiles(files, stats);
  stats.files = used.length;

  const collections = new Map<string, Record<string, unknown>>();
  for (const { doc } of used) {
    for (const c of list(doc.Collections)) {
      const name = text(obj(c)?.Name);
      if (name && !collections.has(name)) collections.set(name, obj(c)!);
    }
  }

  const seenNames = new Set<string>();
  const models: HubModel[] = [];
  for (const { path, doc } of used) {
    // First every model of the file, then its values: whether the file writes a metric as a
    // percentage or as a fraction is decided over the whole file.
    const drafts: DraftModel[] = [];
    for (const raw of list(doc.Models)) {
      stats.rows++;
      const entry = obj(raw);
      if (!entry) { bump(stats.dropped_rows, 'model entry is not a mapping'); continue; }
      const name = text(entry.Name);
      if (!name) { bump(stats.dropped_rows, 'model without a Name'); continue; }
      if (seenNames.has(name)) {
        bump(stats.dropped_rows, 'Name used by an earlier model of this zoo (the first is kept)');
        bump(stats.notes, `duplicate Name ${name} in ${path}`);
        continue;
      }
      seenNames.add(name);
      const draft = draftModel(name, path, entry, stats);
      if (draft) drafts.push(draft);
    }
    const percentMetrics = new Set<string>();
    for (const d of drafts) {
      for (const v of d.values) {
        if (v.def?.scale === 'fraction' && !v.explicitPercent && v.n > 1) percentMetrics.add(v.def.id);
      }
    }
    for (const d of drafts) {
      const record = toRecord(d, zoo, collections, percentMetrics, stats);
      if (record) models.push(record);
    }
  }
  stats.models = models.length;
  return { models, stats };
}

function draftModel(name: string, file: string, entry: Record<string, unknown>, stats: MetafileStats): DraftModel | undefined {
  const results = list(entry.Results);
  if (results.length === 0) { bump(stats.dropped_rows, 'model without Results'); return undefined; }
  const values: DraftValue[] = [];
  let best: { tag: string; rank: number } | undefined;
  for (const rawResult of results) {
    const result = obj(rawResult);
    if (!result) { bump(stats.skipped_values, 'result is not a mapping'); continue; }
    const taskName = text(result.Task);
    if (!taskName) { bump(stats.skipped_values, 'result without a Task'); continue; }
    let taskMap = mapTask(taskName);
    if (!taskMap) {
      taskMap = { tag: slug(taskName) || 'unknown', rank: 0 };
      bump(stats.notes, `task without a pipeline tag mapping: ${taskName} (listed as ${taskMap.tag})`);
    }
    const datasetName = text(result.Dataset);
    if (!datasetName) { bump(stats.skipped_values, 'result without a Dataset'); continue; }
    let dataset = mapDataset(datasetName);
    if (!dataset && datasetName.startsWith('#')) {
      dataset = datasetFromModelName(name);
      if (!dataset) { bump(stats.skipped_values, `Dataset "${datasetName}" is not a dataset name and the model name names none`); continue; }
      bump(stats.notes, `Dataset "${datasetName}" read as ${dataset.name} from the model name`);
    }
    if (!dataset) {
      dataset = { type: slug(datasetName) || 'unknown', name: datasetName };
      bump(stats.notes, `dataset without a canonical id: ${datasetName}`);
    }
    const metrics = metricEntries(result.Metrics, stats);
    if (metrics.length === 0) { bump(stats.skipped_values, 'result without Metrics'); continue; }
    for (const [metricRaw, valueRaw] of metrics) {
      if (valueRaw === null || valueRaw === undefined || valueRaw === '') { bump(stats.skipped_values, 'metric without a value'); continue; }
      const read = readNumber(valueRaw);
      if (!read) { bump(stats.skipped_values, 'value is not a number'); continue; }
      if (typeof valueRaw === 'string' && /\(\s*[\d.]+\s*\)/.test(valueRaw)) bump(stats.notes, 'values followed by a second number in parentheses (the first is kept)');
      const { metric, split } = splitFromMetricName(metricRaw);
      const def = mapMetric(metric, taskMap.tag);
      if (!def) bump(stats.notes, `metric without a registry entry (kept under its own name): ${metricRaw}`);
      values.push({
        tag: taskMap.tag,
        taskName,
        taskConfig: taskMap.config,
        dataset,
        metricName: metricRaw,
        split: split ?? dataset.split,
        def,
        n: read.n,
        explicitPercent: read.percent,
      });
    }
    if (!best || taskMap.rank > best.rank) best = { tag: taskMap.tag, rank: taskMap.rank };
  }
  if (values.length === 0 || !best) { bump(stats.dropped_rows, 'model without a usable result'); return undefined; }
  return { name, file, entry, values, tag: best.tag };
}

/** Metrics as a mapping {name: value} or as a list of {Name, Value}. */
function metricEntries(raw: unknown, stats: MetafileStats): [string, unknown][] {
  const map = obj(raw);
  if (map) return Object.entries(map).map(([k, v]) => [k.trim().slice(0, MAX_TEXT), v]);
  const out: [string, unknown][] = [];
  for (const item of list(raw)) {
    const m = obj(item);
    const name = text(m?.Name) ?? text(m?.name);
    if (!m || !name) { bump(stats.skipped_values, 'metric entry without a name'); continue; }
    out.push([name, m.Value ?? m.value]);
  }
  return out;
}

function toRecord(
  d: DraftModel,
  zoo: ModelZoo,
  collections: ReadonlyMap<string, Record<string, unknown>>,
  percentMetrics: ReadonlySet<string>,
  stats: MetafileStats,
): HubModel | undefined {
  const file = `${zoo.filePrefix ?? ''}${d.file}`;
  const source: Record<string, string> = { name: zoo.name };
  if (zoo.repoUrl && zoo.commit) source.url = `${zoo.repoUrl}/blob/${zoo.commit}/${d.file}`;
  source.file = file;
  if (zoo.date) source.date = zoo.date;

  const groups = new Map<string, { task: Record<string, string>; dataset: Record<string, string>; metrics: Record<string, unknown>[]; source: Record<string, string> }>();
  const seen = new Set<string>();
  let written = 0;
  for (const v of d.values) {
    const scale = v.def?.scale ?? 'raw';
    // Percent where the value says so ("82.21%"), or where the file writes this metric above 1.
    const percent = scale === 'fraction' && (v.explicitPercent || v.n > 1 || percentMetrics.has(v.def!.id));
    const value: number | string = percent ? `${v.n}%` : v.n;
    const check = parseMetricValue(value, scale);
    if (!check.ok) { bump(stats.skipped_values, `${v.def?.name ?? v.metricName}: ${check.reason.replace(/_/g, ' ')}`); continue; }
    const config = [v.dataset.config, v.taskConfig].filter(Boolean).join('/') || undefined;
    const groupKey = `${v.tag}\u0000${v.dataset.name}\u0000${config ?? ''}\u0000${v.split ?? ''}`;
    // One value per dataset, config, split and metric, whatever task the file files it under (as enrich reads it).
    const metricKey = `${v.dataset.name}\u0000${config ?? ''}\u0000${v.split ?? ''}\u0000${v.def?.id ?? normalizeName(v.metricName)}`;
    if (seen.has(metricKey)) { bump(stats.skipped_values, 'same benchmark and metric twice in one model (the first is kept)'); continue; }
    seen.add(metricKey);
    let group = groups.get(groupKey);
    if (!group) {
      const dataset: Record<string, string> = { name: v.dataset.name, type: v.dataset.type };
      if (config) dataset.config = config;
      if (v.split) dataset.split = v.split;
      group = { task: { type: v.tag, name: v.taskName }, dataset, metrics: [], source };
      groups.set(groupKey, group);
    }
    group.metrics.push({ type: v.def?.id ?? v.metricName, name: v.metricName, value });
    written++;
  }
  if (written === 0) { bump(stats.dropped_rows, 'model without a usable result'); return undefined; }

  const entry = d.entry;
  const metadata = obj(entry.Metadata);
  const collectionName = text(entry['In Collection']);
  const collection = collectionName ? collections.get(collectionName) : undefined;
  if (collectionName && !collection) bump(stats.notes, 'models whose In Collection is not defined in the files read');

  const evaluatedOn = new Set(d.values.map((v) => normalizeName(v.dataset.name)));
  for (const v of d.values) evaluatedOn.add(normalizeName(v.dataset.type));
  const tags = [...new Set([...(zoo.library ? [zoo.library] : []), 'model-zoo', d.tag, ...trainingTags(metadata, evaluatedOn)])];

  const record: HubModel = {
    id: `${zoo.id}/${d.name.replace(/[\s/\\?#%]+/g, '-')}`,
    pipeline_tag: d.tag,
  };
  if (zoo.library) record.library_name = zoo.library;
  record.tags = tags;
  // The collection is the zoo's own name for the algorithm (Faster R-CNN, ResNet, HRNet): the family.
  if (collectionName) record.config = { model_type: slug(collectionName) };
  const card: Record<string, unknown> = {};
  const license = text(collection?.License);
  if (license) card.license = license;
  card['model-index'] = [{ name: d.name, results: [...groups.values()] }];
  record.cardData = card;

  const params = parseQuantity(metadata?.Parameters ?? metadata?.params ?? metadata?.Params);
  if (params !== undefined) record.declared_parameters = { total: Math.round(params), source: 'model-zoo' };
  else if ((metadata?.Parameters ?? metadata?.params ?? metadata?.Params) !== undefined) bump(stats.omitted_fields, 'declared_parameters: Parameters not a count');
  const flopsRaw = metadata?.FLOPs ?? metadata?.Flops ?? metadata?.flops;
  const flops = parseQuantity(flopsRaw);
  if (flops !== undefined) record.declared_flops = flops;
  else if (flopsRaw !== undefined && flopsRaw !== null) bump(stats.omitted_fields, 'declared_flops: FLOPs not a count');

  record.model_zoo = zoo.id;
  const links: NonNullable<HubModel['links']> = {};
  const paper = urlOf(entry.Paper) ?? urlOf(collection?.Paper);
  if (paper) links.paper = paper;
  const code = urlOf(entry.Code) ?? urlOf(collection?.Code);
  if (code) links.code = code;
  const config = text(entry.Config);
  if (isUrl(config)) links.config = config;
  else if (config && zoo.repoUrl && zoo.commit) {
    const p = normalizePath(config);
    if (p) links.config = `${zoo.repoUrl}/blob/${zoo.commit}/${p}`;
  }
  const weights = list(entry.Weights).map(text).find(isUrl);
  if (weights) links.weights = weights;
  else bump(stats.omitted_fields, 'links.weights: no Weights URL');
  if (Object.keys(links).length > 0) record.links = links;

  stats.results += written;
  const t = (stats.by_task[d.tag] ??= { models: 0, results: 0 });
  t.models++;
  t.results += written;
  return record;
}
