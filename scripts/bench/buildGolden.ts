// `npx tsx scripts/bench/buildGolden.ts [FILE…]`: builds dataset versions (the bundled snapshot; with
// synthetic fill-ins; each FILE alone and on top of the bundled snapshot) and prints a SHA-256 of
// everything the API can show from each: records, enrich counts, summary, correlations and pairs,
// leaderboards (ranks, efficiency, Pareto flags), trends, benchmarks and the crawl report. Two hashes
// per part: `canonical` (object keys sorted, so only values count) and `bytes` (keys in the order
// JSON.stringify writes them, as the API answers; so a reordering of fields shows too). A change to the build that must not change
// the numbers keeps every hash; `--check GOLDEN.json` compares with a saved run and exits 1 on a difference.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildDatasetVersion, withSyntheticFill, type DatasetVersion } from '../../src/pipeline/buildDatasetVersion.js';
import type { SnapshotFile } from '../../src/schemas/snapshotSchemas.js';
import { readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';
import { ROOT } from './util.js';

const NOW = '2026-01-15T00:00:00.000Z';

/** A SHA-256 fed in large chunks: one update per small token would cost more than the build. */
class Hash {
  private readonly h = createHash('sha256');
  private buffered = '';
  update(s: string): this {
    this.buffered += s;
    if (this.buffered.length > 1 << 20) this.flush();
    return this;
  }
  private flush(): void {
    this.h.update(this.buffered);
    this.buffered = '';
  }
  digest(): string {
    this.flush();
    return this.h.digest('hex');
  }
}

/** Objects met many times (a model's info and results are shared by its leaderboard entries): hashed once each. */
const isShared = (o: Record<string, unknown>) => ('model_id' in o && 'family_source' in o) || ('metric_name' in o && 'value' in o);
const memo = { sorted: new WeakMap<object, string>(), ordered: new WeakMap<object, string>() };

/**
 * Feeds one value to the hash as JSON: object keys sorted (`sorted`) or in their own order (as
 * JSON.stringify writes them), undefined members left out (as JSON does), and every number written so
 * that it round-trips (NaN, ±Infinity and -0 kept apart from null and 0, which JSON would not).
 * A shared object is fed as the hash of its own JSON.
 */
function feed(h: Hash, v: unknown, sorted: boolean): void {
  if (v === null || v === undefined) return void h.update('null');
  switch (typeof v) {
    case 'number':
      return void h.update(Object.is(v, -0) ? '-0' : Number.isFinite(v) ? String(v) : `#${v}`);
    case 'string':
      return void h.update(JSON.stringify(v));
    case 'boolean':
      return void h.update(v ? 'true' : 'false');
    case 'object': {
      if (Array.isArray(v) || ArrayBuffer.isView(v)) {
        const a = v as ArrayLike<unknown>;
        h.update('[');
        for (let i = 0; i < a.length; i++) {
          if (i > 0) h.update(',');
          feed(h, a[i] === undefined ? null : a[i], sorted);
        }
        return void h.update(']');
      }
      if (v instanceof Map) return feed(h, Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), x])), sorted);
      const o = v as Record<string, unknown>;
      const cache = sorted ? memo.sorted : memo.ordered;
      if (isShared(o)) {
        let d = cache.get(o);
        if (d === undefined) {
          const sub = new Hash();
          feedObject(sub, o, sorted);
          cache.set(o, (d = sub.digest()));
        }
        return void h.update(`<${d}>`);
      }
      return feedObject(h, o, sorted);
    }
    default:
      throw new Error(`cannot hash a ${typeof v}`);
  }
}

function feedObject(h: Hash, o: Record<string, unknown>, sorted: boolean): void {
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (sorted) keys.sort();
  h.update('{');
  keys.forEach((k, i) => {
    if (i > 0) h.update(',');
    h.update(JSON.stringify(k));
    h.update(':');
    feed(h, o[k], sorted);
  });
  h.update('}');
}

function hashes(v: unknown): { canonical: string; bytes: string } {
  const c = new Hash();
  feed(c, v, true);
  const b = new Hash();
  feed(b, v, false);
  return { canonical: c.digest().slice(0, 16), bytes: b.digest().slice(0, 16) };
}

/** Everything a version shows, by part (not its id, build time or build duration). */
function partsOf(v: DatasetVersion): Record<string, unknown> {
  return {
    records: v.records,
    enrich: v.enrich,
    includesSynthetic: v.includesSynthetic,
    summary: v.analytics.summary,
    correlations: v.analytics.correlations,
    correlationPairs: v.analytics.correlationPairs,
    leaderboards: v.analytics.leaderboards,
    trends: v.analytics.trends,
    byId: [...v.byId.entries()].map(([k, r]) => [k, r.model_info.model_id]),
    leaderboardByKey: [...v.leaderboardByKey.keys()],
    benchmarks: v.benchmarks,
    communityEvals: v.communityEvals,
  };
}

function digest(name: string, v: DatasetVersion): Record<string, { canonical: string; bytes: string }> {
  const out: Record<string, { canonical: string; bytes: string }> = {};
  for (const [part, value] of Object.entries(partsOf(v))) out[part] = hashes(value);
  process.stderr.write(`${name}: ${v.records.length} records, ${v.analytics.leaderboards.length} leaderboards\n`);
  return out;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { check: { type: 'string' }, out: { type: 'string' } } });
const bundled = await readSnapshotFile(path.join(ROOT, 'data', 'snapshot.json.gz'));
const result: Record<string, Record<string, { canonical: string; bytes: string }>> = {};
const plain = buildDatasetVersion([bundled], { now: NOW });
result.bundled = digest('bundled', plain);
result['bundled+synthetic'] = digest('bundled+synthetic', withSyntheticFill(plain, { now: NOW, syntheticSeed: 7 }));
result['bundled synthetic build'] = digest('bundled synthetic build', buildDatasetVersion([bundled], { now: NOW, includeSynthetic: true, syntheticSeed: 7 }));
for (const file of positionals) {
  const layer: SnapshotFile = await readSnapshotFile(path.resolve(file));
  const name = path.basename(file);
  result[name] = digest(name, buildDatasetVersion([layer], { now: NOW }));
  result[`bundled+${name}`] = digest(`bundled+${name}`, buildDatasetVersion([bundled, layer], { now: NOW }));
}

const text = `${JSON.stringify(result, null, 2)}\n`;
if (values.out) writeFileSync(values.out, text);
if (values.check) {
  const golden = JSON.parse(readFileSync(values.check, 'utf8')) as typeof result;
  const differences: string[] = [];
  for (const [name, parts] of Object.entries(golden)) {
    if (!result[name]) continue;
    for (const [part, h] of Object.entries(parts)) {
      const now = result[name][part];
      if (!now) differences.push(`${name} ${part}: missing`);
      else {
        if (now.canonical !== h.canonical) differences.push(`${name} ${part}: canonical ${h.canonical} → ${now.canonical}`);
        if (now.bytes !== h.bytes) differences.push(`${name} ${part}: bytes ${h.bytes} → ${now.bytes}`);
      }
    }
  }
  const compared = Object.keys(golden).filter((n) => result[n]);
  if (differences.length > 0) {
    process.stdout.write(`DIFFERENT from ${values.check}:\n${differences.join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`identical to ${values.check} (${compared.join(', ')})\n`);
} else process.stdout.write(text);
