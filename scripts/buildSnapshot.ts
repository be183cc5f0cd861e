// CLI around buildSnapshot: rebuilds data/snapshot.json.gz from data/sources and prints what went
// in and out. `--check` only compares a fresh build with the committed file (exit 1 if stale).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSnapshotWithStats } from '../src/snapshot/buildSnapshot.js';
import { serializeSnapshot, writeSnapshotFile } from '../src/snapshot/writeSnapshotFile.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sources: { type: 'string', default: join(root, 'data', 'sources') },
    out: { type: 'string', default: join(root, 'data', 'snapshot.json.gz') },
    check: { type: 'boolean', default: false },
  },
});
const out = resolve(values.out);

const { snapshot, stats } = buildSnapshotWithStats({ sourcesDir: resolve(values.sources) });

const print = (label: string, counts: Record<string, number>) => {
  const entries = Object.entries(counts);
  if (entries.length === 0) return;
  console.log(`  ${label}:`);
  for (const [k, n] of entries) console.log(`    ${String(n).padStart(6)}  ${k}`);
};
for (const s of stats) {
  console.log(`${s.source}: ${s.rows} rows → ${s.models} models, ${s.results} results`);
  print('rows not used', s.dropped_rows);
  print('values skipped', s.skipped_values);
  print('fields left out', s.omitted_fields);
  print('notes', s.notes);
  if ('file_errors' in s) {
    console.log(`  files read: ${s.files}`);
    for (const e of s.file_errors) console.log(`    not used: ${e.file}: ${e.reason}`);
    print('models / values per task', Object.fromEntries(Object.entries(s.by_task).map(([t, c]) => [`${t} (${c.models} models)`, c.results])));
  }
}
const total = stats.reduce((n, s) => n + s.results, 0);
console.log(`total: ${snapshot.models.length} models, ${total} results (data dated ${snapshot.fetched_at})`);

const bytes = await serializeSnapshot(snapshot, { gzip: out.endsWith('.gz'), name: out });
const sha256 = createHash('sha256').update(bytes).digest('hex');
const shown = relative(process.cwd(), out) || out;

if (values.check) {
  let current: Buffer | undefined;
  try { current = readFileSync(out); } catch { current = undefined; }
  if (current && current.equals(bytes)) {
    console.log(`${shown} is up to date (${bytes.length} bytes, sha256 ${sha256})`);
  } else {
    console.error(`${shown} is ${current ? 'out of date' : 'missing'}: run npm run build:snapshot`);
    process.exitCode = 1;
  }
} else {
  await writeSnapshotFile(out, snapshot);
  console.log(`wrote ${shown}: ${statSync(out).size} bytes (${(statSync(out).size / 1024 / 1024).toFixed(2)} MiB), sha256 ${sha256}`);
}
