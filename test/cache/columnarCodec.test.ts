// A saved version's leaderboard entries read one by one (itemsOf) against the same entries built the
// usual way: the real bundled data plus a hand-made board with ties, saved to a real file in a temp dir
// and opened twice — once read entry by entry, once with every board's entries built — and compared
// field by field; then every leaderboard query answers the same from either, and an unfiltered page
// leaves the rest of its board unbuilt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaderboardsInputSchema, type LeaderboardsInput } from '../../src/api/apiSchemas.js';
import { benchmarksBody, leaderboardCatalog, listLeaderboards } from '../../src/api/datasetQueries.js';
import { itemsOf } from '../../src/cache/columnarCodec.js';
import { createVersionFileStore } from '../../src/cache/createVersionFileStore.js';
import { buildDatasetVersion, type DatasetVersion } from '../../src/pipeline/buildDatasetVersion.js';
import type { Leaderboard, LeaderboardEntry } from '../../src/schemas/benchmarkSchemas.js';
import { createTempDirs } from '../support/tempDirs.js';
import { hubModel, loadBundledSnapshot, snapshotOf } from '../support/testSnapshots.js';

const temp = createTempDirs('columnar');
const AT = '2026-09-01T12:34:56.789Z';
const MAX = 1000;

// Ties: three models share 0.9 and two share 0.8 on one board (ranks 1 1 1 4 4 6); sizes known and unknown.
const TIES = snapshotOf(
  [0.9, 0.9, 0.8, 0.9, 0.8, 0.7].map((value, i) =>
    hubModel({
      id: `ties/model-${i}`,
      task: 'text-classification',
      params: i % 2 === 0 ? (i + 1) * 100_000_000 : undefined,
      modelType: i < 3 ? 'bert' : 'roberta',
      results: [
        { dataset: 'tie_bench', metric: 'accuracy', value },
        { dataset: 'tie_bench', metric: 'f1', value: value / 2 },
      ],
    }),
  ),
  { origin: 'hub', fetched_at: '2026-09-01T00:00:00.000Z' },
);

let store: ReturnType<typeof createVersionFileStore<{ heads: object }>>;
let built: DatasetVersion;
/** Opened from the file, entries never built as arrays (read through itemsOf only). */
let lazy: DatasetVersion;
/** Opened from the same file, every board's entries built up front. */
let eager: DatasetVersion;

beforeAll(async () => {
  store = createVersionFileStore<{ heads: object }>({ dir: await temp.make() });
  built = buildDatasetVersion([await loadBundledSnapshot(), TIES], { now: AT });
  await store.save(built, { heads: {} }, 'key');
  lazy = await open();
  eager = await open();
  for (const lb of eager.analytics.leaderboards) void lb.entries.length;
}, 120_000);
afterAll(() => temp.cleanup());

async function open(): Promise<DatasetVersion> {
  const loaded = await store.load('key');
  if (loaded.state !== 'loaded') throw new Error(`saved version not loaded: ${loaded.state}`);
  return loaded.persisted.version;
}
const unbuilt = (lb: Leaderboard) => Object.getOwnPropertyDescriptor(lb, 'entries')?.get !== undefined;
const board = (v: DatasetVersion, dataset: string, metric: string) =>
  v.analytics.leaderboards.find((lb) => lb.dataset_name === dataset && lb.metric_name === metric)!;
const input = (i: Partial<LeaderboardsInput>) => LeaderboardsInputSchema.parse(i);

describe('itemsOf', () => {
  it('reads a saved board’s entries one by one as the built entries, field by field, when ranks tie', () => {
    const ties = board(lazy, 'tie_bench', 'accuracy');
    expect(unbuilt(ties)).toBe(true);
    // The tie board as computeLeaderboards ranks it (hand-checked: 0.9 ×3 → rank 1, 0.8 ×2 → rank 4, 0.7 → 6).
    const view = itemsOf<LeaderboardEntry>(ties, 'entries');
    expect(Array.from({ length: view.length }, (_, k) => view.at(k)!.rank)).toEqual([1, 1, 1, 4, 4, 6]);
    let compared = 0;
    const differences: string[] = [];
    for (const [b, lb] of lazy.analytics.leaderboards.entries()) {
      const items = itemsOf<LeaderboardEntry>(lb, 'entries');
      const expected = built.analytics.leaderboards[b].entries;
      expect(lb.key).toBe(built.analytics.leaderboards[b].key);
      expect(items.length).toBe(expected.length);
      for (let k = 0; k < expected.length; k++) {
        const got = items.at(k)! as unknown as Record<string, unknown>;
        const want = expected[k] as unknown as Record<string, unknown>;
        if (Object.keys(got).join() !== Object.keys(want).join()) differences.push(`${lb.key} #${k}: keys ${Object.keys(got).join()}`);
        else if (JSON.stringify(got) !== JSON.stringify(want)) {
          for (const field of Object.keys(want)) {
            if (JSON.stringify(got[field]) !== JSON.stringify(want[field])) differences.push(`${lb.key} #${k} ${field}: ${JSON.stringify(got[field])}`);
          }
        }
        compared++;
      }
      expect(items.at(expected.length)).toBeUndefined();
      // Read item by item, the board's array is still not built.
      expect(unbuilt(lb)).toBe(true);
    }
    expect(differences).toEqual([]);
    expect(compared).toBe(built.analytics.leaderboards.reduce((n, lb) => n + lb.entries.length, 0));
    const first = lazy.analytics.leaderboards[0];
    // Once built, the array holds the very objects read before.
    const seen = itemsOf<LeaderboardEntry>(first, 'entries').at(3);
    expect(first.entries[3]).toBe(seen);
    expect(unbuilt(first)).toBe(false);
    expect(itemsOf(first, 'entries')).toBe(first.entries);
  });

  it('answers every leaderboard query the same from entries read one by one as from built ones', () => {
    const queries: Partial<LeaderboardsInput>[] = [
      { task_type: 'text-generation', limit: 10 },
      { task_type: 'text-classification', dataset_name: 'tie_bench', metric_name: 'accuracy', limit: 4, offset: 1 },
      { task_type: 'text-classification', dataset_name: 'tie_bench', offset: 50 },
      { task_type: 'text-classification', dataset_name: 'tie_bench', family: 'roberta' },
      { task_type: 'text-classification', dataset_name: 'tie_bench', min_params: 200_000_000, limit: 1, offset: 1 },
      { task_type: 'text-generation', search: 'qwen', limit: 5, offset: 2 },
      { task_type: 'text-generation', verified_only: true, limit: 3 },
      { task_type: 'image-classification', include_community: false, base_models_only: true, limit: 7 },
      { key: board(built, 'tie_bench', 'F1').key, limit: 2 },
    ];
    for (const q of queries) {
      const want = JSON.stringify(listLeaderboards(eager, input(q), MAX));
      expect(JSON.stringify(listLeaderboards(lazy, input(q), MAX)), JSON.stringify(q)).toBe(want);
      expect(JSON.stringify(listLeaderboards(built, input(q), MAX))).toBe(want);
    }
    expect(JSON.stringify(leaderboardCatalog(lazy, MAX))).toBe(JSON.stringify(leaderboardCatalog(eager, MAX)));
    expect(JSON.stringify(benchmarksBody(lazy, MAX).leaderboards)).toBe(JSON.stringify(benchmarksBody(eager, MAX).leaderboards));
  });

  it('builds only the page it answers when an unfiltered query opens a board', async () => {
    const v = await open();
    const biggest = v.analytics.leaderboards.reduce((a, b) => (b.total_entries > a.total_entries ? b : a));
    const page = listLeaderboards(v, input({ key: biggest.key, limit: 10, offset: 20 }), MAX).leaderboards[0];
    expect(page.total_entries).toBe(biggest.total_entries);
    expect(page.entries.map((e) => e.rank)).toEqual(built.leaderboardByKey.get(biggest.key)!.entries.slice(20, 30).map((e) => e.rank));
    expect(unbuilt(biggest)).toBe(true);
  });
});
