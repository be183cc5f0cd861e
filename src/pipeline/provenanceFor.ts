// Where the results of one snapshot layer say they came from: the Hub's model cards for a live fetch,
// the source file (and its date) for a bundled or imported snapshot.
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';
import type { ResultProvenance } from './parseModelIndex.js';

/** Snapshot results say which source file they came from; live ones are model-card results. */
export function provenanceFor(snapshot: Pick<SnapshotFile, 'origin' | 'sources' | 'fetched_at'>): ResultProvenance {
  if (snapshot.origin === 'hub') return { source: 'model-card' };
  const byName = new Map(snapshot.sources.map((s) => [s.name, { file: s.file, date: s.date ?? snapshot.fetched_at }]));
  const fallback = snapshot.sources.length === 1 ? byName.get(snapshot.sources[0].name) : undefined;
  return {
    source: 'snapshot',
    snapshotFileFor: (name) => (name !== undefined ? byName.get(name) : undefined) ?? fallback ?? { date: snapshot.fetched_at },
  };
}
