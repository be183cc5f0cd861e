// The typed client as another project gets it: `npm pack` of this package, unpacked into a temp
// project's node_modules (its registry dependencies are linked from this checkout's node_modules,
// the same versions an install would fetch), then a TypeScript consumer compiled with
// skipLibCheck: false and ESM and CommonJS consumers run against a real server on loopback.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer, type StartedApp } from '../../src/server/startServer.js';
import { ROOT } from '../support/ensureBuilt.js';
import { createTempDirs } from '../support/tempDirs.js';

const temp = createTempDirs('client-package');
let app: StartedApp;
let project: string;
let packed: string[];

/** What a consumer's tsconfig needs for tRPC's own types: fetch types (DOM) and Disposable. */
const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'ESNext.Disposable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    types: [],
  },
  files: ['consumer.ts', 'consumer.cts'],
};

const INPUT = { task_type: 'text-generation', dataset_name: 'GPQA', metric_name: 'normalized accuracy', limit: 3 };

beforeAll(async () => {
  // dist/ is built by `npm run build:lib` (the first step of `npm test`); pack without running it again.
  const dir = await temp.make();
  const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').at(-1)!;
  packed = execFileSync('tar', ['tzf', path.join(dir, tarball)], { encoding: 'utf8' }).trim().split('\n');

  project = await temp.make();
  const installed = path.join(project, 'node_modules', 'ml-benchmark-explorer');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of [...Object.keys(manifest.dependencies), 'typescript']) {
    mkdirSync(path.dirname(path.join(project, 'node_modules', dep)), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(project, 'node_modules', dep), 'dir');
  }
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  app = await startServer({ config: loadConfig({ DATA_DIR: await temp.make(), OFFLINE: '1', PORT: '0', LOG_LEVEL: 'silent' }) });
});
afterAll(async () => {
  await app?.close();
  await temp.cleanup();
});

/** Runs a consumer script in its own process; asynchronously, since the server answers from this one. */
async function run(file: string): Promise<unknown> {
  const { stdout } = await promisify(execFile)(process.execPath, [file, app.server.url], { cwd: project, encoding: 'utf8' });
  return JSON.parse(stdout);
}

describe('ml-benchmark-explorer/client (packed)', () => {
  it('ships the built client, its CommonJS twin and their types in the tarball, and no tests', () => {
    for (const f of ['createExplorerClient.js', 'createExplorerClient.cjs', 'createExplorerClient.d.ts', 'createExplorerClient.d.cts']) {
      expect(packed).toContain(`package/dist/client/${f}`);
    }
    expect(packed.filter((f) => f.startsWith('package/test/'))).toEqual([]);
  });

  it('compiles ESM and CommonJS TypeScript consumers with skipLibCheck false and no Node types, with the router’s input types', () => {
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG));
    writeFileSync(
      path.join(project, 'consumer.ts'),
      `import { createExplorerClient, type ExplorerClient } from 'ml-benchmark-explorer/client';
const client: ExplorerClient = createExplorerClient({ url: 'http://127.0.0.1:8000' });
export async function top(): Promise<string> {
  const { leaderboards } = await client.leaderboards.list.query(${JSON.stringify(INPUT)});
  return leaderboards[0].entries[0].model_info.model_id;
}
// The types are the router's, not any: a wrong field type must be an error (else this directive is one).
// @ts-expect-error task_type is a string
void client.leaderboards.list.query({ task_type: 42 });
`,
    );
    writeFileSync(
      path.join(project, 'consumer.cts'),
      `import explorer = require('ml-benchmark-explorer/client');
const client: explorer.ExplorerClient = explorer.createExplorerClient({});
export const status = () => client.refresh.status.query();
`,
    );
    const tsc = path.join(project, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', '.'], { cwd: project, encoding: 'utf8' });
    } catch (error) {
      output = (error as { stdout: string }).stdout;
    }
    expect(output).toBe('');
  }, 120_000);

  it('answers an ESM consumer and a CommonJS consumer with the same leaderboard as the REST API', async () => {
    const script = (load: string) => `${load}
const client = createExplorerClient({ url: process.argv[2] });
client.leaderboards.list.query(${JSON.stringify(INPUT)}).then((r) => console.log(JSON.stringify(r.leaderboards[0].entries.map((e) => e.model_info.model_id))));
`;
    writeFileSync(path.join(project, 'esm.mjs'), script(`import { createExplorerClient } from 'ml-benchmark-explorer/client';`));
    writeFileSync(path.join(project, 'cjs.cjs'), script(`const { createExplorerClient } = require('ml-benchmark-explorer/client');`));
    const rest = (await fetch(`${app.server.url}/api/leaderboards?${new URLSearchParams({ ...INPUT, limit: String(INPUT.limit) })}`).then((r) => r.json())) as {
      leaderboards: { entries: { model_info: { model_id: string } }[] }[];
    };
    const expected = rest.leaderboards[0].entries.map((e) => e.model_info.model_id);
    expect(expected).toHaveLength(3);
    expect(await run('esm.mjs')).toEqual(expected);
    expect(await run('cjs.cjs')).toEqual(expected);
  });
});
