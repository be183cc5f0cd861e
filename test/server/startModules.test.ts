// What a server start loads: libraries only some requests need are loaded when one of them comes —
// YAML (eval.yaml files of a refresh, model-zoo metafiles of an import), the Hub client (a refresh)
// and the REST adapter (the first REST call) — so start-up does not pay for them.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/ensureBuilt.js';
import { createTempDirs } from '../support/tempDirs.js';

const temp = createTempDirs('start-modules');
let packages: Set<string>;

beforeAll(async () => {
  // dist/ as the sources are now (npm test builds it first; a lone run may follow an edit).
  const compile = `await (await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'scripts', 'compileSources.js')).href)})).compileSources({ onlyStale: true })`;
  expect(spawnSync(process.execPath, ['--input-type=module', '-e', compile], { cwd: ROOT }).status).toBe(0);
  const dir = await temp.make();
  // A module resolve hook that prints every package a module is resolved in.
  writeFileSync(
    path.join(dir, 'hooks.mjs'),
    `export async function resolve(specifier, context, next) {
      const r = await next(specifier, context);
      const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(r.url);
      if (m) process.stderr.write('PACKAGE ' + m[1] + '\\n');
      return r;
    }`,
  );
  writeFileSync(path.join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
  const startServer = pathToFileURL(path.join(ROOT, 'dist', 'server', 'startServer.js')).href;
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(dir, 'register.mjs')).href, '--input-type=module', '-e', `await import(${JSON.stringify(startServer)})`], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  packages = new Set([...run.stderr.matchAll(/^PACKAGE (\S+)$/gm)].map((m) => m[1]));
}, 60_000);

afterAll(() => temp.cleanup());

describe('modules of a server start', () => {
  it('loads the router and its schemas, and none of YAML, the Hub client or the REST adapter', () => {
    expect(packages.has('zod')).toBe(true);
    expect(packages.has('@trpc/server')).toBe(true);
    for (const lazy of ['yaml', 'got', 'trpc-to-openapi']) expect(packages.has(lazy), lazy).toBe(false);
  });
});
