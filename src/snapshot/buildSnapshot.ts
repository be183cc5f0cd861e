// Builds the bundled snapshot from the source exports in data/sources: Hub-shaped records, so
// the bundled data runs through the same enrich + analytics code as a live fetch. Pure given the
// files: no clock, no network, so rebuilding from the same sources gives identical output.
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { HubModel } from '../schemas/hubSchemas.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotFile, type SnapshotSource } from '../schemas/snapshotSchemas.js';
import { convertMetafiles, type MetafileStats, type MetafileText } from './convertMetafiles.js';
import { OPENMMLAB_ZOOS } from './modelZoos.js';
import { OPEN_LLM_LEADERBOARD_SOURCE, convertOpenLlmLeaderboard } from './convertOpenLlmLeaderboard.js';
import { TIMM_DATASETS, TIMM_RESULTS_SOURCE, convertTimmResults } from './convertTimmResults.js';
import type { SourceStats } from './sourceStats.js';

export interface BuildSnapshotOptions {
  /** The folder holding open-llm-leaderboard-v2/, timm-imagenet/ and openmmlab/ (data/sources in the repo). */
  sourcesDir: string;
}

export interface BuildSnapshotResult {
  snapshot: SnapshotFile;
  stats: (SourceStats | MetafileStats)[];
}

/** Every YAML file of a zoo's folder, paths relative to it, sorted (the build's input is the folder). */
function readZooFiles(dir: string): MetafileText[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => /\.ya?ml$/i.test(p))
    .map((p) => p.split(sep).join('/'))
    .sort()
    .map((p) => ({ path: p, text: readFileSync(join(dir, p), 'utf8') }));
}

/** The OpenMMLab zoos' metafiles in sources/openmmlab/<zoo>/, each read from its model-index.yml. */
function convertOpenMmlab(sourcesDir: string) {
  return OPENMMLAB_ZOOS.map((zoo) => {
    const folder = `sources/openmmlab/${zoo.folder}`;
    const { models, stats } = convertMetafiles(readZooFiles(join(sourcesDir, 'openmmlab', zoo.folder)), { ...zoo, filePrefix: `${folder}/` });
    const source: SnapshotSource = {
      name: zoo.name,
      file: `${folder}/model-index.yml`,
      url: zoo.commit ? `${zoo.repoUrl}/tree/${zoo.commit}` : zoo.repoUrl,
      license: zoo.license,
      ...(zoo.date ? { date: zoo.date } : {}),
      model_count: models.length,
    };
    return { models, stats, source };
  });
}

function readTimmFiles(dir: string) {
  const present = readdirSync(dir).filter((f) => /^results-.*\.csv$/.test(f));
  const known = new Set(TIMM_DATASETS.map((d) => d.file));
  // Every file must map to a named evaluation set: a new one should be named, not skipped.
  const unknown = present.filter((f) => !known.has(f));
  if (unknown.length > 0) throw new Error(`buildSnapshot: ${dir}: no dataset mapping for ${unknown.join(', ')} (add it to TIMM_DATASETS)`);
  return TIMM_DATASETS.map((dataset) => ({ dataset, csv: readFileSync(join(dir, dataset.file)) }));
}

// Plain code-unit order: the same on every machine and locale, unlike localeCompare.
const byId = (a: HubModel, b: HubModel) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function buildSnapshotWithStats(options: BuildSnapshotOptions): BuildSnapshotResult {
  const llmFile = join(options.sourcesDir, 'open-llm-leaderboard-v2', 'huggingface_v2.csv');
  const llm = convertOpenLlmLeaderboard(readFileSync(llmFile), OPEN_LLM_LEADERBOARD_SOURCE.file);
  const timm = convertTimmResults(readTimmFiles(join(options.sourcesDir, 'timm-imagenet')));
  const zoos = convertOpenMmlab(options.sourcesDir);

  const models = [...llm.models, ...timm.models, ...zoos.flatMap((z) => z.models)].sort(byId);
  for (let i = 1; i < models.length; i++) {
    if (models[i].id.toLowerCase() === models[i - 1].id.toLowerCase()) {
      throw new Error(`buildSnapshot: model id ${models[i].id} comes from two sources`);
    }
  }

  const sources: SnapshotSource[] = [
    { ...OPEN_LLM_LEADERBOARD_SOURCE, model_count: llm.models.length },
    { ...TIMM_RESULTS_SOURCE, model_count: timm.models.length },
    ...zoos.map((z) => z.source),
  ];
  // Dated by its data, not by when it was built, so a rebuild is byte-identical.
  const newest = sources.flatMap((s) => (s.date ? [s.date] : [])).sort().at(-1)!;
  const base = ['text-generation', 'image-classification'];
  const tasks = [...base, ...[...new Set(models.map((m) => m.pipeline_tag ?? ''))].filter((t) => t && !base.includes(t)).sort()];

  const snapshot: SnapshotFile = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    origin: 'bundled',
    created_at: newest,
    fetched_at: newest,
    tasks,
    sources,
    partial: false,
    failed_tasks: [],
    models,
  };
  return { snapshot, stats: [llm.stats, timm.stats, ...zoos.map((z) => z.stats)] };
}

export function buildSnapshot(options: BuildSnapshotOptions): SnapshotFile {
  return buildSnapshotWithStats(options).snapshot;
}
