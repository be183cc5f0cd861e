// `npx tsx scripts/makeScaleData.ts --models 100000 --dir /tmp/scale-100k`: a DATA_DIR of generated,
// real-shaped models for measuring scale. Every record is a copy of one of the bundled snapshot's Open
// LLM Leaderboard or timm records (same Hub JSON shape, same benchmarks), with its own id, size,
// likes, date and values moved by a few percent. The file says it is generated (source name, file and
// ids under `generated-scale-*`), so it is never mistaken for real data. It is then imported through
// the CLI (`import FILE` with DATA_DIR set), as a user would, unless `--file-only`.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { HubModel } from '../src/schemas/hubSchemas.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotFile } from '../src/schemas/snapshotSchemas.js';
import { readSnapshotFile } from '../src/snapshot/readSnapshotFile.js';
import { writeSnapshotFile } from '../src/snapshot/writeSnapshotFile.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_SOURCE_NAME = 'GENERATED scale-test data, not real results (shapes of Open LLM Leaderboard v2 and timm records)';

/** A small deterministic PRNG (mulberry32), so the same arguments give the same file. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;

/** Moves every metric value by the model's factor, kept inside its scale (fractions ≤ 1, points ≤ 100). */
function jitterResults(card: Json, factor: number): Json {
  const mi = card['model-index'] as { name?: string; results?: { metrics?: Json[] }[] }[] | undefined;
  if (!Array.isArray(mi)) return card;
  return {
    ...card,
    'model-index': mi.map((entry) => ({
      ...entry,
      results: (entry.results ?? []).map((r) => ({
        ...r,
        metrics: (r.metrics ?? []).map((m) => {
          if (typeof m.value !== 'number') return m;
          const cap = m.value <= 1 ? 1 : 100;
          return { ...m, value: Math.min(cap, Math.max(0, Number((m.value * factor).toPrecision(8)))) };
        }),
      })),
    })),
  };
}

export function generatedModels(templates: HubModel[], count: number, seed = 42): HubModel[] {
  const random = prng(seed);
  const out: HubModel[] = [];
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length];
    const copy = Math.floor(i / templates.length);
    const [org, name] = t.id.includes('/') ? t.id.split('/', 2) : ['generated', t.id];
    const factor = 0.94 + random() * 0.12;
    const sizeFactor = 0.8 + random() * 0.4;
    const m: HubModel = structuredClone(t);
    m.id = `generated-scale-${copy}-${org}/${name}`;
    if (m.modelId) m.modelId = m.id;
    if (m.likes != null) m.likes = Math.round(random() * 500);
    m.downloads = Math.round(random() * 100_000);
    if (m.createdAt) m.createdAt = new Date(Date.parse('2023-01-01T00:00:00Z') + Math.floor(random() * 900) * 86_400_000).toISOString();
    if (m.declared_parameters) m.declared_parameters = { ...m.declared_parameters, total: Math.round(m.declared_parameters.total * sizeFactor) };
    const st = m.safetensors as { total?: number } | undefined;
    if (st && typeof st.total === 'number') m.safetensors = { ...st, total: Math.round(st.total * sizeFactor) };
    if (m.cardData && typeof m.cardData === 'object') {
      const card = jitterResults(m.cardData as Json, factor);
      const mi = card['model-index'] as { name?: string }[] | undefined;
      if (Array.isArray(mi)) for (const e of mi) if (e.name === t.id) e.name = m.id;
      m.cardData = card;
    }
    out.push(m);
  }
  return out;
}

export async function makeScaleSnapshot(count: number, seed = 42): Promise<SnapshotFile> {
  const bundled = await readSnapshotFile(path.join(ROOT, 'data', 'snapshot.json.gz'));
  // Open LLM Leaderboard and timm records (Hub-shaped cards); model-zoo records belong to their own layer.
  const templates = bundled.models.filter((m) => !m.model_zoo);
  const at = '2026-01-01T00:00:00.000Z';
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    origin: 'hub',
    created_at: at,
    fetched_at: at,
    tasks: [...new Set(templates.map((m) => m.pipeline_tag ?? ''))].filter(Boolean),
    sources: [{ name: GENERATED_SOURCE_NAME, file: 'scripts/makeScaleData.ts', date: at, model_count: count }],
    partial: false,
    failed_tasks: [],
    models: generatedModels(templates, count, seed),
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({
    options: {
      models: { type: 'string', default: '100000' },
      dir: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '42' },
      'file-only': { type: 'boolean', default: false },
    },
  });
  const count = Number(values.models);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--models must be a positive integer (got "${values.models}")`);
  if (!values.dir && !values.out) throw new Error('usage: makeScaleData.ts --models N (--dir DATA_DIR | --out FILE [--file-only])');
  const dir = values.dir ? path.resolve(values.dir) : undefined;
  const file = path.resolve(values.out ?? path.join(dir!, `generated-scale-${count}.json.gz`));
  mkdirSync(path.dirname(file), { recursive: true });
  const t0 = performance.now();
  const snapshot = await makeScaleSnapshot(count, Number(values.seed));
  await writeSnapshotFile(file, snapshot);
  process.stderr.write(`wrote ${count} generated models to ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  if (dir && !values['file-only']) {
    const t1 = performance.now();
    // Through the CLI, as a user imports a file.
    execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'cli.ts'), 'import', file], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, OFFLINE: '1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    process.stderr.write(`imported into ${dir} in ${((performance.now() - t1) / 1000).toFixed(1)} s\n`);
  }
}
