// The installed command as users get it: `npm pack` of this package unpacked into a temp project's
// node_modules with only its runtime dependencies (no tsx, no TypeScript, no src/), then the bin run by
// plain Node. It must run the compiled CLI from dist/, and say how to build it when dist/ is missing.
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/ensureBuilt.js';
import { createTempDirs } from '../support/tempDirs.js';

const temp = createTempDirs('installed-bin');
const BIN = path.join('bin', 'ml-benchmark-explorer.js');
/** data/README.md line 3: the bundled snapshot holds 7,948 models. */
const BUNDLED_MODELS = 7948;
let installed: string;
let packed: string[];

beforeAll(async () => {
  // dist/ is built by `npm run build:lib` (the first step of `npm test`); pack without running it again.
  const dir = await temp.make();
  const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').at(-1)!;
  packed = execFileSync('tar', ['tzf', path.join(dir, tarball)], { encoding: 'utf8' }).trim().split('\n');
  const project = await temp.make();
  installed = path.join(project, 'node_modules', 'ml-benchmark-explorer');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of Object.keys(manifest.dependencies)) {
    mkdirSync(path.dirname(path.join(project, 'node_modules', dep)), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(project, 'node_modules', dep), 'dir');
  }
}, 120_000);
afterAll(() => temp.cleanup());

const run = (bin: string, args: string[], env: Record<string, string>) =>
  promisify(execFile)(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('ml-benchmark-explorer (installed bin)', () => {
  it('ships the compiled CLI and no TypeScript sources, and needs no TypeScript loader at run time', () => {
    expect(packed).toContain('package/dist/cli/cli.js');
    expect(packed.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.d.cts'))).toEqual([]);
    expect(existsSync(path.join(installed, '..', 'tsx'))).toBe(false);
    expect(existsSync(path.join(installed, '..', 'typescript'))).toBe(false);
  });

  it('runs the compiled CLI with plain Node when installed', async () => {
    const dataDir = await temp.make();
    const result = await run(path.join(installed, BIN), ['status'], { DATA_DIR: dataDir, OFFLINE: '1', LOG_LEVEL: 'silent' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^data: +${BUNDLED_MODELS} models`, 'm'));
  });

  it('exits 1 naming the missing file and the build command when dist/ is not built', async () => {
    const checkout = await temp.make();
    mkdirSync(path.join(checkout, 'bin'));
    copyFileSync(path.join(ROOT, BIN), path.join(checkout, BIN));
    copyFileSync(path.join(ROOT, 'package.json'), path.join(checkout, 'package.json'));
    const result = await run(path.join(checkout, BIN), ['status'], {});
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${path.join(checkout, 'dist', 'cli', 'cli.js')} is missing`);
    expect(result.stderr).toContain('npm run build:lib');
  });
});
