// POST /api/metafiles/import over real HTTP on loopback, against a cache in a temp dir: a zoo's
// files become models with their links, bad files are named (and refused when nothing is usable or
// `strict` is set, changing nothing), bodies are bounded, and import → export → import keeps every value.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appInfo } from '../../src/appInfo.js';
import type { BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import type { BenchmarkRecord } from '../../src/schemas/benchmarkSchemas.js';
import type { MetafileText } from '../../src/snapshot/convertMetafiles.js';
import { readMetafileTree } from '../../src/snapshot/readMetafileTree.js';
import { createHttpServer } from '../../src/server/createHttpServer.js';
import { request } from '../support/httpRequest.js';
import { createTestClock, testContext, useTestCaches } from '../support/testCache.js';
import { snapshotOf, SST2_MODELS } from '../support/testSnapshots.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLED = snapshotOf(SST2_MODELS, { fetched_at: '2026-08-01T00:00:00.000Z' });

const { open } = useTestCaches('metafiles-router', () => ({ bundled: BUNDLED, offline: true, clock: createTestClock() }));
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(cache: BenchmarkCache, options: { maxMetafileImportBytes?: number } = {}) {
  const http = createHttpServer({ createContext: testContext(cache), version: appInfo().version, policy: { extraHosts: [], corsOrigins: [] }, ...options });
  const server = await http.listen(0, '127.0.0.1');
  servers.push(server);
  return server.url;
}

const post = (url: string, body: unknown) => request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

let lab: MetafileText[];
let mmaction2: MetafileText[];
beforeAll(async () => {
  lab = (await readMetafileTree(join(root, 'test', 'fixtures', 'metafiles', 'lab-zoo'))).files;
  mmaction2 = (await readMetafileTree(join(root, 'data', 'sources', 'openmmlab', 'mmaction2'))).files;
});

describe('metafilesRouter', () => {
  it('imports a zoo\'s files, names the files it could not use, and serves the models with their links', async () => {
    const cache = await open();
    const url = await serve(cache);
    const res = await post(`${url}/api/metafiles/import`, { files: lab, label: 'lab-zoo' });
    expect(res.status, res.text).toBe(200);
    const { report, status } = res.json();
    expect(report).toMatchObject({ zoo: { id: 'example-lab/lab-zoo' }, models: 4, results: 8, files_read: 4 });
    expect(report.by_task).toEqual({ 'image-classification': { models: 2, results: 4 }, 'image-segmentation': { models: 1, results: 3 }, 'object-detection': { models: 1, results: 1 } });
    expect(report.file_errors.map((e: { file: string }) => e.file)).toEqual(['configs/broken/metafile.yml', 'configs/absent/metafile.yml']);
    expect(status.data_count).toBe(SST2_MODELS.length + 4);

    // The id keeps its slashes in the path.
    const model = await request(`${url}/api/models/example-lab/lab-zoo/lab-net-s`);
    expect(model.status).toBe(200);
    const info = model.json().model_info;
    expect(info).toMatchObject({ model_zoo: 'example-lab/lab-zoo', parameter_source: 'model-zoo', flops: 1.8e9 });
    expect(info.hub_url).toBeUndefined();
    expect(info.links.paper).toBe('https://arxiv.org/abs/0000.00001');
  });

  it('refuses a file that does not parse with 400 naming it and why, and changes nothing', async () => {
    const cache = await open();
    const url = await serve(cache);
    const before = cache.current().id;
    const res = await post(`${url}/api/metafiles/import`, { files: lab.filter((f) => f.path === 'configs/broken/metafile.yml') });
    expect(res.status).toBe(400);
    expect(res.json().detail).toMatch(/^no model with a usable result, nothing changed: configs\/broken\/metafile\.yml: not valid YAML: /);
    expect(cache.current().id).toBe(before);
  });

  it('refuses the whole import with strict: true when any file is bad', async () => {
    const cache = await open();
    const url = await serve(cache);
    const before = cache.current().id;
    const res = await post(`${url}/api/metafiles/import`, { files: lab, strict: true });
    expect(res.status).toBe(400);
    expect(res.json().detail).toMatch(/^import refused \(strict\), nothing changed: configs\/broken\/metafile\.yml: not valid YAML: .*; configs\/absent\/metafile\.yml: listed in model-index\.yml but not among the files$/);
    expect(cache.current().id).toBe(before);
  });

  it.each([
    ['files', { files: [] }],
    ['zoo', { files: [{ path: 'a.yml', text: 'Models: []' }], zoo: 'Not A Zoo!' }],
    ['files.0.path', { files: [{ path: '', text: 'Models: []' }] }],
  ])('answers 400 naming %s for bad input', async (field, body) => {
    const url = await serve(await open());
    const res = await post(`${url}/api/metafiles/import`, body);
    expect(res.status).toBe(400);
    expect(res.json().detail.startsWith(`${field}: `), res.json().detail).toBe(true);
  });

  it('answers 413 for a body over the metafile import limit, before reading it', async () => {
    const url = await serve(await open(), { maxMetafileImportBytes: 10_000 });
    const res = await post(`${url}/api/metafiles/import`, { files: [{ path: 'big.yml', text: 'x'.repeat(20_000) }] });
    expect(res.status).toBe(413);
  });

  it('keeps every value through import → export → import into another instance', async () => {
    const source = await open();
    const sourceUrl = await serve(source);
    const imported = await post(`${sourceUrl}/api/metafiles/import`, { files: mmaction2, label: 'mmaction2' });
    expect(imported.status, imported.text).toBe(200);
    // data/README.md: the bundled mmaction2 metafiles give 180 models with 317 results.
    expect(imported.json().report).toMatchObject({ zoo: { id: 'openmmlab/mmaction2' }, models: 180, results: 317 });

    const exported = await request(`${sourceUrl}/api/snapshot/export`);
    expect(exported.status).toBe(200);
    const target = await open();
    const targetUrl = await serve(target);
    const again = await post(`${targetUrl}/api/snapshot/import`, exported.json());
    expect(again.status, again.text.slice(0, 300)).toBe(200);

    const zoo = (c: BenchmarkCache) => c.current().records.filter((r) => r.model_info.model_zoo);
    const facts = (records: BenchmarkRecord[]) =>
      records
        .flatMap((r) => r.evaluation_results.map((x) => [r.model_info.model_id, r.model_info.parameter_count, r.model_info.flops, x.dataset_name, x.metric_id, x.value, x.original_value, x.source, x.source_name, x.snapshot_file].join(' ')))
        .sort();
    expect(zoo(target)).toHaveLength(180);
    expect(facts(zoo(target))).toEqual(facts(zoo(source)));
    // mmaction2/configs/recognition/tsn/metafile.yml: tsn_imagenet-pretrained-r50_8xb32-1x1x3-100e_kinetics400-rgb, Top 1 Accuracy: 72.83.
    const tsn = target.current().byId.get('openmmlab/mmaction2/tsn_imagenet-pretrained-r50_8xb32-1x1x3-100e_kinetics400-rgb')!;
    expect(tsn.evaluation_results.find((x) => x.metric_id === 'top1')).toMatchObject({ value: 0.7283, source: 'model-zoo' });
  });
});
