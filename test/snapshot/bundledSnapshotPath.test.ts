// The bundled snapshot is found from wherever the code runs, and can be pointed elsewhere.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledSnapshotPath } from '../../src/snapshot/bundledSnapshotPath.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('bundledSnapshotPath', () => {
  it('finds data/snapshot.json.gz at the package root when run from src/', () => {
    expect(bundledSnapshotPath()).toBe(join(root, 'data', 'snapshot.json.gz'));
  });

  it('finds it from a nested build folder such as out/main', () => {
    const pkg = mkdtempSync(join(tmpdir(), 'bundled-path-'));
    temps.push(pkg);
    writeFileSync(join(pkg, 'package.json'), '{}');
    mkdirSync(join(pkg, 'data'));
    writeFileSync(join(pkg, 'data', 'snapshot.json.gz'), '');
    mkdirSync(join(pkg, 'out', 'main'), { recursive: true });
    expect(bundledSnapshotPath({ from: join(pkg, 'out', 'main') })).toBe(join(pkg, 'data', 'snapshot.json.gz'));
  });

  it('returns the override when one is given', () => {
    expect(bundledSnapshotPath({ override: 'some/where.json.gz' })).toBe(resolve('some/where.json.gz'));
  });

  it('throws naming the start folder when no package root holds the file', () => {
    const empty = mkdtempSync(join(tmpdir(), 'bundled-path-'));
    temps.push(empty);
    expect(() => bundledSnapshotPath({ from: empty })).toThrow(`no ${join('data', 'snapshot.json.gz')} found in ${empty}`);
  });
});
