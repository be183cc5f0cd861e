// The layer of imported model-zoo metafiles: each import adds its models (a model imported again
// replaces its earlier copy) and names its zoo as a source, with what was imported and when.
import type { HubModel } from '../schemas/hubSchemas.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotFile } from '../schemas/snapshotSchemas.js';
import type { ModelZoo } from './convertMetafiles.js';

export interface MetafileImport {
  zoo: ModelZoo;
  /** What was imported (a file, a folder, or the files' names), for the source entry. */
  file: string;
  models: HubModel[];
}

export function mergeMetafileImport(previous: SnapshotFile | undefined, input: MetafileImport, now: string): SnapshotFile {
  const incoming = new Set(input.models.map((m) => m.id));
  const models = [...(previous?.models ?? []).filter((m) => !incoming.has(m.id)), ...input.models];
  const zooModels = models.filter((m) => m.model_zoo === input.zoo.id).length;
  const sources = [
    ...(previous?.sources ?? []).filter((s) => s.name !== input.zoo.name),
    { name: input.zoo.name, file: input.file, ...(input.zoo.repoUrl ? { url: input.zoo.repoUrl } : {}), date: now, model_count: zooModels },
  ];
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    origin: 'metafiles',
    created_at: now,
    fetched_at: now,
    imported_at: now,
    tasks: [...new Set(models.map((m) => m.pipeline_tag ?? '').filter(Boolean))].sort(),
    sources,
    partial: false,
    failed_tasks: [],
    models,
  };
}
