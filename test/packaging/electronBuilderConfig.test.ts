import { Ajv } from 'ajv';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../support/ensureBuilt.js';

// Packaging itself needs the Electron runtime, which cannot be downloaded everywhere; what can be
// checked without it is checked here: the config against electron-builder's own schema, the files
// it would pick from a real build, and the package.json fields it relies on.
const require = createRequire(import.meta.url);
const config = parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & { files: string[] };
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** electron-builder's rule for `files`: a path is in when the last pattern that matches it is not a negation. */
function picked(rel: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    const negated = pattern.startsWith('!');
    if (minimatch(rel, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated;
  }
  return included;
}

function walk(dir: string, skip: Set<string>): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = path.relative(ROOT, full).split(path.sep).join('/');
    if (skip.has(rel)) return [];
    return statSync(full).isDirectory() ? walk(full, skip) : [rel];
  });
}

let files: string[];

beforeAll(() => {
  ensureBuilt();
  files = walk(ROOT, new Set(['node_modules', '.git', 'dist-installers', 'test-output', 'bench-results']));
}, 180_000);

describe('electron-builder.yml', () => {
  it('validates against electron-builder’s configuration schema', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is checked by a schema that rejects a wrong config', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const validate = new Ajv({ strict: false, allowUnionTypes: true }).compile(schema);
    expect(validate({ ...config, asar: 'yes please', linux: { target: 42 } })).toBe(false);
  });

  it('names every target the product promises', () => {
    expect(config).toMatchObject({
      appId: expect.any(String),
      productName: 'ML Benchmark Explorer',
      asar: true,
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis'] },
      mac: { target: ['dmg'] },
    });
  });

  it('picks the built app, the snapshot and the data licenses from a real build', () => {
    const chosen = files.filter(picked);
    expect(chosen).toEqual(expect.arrayContaining([
      'package.json', 'out/renderer/index.html', 'data/snapshot.json.gz', 'data/README.md', 'LICENSE',
      'data/sources/open-llm-leaderboard-v2/LICENSE', 'data/sources/timm-imagenet/LICENSE',
    ]));
    expect(chosen.some((f) => f.startsWith('out/main/') && f.endsWith('.js'))).toBe(true);
    expect(chosen.some((f) => f.startsWith('out/preload/'))).toBe(true);
  });

  it('leaves out sources, tests, raw CSVs and source maps', () => {
    const chosen = files.filter(picked);
    const unwanted = chosen.filter((f) => /^(src|test|renderer|main|scripts)\//.test(f) || f.endsWith('.csv') || f.endsWith('.map'));
    expect(unwanted).toEqual([]);
  });

  it('finds in package.json what electron-builder needs', () => {
    expect(pkg).toMatchObject({ name: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+/), description: expect.any(String), main: 'out/main/index.js', author: { name: expect.any(String), email: expect.any(String) } });
    expect(pkg.devDependencies.electron).toBeDefined();
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(files).toContain(pkg.main);
    expect(statSync(path.join(ROOT, 'build', 'icon.png')).size).toBeGreaterThan(0);
  });
});
