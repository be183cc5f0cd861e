// What an export holds: the fetched or imported data (else the bundled snapshot), with the
// imported model-zoo metafiles folded in, so one file carries everything that is not bundled.
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';

export function combineLayersForExport(layers: readonly SnapshotFile[]): SnapshotFile {
  const metafiles = layers.filter((l) => l.origin === 'metafiles');
  const base = layers.filter((l) => l.origin !== 'metafiles').at(-1);
  if (!base) throw new Error('combineLayersForExport: no dataset layer to export');
  if (metafiles.length === 0) return base;
  const zooModels = metafiles.flatMap((l) => l.models);
  const replaced = new Set(zooModels.map((m) => m.id));
  const sources = [...base.sources];
  for (const s of metafiles.flatMap((l) => l.sources)) {
    if (!sources.some((x) => x.name === s.name && x.file === s.file)) sources.push(s);
  }
  return {
    ...base,
    tasks: [...new Set([...base.tasks, ...metafiles.flatMap((l) => l.tasks)])],
    sources,
    models: [...base.models.filter((m) => !replaced.has(m.id)), ...zooModels],
  };
}
