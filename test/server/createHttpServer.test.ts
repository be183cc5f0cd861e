// The localhost HTTP server on a real port: REST answers equal createCaller's, the seed blob is
// served compressed and cached by ETag, docs work offline, and the transport checks (Host, Origin,
// token, content type, size, query validation) answer before any procedure runs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../../src/api/appRouter.js';
import type { Context } from '../../src/api/createContext.js';
import { appInfo } from '../../src/appInfo.js';
import type { BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import { createHttpServer, type RunningServer } from '../../src/server/createHttpServer.js';
import { pickEncoding } from '../../src/server/sendEncoded.js';
import { rawBody, rawExchange, rawStatus, request, STACK_TRACE, type RawResponse } from '../support/httpRequest.js';
import { createTempDirs } from '../support/tempDirs.js';
import { countingFetcher, createTestClock, openTestCache, T0, testContext, type CountingFetcher } from '../support/testCache.js';
import { hubModel, loadBundledSnapshot, snapshotOf, SST2_MODELS, WER_MODELS } from '../support/testSnapshots.js';

const ALLOWED_ORIGIN = 'http://localhost:5173';
const MODEL_ID = 'meta-llama/Llama-3.1-8B-Instruct';

const temp = createTempDirs('http-server');
/** Every error body answered in this file, scanned for stack traces at the end. */
const errorBodies: { url: string; status: number; text: string }[] = [];

// Main server: the real bundled snapshot, offline (a refresh is refused, never run).
let cache: BenchmarkCache;
let createContext: () => Context;
let caller: ReturnType<typeof createCaller>;
let server: RunningServer;
let base: string;

// Live server: a small snapshot whose refreshes are counted; fresh at T0 so reads start none.
let liveCache: BenchmarkCache;
let liveServer: RunningServer;
let liveFetcher: CountingFetcher;
let hold: Promise<void> | undefined;

beforeAll(async () => {
  const clock = createTestClock();
  cache = await openTestCache({ dir: await temp.make(), bundled: loadBundledSnapshot, offline: true, clock });
  createContext = testContext(cache, clock);
  caller = createCaller(createContext());
  const http = createHttpServer({ createContext, version: appInfo().version, policy: { extraHosts: [], corsOrigins: [ALLOWED_ORIGIN] } });
  server = await http.listen(0, '127.0.0.1');
  base = server.url;

  const hub = snapshotOf([hubModel({ id: 'hub/one', task: 'text-classification', results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.7 }] })], {
    origin: 'hub',
    fetched_at: new Date(T0).toISOString(),
  });
  liveFetcher = countingFetcher(async () => {
    await hold;
    return hub;
  });
  liveCache = await openTestCache({ dir: await temp.make(), bundled: snapshotOf([...SST2_MODELS, ...WER_MODELS]), fetchFromHub: liveFetcher, clock });
  await liveCache.refresh().promise;
  const liveHttp = createHttpServer({ createContext: testContext(liveCache, clock), version: appInfo().version, policy: { extraHosts: [], corsOrigins: [] } });
  liveServer = await liveHttp.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await liveServer?.close();
  await cache?.close();
  await liveCache?.close();
  await temp.cleanup();
});

/** A request to the main server; error bodies are kept for the stack-trace scan. */
async function call(path: string, options: Parameters<typeof request>[1] = {}, root = base): Promise<RawResponse> {
  const res = await request(`${root}${path}`, options);
  if (res.status >= 400) errorBodies.push({ url: path, status: res.status, text: res.text });
  return res;
}

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('createHttpServer', () => {
  describe('REST answers', () => {
    it.each([
      ['/', () => caller.meta.root()],
      ['/health', () => caller.meta.health()],
      ['/api/cache-status', () => caller.refresh.status()],
      ['/api/models?task_type=text-generation&sort=parameter_count&order=desc&limit=7&offset=3', () => caller.models.list({ task_type: 'text-generation', sort: 'parameter_count', order: 'desc', limit: 7, offset: 3 })],
      ['/api/models?search=llama&min_params=1e9&has_results=true&family=llama', () => caller.models.list({ search: 'llama', min_params: 1e9, has_results: true, family: 'llama' })],
      [`/api/models/${MODEL_ID}`, () => caller.models.byId({ model_id: MODEL_ID })],
      ['/api/leaderboards?task_type=image-classification&limit=3&offset=1', () => caller.leaderboards.list({ task_type: 'image-classification', limit: 3, offset: 1 })],
      ['/api/leaderboards/catalog', () => caller.leaderboards.catalog({})],
      ['/api/summary', () => caller.analytics.summary({})],
      ['/api/correlations?task_type=text-generation', () => caller.analytics.correlations({ task_type: 'text-generation' })],
      ['/api/trends?dataset_name=BBH', () => caller.analytics.trends({ dataset_name: 'BBH' })],
      ['/api/benchmarks', () => caller.benchmarks.get({})],
    ] as const)('answers GET %s with what createCaller returns for the same input', async (path, direct) => {
      const res = await call(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual(plain(await direct()));
    });

    it('reads a comma list of leaderboard keys whose setups hold commas the same as the keys repeated', async () => {
      // The bundled Open LLM Leaderboard v2 boards are keyed with the setup "<n>-shot, leaderboard-normalized".
      const keys = (await caller.leaderboards.catalog({})).leaderboards.map((l) => l.key).filter((k) => k.endsWith(', leaderboard-normalized')).slice(0, 3);
      expect(keys).toHaveLength(3);
      const direct = plain(await caller.leaderboards.mean({ keys, limit: 5 }));
      const comma = await call(`/api/leaderboards/mean?limit=5&keys=${encodeURIComponent(keys.join(','))}`);
      expect(comma.status, comma.text).toBe(200);
      expect(comma.json()).toEqual(direct);
      const repeated = await call(`/api/leaderboards/mean?limit=5&${keys.map((k) => `keys=${encodeURIComponent(k)}`).join('&')}`);
      expect(repeated.json()).toEqual(direct);
    });

    it('answers the tRPC endpoint with what createCaller returns when called over HTTP', async () => {
      const input = { task_type: 'image-classification', limit: 4 };
      const res = await call(`/trpc/models.list?input=${encodeURIComponent(JSON.stringify(input))}`);
      expect(res.status).toBe(200);
      expect(res.json().result.data).toEqual(plain(await caller.models.list(input)));
    });

    it('names the field in the tRPC error’s detail when the input is invalid', async () => {
      const res = await call(`/trpc/models.list?input=${encodeURIComponent(JSON.stringify({ limit: -1 }))}`);
      expect(res.status).toBe(400);
      expect(res.json().error.detail).toMatch(/^limit: /);
    });
  });

  describe('GET /api/benchmarks', () => {
    const get = (headers: Record<string, string> = {}) => call('/api/benchmarks', { headers });
    const head = (headers: Record<string, string> = {}) => call('/api/benchmarks', { method: 'HEAD', headers });

    it('sends the same JSON as identity, gzip and br when the client accepts each', async () => {
      const identity = await get({ 'Accept-Encoding': 'identity' });
      const gz = await get({ 'Accept-Encoding': 'gzip' });
      // Only br: gzip bytes are at hand now, and a client that takes both would get those.
      const br = await get({ 'Accept-Encoding': 'br' });
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(br.headers['content-encoding']).toBe('br');
      for (const res of [identity, gz, br]) {
        expect(res.status).toBe(200);
        expect(Number(res.headers['content-length'])).toBe(res.body.length);
        expect(res.headers.vary).toMatch(/Accept-Encoding/);
      }
      // Buffer.equals, not toEqual: a diff of two 16 MB buffers would not fit in memory.
      expect(gunzipSync(gz.body).equals(identity.body)).toBe(true);
      expect(brotliDecompressSync(br.body).equals(identity.body)).toBe(true);
      expect(gz.body.length).toBeLessThan(identity.body.length);
    });

    it('falls back to identity when every encoding is refused with q=0', async () => {
      const identity = await head({ 'Accept-Encoding': 'identity' });
      const res = await head({ 'Accept-Encoding': 'br;q=0, gzip;q=0' });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['content-length']).toBe(identity.headers['content-length']);
    });

    it('answers 304 with no body when If-None-Match carries the current ETag', async () => {
      const first = await head();
      const etag = first.headers.etag!;
      expect(etag).toMatch(/^"[\w-]{16,}"$/); // a hash of the bytes, so equal bytes keep it across restarts
      const again = await get({ 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect((await head({ 'If-None-Match': '"some-older-version"' })).status).toBe(200);
    });

    it('answers 304 when If-None-Match lists the current ETag, weakly or among others, or is *', async () => {
      const etag = (await head()).headers.etag!;
      // RFC 9110 §13.1.2: If-None-Match is "*" or a list of entity tags, compared weakly.
      for (const value of [`"older", ${etag}`, `W/${etag}`, '*']) {
        expect((await head({ 'If-None-Match': value })).status, value).toBe(304);
      }
    });

    it('answers with the headers and no body when the method is HEAD', async () => {
      const res = await call('/api/benchmarks', { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(res.body.length).toBe(0);
      expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    });
  });

  describe('GET /api/models/{model_id}', () => {
    it('answers the same model when the slash in the id is plain or encoded as %2F', async () => {
      const expected = plain(await caller.models.byId({ model_id: MODEL_ID }));
      const slash = await call(`/api/models/${MODEL_ID}`);
      const encoded = await call(`/api/models/${MODEL_ID.replace('/', '%2F')}`);
      expect(slash.json()).toEqual(expected);
      expect(encoded.json()).toEqual(expected);
      expect((await call('/api/models/gpt2')).json().model_info.model_id).toBe('gpt2');
    });

    it('answers 404 naming the id when the model is unknown', async () => {
      const res = await call('/api/models/nobody/nothing');
      expect(res.status).toBe(404);
      expect(res.json()).toMatchObject({ detail: 'model_id: no model "nobody/nothing" in the current dataset', code: 'NOT_FOUND' });
    });
  });

  describe('GET /openapi.json', () => {
    it('documents the seed’s five paths and matches the committed snapshot when requested', async () => {
      const res = await call('/openapi.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const doc = res.json();
      expect(doc.paths['/'].get).toBeDefined();
      expect(doc.paths['/health'].get).toBeDefined();
      expect(doc.paths['/api/benchmarks'].get).toBeDefined();
      expect(doc.paths['/api/refresh'].post).toBeDefined();
      expect(doc.paths['/api/cache-status'].get).toBeDefined();
      expect(doc.paths['/api/benchmarks'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['force_refresh']));
      // The full document is compared with the committed openapi.json in test/api/openApiFile.test.ts.
      expect(doc).toEqual(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../openapi.json'), 'utf8')));
    });
  });

  describe('API docs', () => {
    const TYPES: Record<string, RegExp> = { css: /^text\/css/, js: /^text\/javascript/, png: /^image\/png/ };

    it.each(['/docs', '/redoc'])('serves %s as HTML whose scripts and styles all load from this server', async (page) => {
      const res = await call(page);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.text).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
      const assets = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(assets.length).toBeGreaterThan(0);
      for (const asset of assets) {
        const a = await call(asset);
        expect(a.status, asset).toBe(200);
        expect(a.headers['content-type'], asset).toMatch(TYPES[asset.split('.').at(-1)!]);
        expect(a.body.length, asset).toBeGreaterThan(0);
      }
    });

    it('answers 404 when a docs asset does not exist', async () => {
      expect((await call('/docs/no-such-file.js')).status).toBe(404);
    });
  });

  describe('Host and Origin checks', () => {
    const host = (value: string) => call('/health', { headers: { Host: value } });

    it.each(['evil.example', 'localhost', 'localhost:1', '127.0.0.1.nip.io'])('answers 403 when the Host header is %s', async (name) => {
      const value = name.includes(':') || name === 'localhost' ? name : `${name}:${server.port}`;
      const res = await host(value);
      expect(res.status).toBe(403);
      expect(res.json().detail).toContain('Host');
    });

    it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST'])('answers 200 when the Host header is %s with the server’s port', async (name) => {
      expect((await host(`${name}:${server.port}`)).status).toBe(200);
    });

    it('answers 403 when the Host header is empty or missing', async () => {
      const empty = await rawExchange(server.port, 'GET /health HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n');
      expect(rawStatus(empty)).toBe(403);
      expect(JSON.parse(rawBody(empty)).detail).toBe('Host header is required');
      const missing = await rawExchange(server.port, 'GET /health HTTP/1.0\r\n\r\n');
      expect(rawStatus(missing)).toBe(403);
    });

    it('answers 403 without CORS headers when the Origin is not allowed', async () => {
      for (const origin of ['http://evil.example', 'null', `http://localhost:${server.port + 1}`]) {
        const res = await call('/health', { headers: { Origin: origin } });
        expect(res.status).toBe(403);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        expect(res.json().detail).toContain('Origin');
      }
    });

    it('echoes an allowed Origin, never "*", when the Origin is allowed', async () => {
      for (const origin of [ALLOWED_ORIGIN, `http://127.0.0.1:${server.port}`, `http://localhost:${server.port}`]) {
        for (const [method, path] of [['GET', '/health'], ['HEAD', '/api/benchmarks'], ['GET', '/api/models?limit=1']]) {
          const res = await call(path, { method, headers: { Origin: origin } });
          expect(res.status).toBe(200);
          expect(res.headers['access-control-allow-origin']).toBe(origin);
          expect(res.headers.vary).toMatch(/Origin/);
        }
      }
    });

    it('answers a preflight with 204 and the allowed headers when the Origin is allowed', async () => {
      const res = await call('/api/refresh', {
        method: 'OPTIONS',
        headers: { Origin: ALLOWED_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(res.headers['access-control-allow-methods']).toMatch(/POST/);
      expect(res.headers['access-control-allow-headers']?.toLowerCase().split(/,\s*/)).toContain('content-type');
    });

    it('answers a preflight with 403 when the Origin is not allowed', async () => {
      const res = await call('/api/refresh', { method: 'OPTIONS', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
      expect(res.status).toBe(403);
    });
  });

  describe('POST /api/refresh bodies', () => {
    const post = (body: string | Buffer | undefined, headers: Record<string, string | number> = {}, chunked = false) =>
      call('/api/refresh', { method: 'POST', body, headers, chunked });

    it('answers 200 when the body is empty with Content-Type application/json', async () => {
      const res = await post('', { 'Content-Type': 'application/json' });
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ started: false, refresh_in_progress: false, message: expect.stringContaining('offline mode') });
    });

    it('answers 200 when the body is {} or the type carries a charset', async () => {
      expect((await post('{}', { 'Content-Type': 'application/json' })).status).toBe(200);
      expect((await post('{}', { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('answers 415 naming the type when Content-Type is %s', async (type) => {
      const res = await post('{}', { 'Content-Type': type });
      expect(res.status).toBe(415);
      expect(res.json().detail).toBe(`Content-Type "${type.split(';')[0]}" is not supported: send application/json`);
    });

    it('answers 415 when there is no Content-Type', async () => {
      const res = await post('{}');
      expect(res.status).toBe(415);
      expect(res.json().detail).toBe('Content-Type is required: send application/json');
    });

    it('answers 400 naming the body when it is not valid JSON', async () => {
      const res = await post('{"force":', { 'Content-Type': 'application/json' });
      expect(res.status).toBe(400);
      expect(res.json().detail).toMatch(/^body: not valid JSON/);
    });

    it('answers 413 when the declared body is larger than 1,000,000 bytes (the default limit)', async () => {
      const res = await post(Buffer.alloc(1_000_001, 0x20), { 'Content-Type': 'application/json' });
      expect(res.status).toBe(413);
      expect(res.json().detail).toBe('request body is larger than 1000000 bytes');
    });

    it('answers 413 when a chunked body grows past the limit', async () => {
      const res = await post(Buffer.alloc(1_200_000, 0x20), { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, true);
      expect(res.status).toBe(413);
    });
  });

  describe('query validation', () => {
    it.each([
      ['/api/models?limit=abc', 'limit'],
      ['/api/models?limit=-1', 'limit'],
      ['/api/models?offset=1.5', 'offset'],
      ['/api/models?sort=stars', 'sort'],
      ['/api/leaderboards?limit=0', 'limit'],
      ['/api/benchmarks?force_refresh=maybe', 'force_refresh'],
      ['/api/benchmarks?include_synthetic=yes', 'include_synthetic'],
      ['/api/models?task_type=not-a-task', 'task_type'],
    ])('answers 400 naming the field when GET %s', async (path, field) => {
      const res = await call(path);
      expect(res.status).toBe(400);
      const body = res.json();
      expect(body.detail.startsWith(`${field}: `)).toBe(true);
      expect(typeof body.message).toBe('string');
    });

    it('answers 405 with Allow: POST and how to call it when /api/refresh is asked with GET', async () => {
      const res = await call('/api/refresh');
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(res.json().detail).toMatch(/^GET is not supported on \/api\/refresh: use POST with Content-Type: application\/json, e\.g\. curl -X POST/);
    });

    it('answers 405 with Allow: GET when a read-only path is asked with DELETE', async () => {
      const res = await call(`/api/models/${MODEL_ID}`, { method: 'DELETE' });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET');
    });

    it('accepts min_params and max_params with units (7B, 350M, 1.5B) as the same counts in digits', async () => {
      const withUnits = await call('/api/models?min_params=350M&max_params=1.5B&limit=500');
      const digits = await call('/api/models?min_params=350000000&max_params=1500000000&limit=500');
      expect(withUnits.status).toBe(200);
      expect(withUnits.json()).toEqual(digits.json());
      const lb = await call('/api/leaderboards?task_type=text-generation&dataset_name=IFEval&metric_name=strict%20accuracy&min_params=7B');
      const lbDigits = await call('/api/leaderboards?task_type=text-generation&dataset_name=IFEval&metric_name=strict%20accuracy&min_params=7000000000');
      expect(lb.status).toBe(200);
      expect(lb.json()).toEqual(lbDigits.json());
      const bad = await call('/api/models?min_params=7X');
      expect(bad.status).toBe(400);
      expect(bad.json().detail).toBe('min_params: expected a parameter count like 7B, 350M, 1.5B, 1.5e9 or 7000000000');
    });

    it('answers 404 listing the known metrics when the metric is unknown, and the known datasets when the dataset is', async () => {
      const metric = await call('/api/leaderboards?task_type=text-generation&dataset_name=GPQA&metric_name=accuracy');
      expect(metric.status).toBe(404);
      // The Open LLM Leaderboard export has one GPQA column, normalized accuracy (data/README.md).
      expect(metric.json().detail).toBe('metric_name: unknown metric "accuracy" for dataset_name "GPQA"; known metrics: "normalized accuracy"');
      const dataset = await call('/api/leaderboards?task_type=text-generation&dataset_name=GPQA-X&metric_name=accuracy');
      expect(dataset.status).toBe(404);
      expect(dataset.json().detail).toBe('dataset_name: unknown dataset "GPQA-X" for task_type "text-generation"; known datasets: "BBH · 3-shot", "BBH · 3-shot, leaderboard-normalized", "GPQA · 0-shot", "GPQA · 0-shot, leaderboard-normalized", "IFEval · 0-shot", "IFEval · 0-shot, leaderboard-normalized", "MATH Level 5 · 4-shot", "MATH Level 5 · 4-shot, leaderboard-normalized", "MMLU-Pro · 5-shot", "MMLU-Pro · 5-shot, leaderboard-normalized", "MuSR · 0-shot", "MuSR · 0-shot, leaderboard-normalized"');
    });

    it('answers 404 with a detail when the path is unknown', async () => {
      const res = await call('/api/nothing-here');
      expect(res.status).toBe(404);
      expect(typeof res.json().detail).toBe('string');
    });
  });

  describe('refreshes over HTTP', () => {
    const live = (path: string, options: Parameters<typeof request>[1] = {}) => call(path, options, liveServer.url);

    it('starts no refresh when force_refresh=false', async () => {
      const before = liveFetcher.calls;
      const res = await live('/api/benchmarks?force_refresh=false');
      expect(res.status).toBe(200);
      expect(res.json().refresh_error).toBeUndefined();
      expect(liveFetcher.calls).toBe(before);
      expect(liveCache.status().refresh_in_progress).toBe(false);
    });

    it('starts no refresh and answers from the data at hand with refresh_started false when force_refresh=true', async () => {
      const before = liveFetcher.calls;
      const res = await live('/api/benchmarks?force_refresh=true');
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ refresh_started: false, refresh_hint: expect.stringContaining('POST /api/refresh') });
      expect(res.json().data.map((r: { model_info: { model_id: string } }) => r.model_info.model_id)).toContain('hub/one');
      expect(liveFetcher.calls).toBe(before);
      expect(liveCache.status().refresh_in_progress).toBe(false);
    });

    it('runs one refresh when 20 POST /api/refresh are sent at the same time', async () => {
      let open!: () => void;
      hold = new Promise((resolve) => (open = resolve));
      const before = liveFetcher.calls;
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => live('/api/refresh', { method: 'POST', body: '', headers: { 'Content-Type': 'application/json' } })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(answers.filter((a) => a.json().started)).toHaveLength(1);
      expect(answers.every((a) => a.json().refresh_in_progress)).toBe(true);
      open();
      hold = undefined;
      await liveCache.refresh().promise;
      expect(liveFetcher.calls).toBe(before + 1);
    });

    it('answers include_synthetic=true with what createCaller returns for it', async () => {
      const liveCaller = createCaller(testContext(liveCache, createTestClock())());
      const res = await live('/api/benchmarks?include_synthetic=true');
      expect(res.json()).toEqual(plain(await liveCaller.benchmarks.get({ include_synthetic: true })));
      expect(res.json().includes_synthetic).toBe(true);
    });
  });

  describe('snapshot export and import over HTTP', () => {
    const live = (path: string, options: Parameters<typeof request>[1] = {}) => call(path, options, liveServer.url);
    const IMPORTED = snapshotOf([hubModel({ id: 'imported/one', task: 'text-classification', results: [{ dataset: 'sst2', metric: 'accuracy', value: 0.5 }] })]);

    it('answers GET /api/snapshot/export with what createCaller returns', async () => {
      const liveCaller = createCaller(testContext(liveCache, createTestClock())());
      expect((await live('/api/snapshot/export')).json()).toEqual(plain(await liveCaller.snapshot.export()));
    });

    it('answers 400 in the snapshot reader’s words and keeps the data when the import is not a snapshot', async () => {
      const before = liveCache.current();
      const res = await live('/api/snapshot/import', { method: 'POST', body: JSON.stringify({ ...IMPORTED, version: 99 }), headers: { 'Content-Type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.json().detail).toBe('snapshot version 99 is not supported (this app reads version 1)');
      const notSnapshot = await live('/api/snapshot/import', { method: 'POST', body: JSON.stringify({ hello: 'world' }), headers: { 'Content-Type': 'application/json' } });
      expect(notSnapshot.status).toBe(400);
      expect(notSnapshot.json().detail).toBe('not a snapshot file (format is missing)');
      expect(liveCache.current()).toBe(before);
    });

    it('answers POST /api/snapshot/import with the new status when the body is a snapshot', async () => {
      const res = await live('/api/snapshot/import', { method: 'POST', body: JSON.stringify(IMPORTED), headers: { 'Content-Type': 'application/json' } });
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ source: 'import', has_data: true });
      expect((await live('/api/models/imported/one')).status).toBe(200);
    });

    it('applies the import limit to imports only and the small limit to every other body when bodies are large', async () => {
      const limited = await createHttpServer({ createContext, version: appInfo().version, maxBodyBytes: 100, maxImportBytes: 10_000, policy: { extraHosts: [], corsOrigins: [] } }).listen(0, '127.0.0.1');
      try {
        const json = { 'Content-Type': 'application/json' };
        const padded = (n: number) => JSON.stringify({ pad: 'x'.repeat(n) });
        expect((await call('/api/refresh', { method: 'POST', body: padded(200), headers: json }, limited.url)).status).toBe(413);
        expect((await call('/trpc/refresh.start', { method: 'POST', body: padded(200), headers: json }, limited.url)).status).toBe(413);
        // Under the import limit: read, then refused as not a snapshot (400), not as too large.
        expect((await call('/api/snapshot/import', { method: 'POST', body: padded(5_000), headers: json }, limited.url)).status).toBe(400);
        expect((await call('/api/snapshot/import', { method: 'POST', body: padded(20_000), headers: json }, limited.url)).status).toBe(413);
      } finally {
        await limited.close();
      }
    });
  });

  describe('API token', () => {
    const TOKEN = 'test-token-0123456789abcdefghijklmnop';
    let guarded: RunningServer;
    beforeAll(async () => {
      guarded = await createHttpServer({ createContext, version: appInfo().version, policy: { extraHosts: [], corsOrigins: [], apiToken: TOKEN } }).listen(0, '127.0.0.1');
    });
    afterAll(() => guarded.close());

    it('answers 401 with WWW-Authenticate when the token is missing or wrong', async () => {
      const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong-token' }, { Authorization: TOKEN }, { Authorization: `Basic ${TOKEN}` }];
      for (const headers of attempts) {
        const res = await call('/api/models?limit=1', { headers }, guarded.url);
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer');
        expect(res.json().detail).toBe('a valid API token is required: Authorization: Bearer <token>, or sign in a browser through the /login address printed at start');
      }
    });

    it('answers 200 when the right token is sent as Bearer', async () => {
      const res = await call('/api/models?limit=1', { headers: { Authorization: `Bearer ${TOKEN}` } }, guarded.url);
      expect(res.status).toBe(200);
      expect(res.json().items).toHaveLength(1);
    });

    it('checks the Host before the token when both are wrong', async () => {
      const res = await call('/health', { headers: { Host: 'evil.example', Authorization: `Bearer ${TOKEN}` } }, guarded.url);
      expect(res.status).toBe(403);
    });
  });

  describe('errors and headers', () => {
    it('answers 500 with a generic detail and no stack when a procedure fails unexpectedly', async () => {
      const broken: BenchmarkCache = {
        ...cache,
        current: () => {
          throw new TypeError('x is undefined at readIndex (/srv/app/src/api/secret.ts:12:3)');
        },
      };
      const failing = await createHttpServer({ createContext: testContext(broken), version: appInfo().version, policy: { extraHosts: [], corsOrigins: [] } }).listen(0, '127.0.0.1');
      try {
        for (const path of ['/api/models', '/api/benchmarks', `/trpc/models.list?input=${encodeURIComponent('{}')}`]) {
          const res = await call(path, {}, failing.url);
          expect(res.status, path).toBe(500);
          expect(res.text).not.toContain('secret');
          expect(res.text).toContain('Internal server error');
        }
      } finally {
        await failing.close();
      }
    });

    it('sends X-Content-Type-Options: nosniff when answering any kind of request', async () => {
      const etag = (await call('/api/benchmarks', { method: 'HEAD' })).headers.etag!;
      const responses = await Promise.all([
        call('/health'),
        call('/api/benchmarks', { headers: { 'If-None-Match': etag } }),
        call('/api/benchmarks', { headers: { 'Accept-Encoding': 'gzip' } }),
        call('/openapi.json'),
        call('/docs'),
        call('/docs/swagger-ui.css'),
        call('/api/models?limit=-1'),
        call('/api/models/nobody/nothing'),
        call('/health', { headers: { Host: 'evil.example' } }),
        call('/api/refresh', { method: 'POST', body: '{}', headers: { 'Content-Type': 'text/plain' } }),
        call('/api/refresh', { method: 'OPTIONS', headers: { Origin: ALLOWED_ORIGIN } }),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 304, 200, 200, 200, 200, 400, 404, 403, 415, 204]);
      for (const r of responses) expect(r.headers['x-content-type-options']).toBe('nosniff');
    });

    it('logs each request and procedure call at debug level only when logRequests is set', async () => {
      const lines = async (logRequests: boolean) => {
        const logged: string[] = [];
        const http = createHttpServer({ createContext, version: appInfo().version, policy: { extraHosts: [], corsOrigins: [] }, log: (level, m) => logged.push(`${level} ${m}`), logRequests });
        const running = await http.listen(0, '127.0.0.1');
        try {
          expect((await call('/health', {}, running.url)).status).toBe(200);
          expect((await call('/api/summary', {}, running.url)).status).toBe(200);
        } finally {
          await running.close();
        }
        return logged;
      };
      expect(await lines(false)).toEqual([]);
      const logged = await lines(true);
      expect(logged.filter((l) => l.startsWith('debug GET '))).toEqual(['debug GET /health', 'debug GET /api/summary']);
      expect(logged.filter((l) => / (meta\.health|analytics\.summary): (ran|cached), /.test(l))).toHaveLength(2);
    });

    it('never sends a stack trace when answering with an error (every error body of this file)', () => {
      expect(errorBodies.length).toBeGreaterThan(20);
      for (const { url, status, text } of errorBodies) {
        expect(text, `${status} ${url}`).not.toMatch(STACK_TRACE);
        expect(text, `${status} ${url}`).not.toContain('.ts:');
        const body = JSON.parse(text);
        const detail = body.detail ?? body.error?.detail;
        expect(typeof detail, `${status} ${url}`).toBe('string');
      }
    });
  });
});

describe('pickEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0', 'identity'],
    ['deflate', 'identity'],
  ])('picks the best encoding when Accept-Encoding is %j', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });

  it.each([
    ['gzip, deflate, br', { gzip: 1 }, 'gzip'],
    ['gzip, deflate, br', { gzip: 1, br: 1 }, 'br'],
    ['br', { gzip: 1 }, 'br'],
    ['br, gzip;q=0', { gzip: 1 }, 'br'],
  ])('sends gzip bytes already made rather than making br when Accept-Encoding is %j and %j are made', (header, made, expected) => {
    expect(pickEncoding(header, made)).toBe(expected);
  });
});
