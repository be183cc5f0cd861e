import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMIT, runCli, type CliIo } from '../../src/cli/runCli.js';
import { leaderboardColumns } from '../../src/export/leaderboardColumns.js';
import { readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';

let tmp: string;
/** data/README.md: 4,495 leaderboard + 1,267 timm + 2,186 model-zoo models in the bundled snapshot. */
const BUNDLED_MODELS = 4495 + 1267 + 2186;
const labZoo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'metafiles', 'lab-zoo');

function io(dataDir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: { write: (s: string) => out.push(s), isTTY: false },
    stderr: { write: (s: string) => err.push(s) },
    env: { DATA_DIR: dataDir, OFFLINE: '1', LOG_LEVEL: 'silent' },
  };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'mbe-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('runCli', () => {
  it('prints usage on stderr and exits 2 when a flag is unknown', async () => {
    const t = io(path.join(tmp, 'a'));
    expect(await runCli(['leaderboard', '--bogus'], t.io)).toBe(2);
    expect(t.err()).toContain("Unknown option '--bogus'");
    expect(t.err()).toContain('Usage: ml-benchmark-explorer');
    expect(t.out()).toBe('');
  });

  it('exits 2 for an unknown command and for a bad --format', async () => {
    expect(await runCli(['frobnicate'], io(path.join(tmp, 'a')).io)).toBe(2);
    const t = io(path.join(tmp, 'a'));
    expect(await runCli(['leaderboard', '--task', 'text-generation', '--dataset', 'BBH', '--metric', 'normalized accuracy', '--format', 'xml'], t.io)).toBe(2);
    expect(t.err()).toContain('--format must be table, csv or json');
  });

  it('exits 2 naming the variable when the configuration is invalid', async () => {
    const t = io(path.join(tmp, 'a'));
    t.io.env.MAX_MODELS_PER_TASK = 'lots';
    expect(await runCli(['status'], t.io)).toBe(2);
    expect(t.err()).toContain('MAX_MODELS_PER_TASK');
  });

  it('prints a leaderboard as CSV ranked in the metric direction', async () => {
    const t = io(path.join(tmp, 'b'));
    const code = await runCli(['leaderboard', '--task', 'image-classification', '--dataset', 'ImageNet-1k', '--metric', 'top-1 accuracy', '--limit', '5', '--format', 'csv'], t.io);
    expect(code).toBe(0);
    const rows = parse(t.out(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    // results-imagenet.csv: eva02_large_patch14_448.mim_m38m_ft_in22k_in1k has the best top-1, 90.056 %.
    expect(rows[0]).toMatchObject({ rank: '1', model_id: 'timm/eva02_large_patch14_448.mim_m38m_ft_in22k_in1k', score: '0.90056' });
    const values = rows.map((r) => Number(r.score));
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('writes the shared export columns with booleans as true/false when the format is csv', async () => {
    const t = io(path.join(tmp, 'b'));
    await runCli(['leaderboard', '--task', 'image-classification', '--dataset', 'ImageNet-1k', '--metric', 'top-1 accuracy', '--format', 'csv'], t.io);
    const [header] = t.out().split('\n');
    const ctx = { boards: [{ variant: 'ImageNet-1k', metric_name: 'top-1 accuracy' }], scoreLabel: '', direction: 'higher' as const, scale: 'fraction' as const };
    expect(header.split(',')).toEqual(leaderboardColumns(ctx).map((c) => c.name));
    const rows = parse(t.out(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(DEFAULT_LIMIT);
    expect(new Set(rows.map((r) => r.on_pareto_front))).toEqual(new Set(['true', 'false']));
    expect(new Set(rows.map((r) => r.verified))).toEqual(new Set(['false']));
  });

  it('prints every row when the limit is "all"', async () => {
    const t = io(path.join(tmp, 'b'));
    expect(await runCli(['leaderboard', '--task', 'text-generation', '--dataset', 'GPQA', '--metric', 'normalized accuracy', '--limit', 'all', '--format', 'csv'], t.io)).toBe(0);
    const rows = parse(t.out(), { columns: true }) as Record<string, string>[];
    const j = io(path.join(tmp, 'b'));
    await runCli(['leaderboard', '--task', 'text-generation', '--dataset', 'GPQA', '--metric', 'normalized accuracy', '--limit', '1', '--format', 'json'], j.io);
    expect(rows.length).toBe(JSON.parse(j.out()).total_entries);
    expect(rows.length).toBeGreaterThan(DEFAULT_LIMIT);
  });

  it('says how to see every row when the table is cut at the limit', async () => {
    const t = io(path.join(tmp, 'b'));
    await runCli(['leaderboard', '--task', 'text-generation', '--dataset', 'GPQA', '--metric', 'normalized accuracy'], t.io);
    expect(t.out()).toMatch(/rows 1–20; --limit all for every row/);
  });

  it('prints a command\'s own help and exits 0 when --help follows the command', async () => {
    for (const command of ['serve', 'refresh', 'leaderboard', 'export', 'import', 'status']) {
      const t = io(path.join(tmp, 'a'));
      expect(await runCli([command, '--help'], t.io)).toBe(0);
      expect(t.out()).toContain(`Usage: ml-benchmark-explorer ${command}`);
      expect(t.err()).toBe('');
    }
    const t = io(path.join(tmp, 'a'));
    expect(await runCli(['help', 'leaderboard'], t.io)).toBe(0);
    expect(t.out()).toContain('--limit N|all');
    expect(t.out()).toContain(`default ${DEFAULT_LIMIT}`);
  });

  it('round-trips export and import into a fresh data dir with the same numbers', async () => {
    const from = io(path.join(tmp, 'c'));
    const file = path.join(tmp, 'export.json.gz');
    expect(await runCli(['export', '--out', file], from.io)).toBe(0);
    expect((await readSnapshotFile(file)).models.length).toBe(BUNDLED_MODELS);

    const to = io(path.join(tmp, 'd'));
    expect(await runCli(['import', file], to.io)).toBe(0);
    const args = ['leaderboard', '--task', 'text-generation', '--dataset', 'MMLU-PRO', '--metric', 'accuracy', '--limit', '10', '--format', 'json'];
    const a = io(path.join(tmp, 'c'));
    const b = io(path.join(tmp, 'd'));
    await runCli(args, a.io);
    await runCli(args, b.io);
    const strip = (s: string) => JSON.parse(s).entries.map((e: { model_info: { model_id: string }; primary_metric: { value: number } }) => [e.model_info.model_id, e.primary_metric.value]);
    expect(strip(b.out())).toEqual(strip(a.out()));
  }, 120_000);

  it('refuses a bad snapshot file and keeps the current data', async () => {
    const dir = path.join(tmp, 'e');
    const bad = path.join(tmp, 'bad.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(bad, JSON.stringify({ format: 'ml-benchmark-explorer.snapshot', version: 9, models: [] })));
    const t = io(dir);
    expect(await runCli(['import', bad], t.io)).toBe(1);
    expect(t.err()).toContain('version 9 is not supported');
    const s = io(dir);
    await runCli(['status', '--json'], s.io);
    expect(JSON.parse(s.out())).toMatchObject({ source: 'snapshot', data_count: BUNDLED_MODELS });
  });

  it('imports a folder of metafiles, names the files it could not use, and keeps the models after the command', async () => {
    const dir = path.join(tmp, 'f');
    const t = io(dir);
    expect(await runCli(['import-metafiles', labZoo], t.io)).toBe(0);
    // test/fixtures/metafiles/lab-zoo: 4 usable models with 8 values; one file does not parse, one is absent.
    expect(t.out()).toContain('zoo: example-lab/lab-zoo');
    expect(t.out()).toMatch(/not used: configs\/broken\/metafile\.yml: not valid YAML: /);
    expect(t.out()).toContain('not used: configs/absent/metafile.yml: listed in model-index.yml but not among the files');
    expect(t.out()).toContain(`imported 4 models (8 results) from ${labZoo}; now serving ${BUNDLED_MODELS + 4} models`);
    const s = io(dir);
    await runCli(['status', '--json'], s.io);
    const status = JSON.parse(s.out());
    expect(status.data_count).toBe(BUNDLED_MODELS + 4);
    expect(status.sources.at(-1)).toMatchObject({ name: 'example-lab/lab-zoo model zoo (imported metafiles)', file: 'lab-zoo', model_count: 4 });
  });

  it('refuses a metafile that does not parse, or a folder with one under --strict, naming the file and changing nothing', async () => {
    const dir = path.join(tmp, 'g');
    const broken = io(dir);
    expect(await runCli(['import-metafiles', path.join(labZoo, 'configs', 'broken', 'metafile.yml')], broken.io)).toBe(1);
    expect(broken.err()).toMatch(/^ {2}not used: metafile\.yml: not valid YAML: /m);
    expect(broken.err()).toContain('import refused: no model with a usable result, nothing changed: metafile.yml: not valid YAML');
    const strict = io(dir);
    expect(await runCli(['import-metafiles', labZoo, '--strict'], strict.io)).toBe(1);
    expect(strict.err()).toContain('import refused: import refused (strict), nothing changed: configs/broken/metafile.yml: not valid YAML');
    const missing = io(dir);
    expect(await runCli(['import-metafiles', path.join(tmp, 'no-such-folder')], missing.io)).toBe(1);
    expect(missing.err()).toContain('no such file or folder');
    expect(await runCli(['import-metafiles'], io(dir).io)).toBe(2);
    const s = io(dir);
    await runCli(['status', '--json'], s.io);
    expect(JSON.parse(s.out()).data_count).toBe(BUNDLED_MODELS);
  });
});
