// A partial refresh loses nothing: the last good models of the tasks that failed this time are kept,
// and models kept from an imported file keep saying so (their results are not this refresh's).
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';

export function keepModelsOfFailedTasks(result: SnapshotFile, previous: SnapshotFile): SnapshotFile {
  const failed = new Set(result.failed_tasks.map((f) => f.task));
  const have = new Set(result.models.map((m) => m.id.toLowerCase()));
  const keptFrom = previous.imported_at || previous.origin !== 'hub'
    ? { origin: previous.origin, fetched_at: previous.fetched_at, imported_at: previous.imported_at, sources: previous.sources }
    : undefined;
  const kept = previous.models
    .filter((m) => failed.has(m.pipeline_tag ?? '') && !have.has(m.id.toLowerCase()))
    .map((m) => (keptFrom && !m.kept_from ? { ...m, kept_from: keptFrom } : m));
  return { ...result, models: [...result.models, ...kept], partial: true };
}
