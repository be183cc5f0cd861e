// Property-based fuzzing of every REST endpoint the running server documents in /openapi.json
// (offline, on the bundled snapshot): junk query, path and body values must never produce a 5xx or
// a stack trace, and every 4xx is JSON with a `detail` naming the problem. Plus the strict parsing
// rules (booleans, numbers), body limits and content types, and tRPC input junk.
// Reproduce a failure with FUZZ_SEED=<seed printed at the start>.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenApiDocument } from '../../src/api/openApiDocument.js';
import { appInfo } from '../../src/appInfo.js';
import { loadConfig } from '../../src/config.js';
import { startServer, type StartedApp } from '../../src/server/startServer.js';
import { request, type RawResponse } from '../support/httpRequest.js';
import { createTempDirs } from '../support/tempDirs.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_901);
const RUNS_WITH_INPUT = 100;
/** Endpoints without parameters or body: only junk query keys to vary (/api/snapshot/export, ~16 MB a call, gets 5). */
const RUNS_WITHOUT_INPUT = 10;
/**
 * /api/benchmarks validates and serializes the whole body (tens of MB) once per distinct parsed input
 * and dataset version (the response cache keeps it after that): the fuzzer keeps to inputs that fail
 * validation or parse to the two cached ones; the strict-parsing tests cover the rest.
 */
const SLOW_WHEN_VALID: Record<string, { skipJunkKeys: boolean; falseOnly: string[] }> = {
  '/api/benchmarks': { skipJunkKeys: true, falseOnly: ['force_refresh'] },
};
/** A stack-trace frame ("at fn (file.ts:1:2)"), or V8's indented "    at " lines. */
const STACK = /\bat .*\.(ts|js):\d+|\n\s+at /;

const temp = createTempDirs('rest-fuzz');
let app: StartedApp;
let base: string;
let served: OpenApiDoc;

interface OpenApiParam {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}
interface JsonSchema {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}
interface OpenApiOperation {
  parameters?: OpenApiParam[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

// Known at collection time from the router itself; the test checks the served document matches.
const documented = createOpenApiDocument({ version: appInfo().version }) as unknown as OpenApiDoc;
const OPERATIONS = Object.entries(documented.paths).flatMap(([p, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path: p })));

beforeAll(async () => {
  console.log(`restFuzz: fast-check seed ${SEED} (set FUZZ_SEED to reproduce)`);
  app = await startServer({ config: loadConfig({ DATA_DIR: await temp.make(), OFFLINE: '1', PORT: '0' }), refreshOnStart: false });
  base = app.server.url;
  const res = await request(`${base}/openapi.json`);
  expect(res.status).toBe(200);
  served = res.json();
});

afterAll(async () => {
  await app?.close();
  await temp.cleanup();
});

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/** Names every plain object inherits; a query parser that indexes `{}` by key trips over them. */
const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype);

const SPECIAL = [
  '', ' ', 'true', 'false', 'maybe', 'TRUE', 'yes', 'on', '1', '0', '-1', '-0', '1e3', '1e308', '-1e308', '1e999', 'NaN', 'Infinity', '-Infinity',
  '0x10', '12abc', '0.5', '00', '9'.repeat(400), '%2F', '../', '..%2F..%2Fetc%2Fpasswd', '%00', '\u0000', '%ZZ', '%', '💥', 'é', '\u202e',
  '<script>alert(1)</script>', "' OR 1=1 --", '{"$gt":""}', '[]', '{}', 'null', 'undefined', '__proto__', 'constructor', 'prototype',
  'a'.repeat(5000), 'text-generation', 'image-classification', 'downloads', 'asc', 'desc', 'ImageNet-1k', 'llama',
];

/** Values a parameter's own schema allows, so the fuzzer also reaches the handlers, not only validation. */
function validValues(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [];
  const walk = (s: JsonSchema | undefined) => {
    if (!s) return;
    if (s.enum) options.push(fc.constantFrom(...s.enum.map(String)));
    if (s.type === 'boolean') options.push(fc.constantFrom('true', 'false'));
    if (s.type === 'number' || s.type === 'integer') {
      // Small values: a huge valid limit answers tens of MB, which is load, not fuzzing.
      const lo = Math.max(s.minimum ?? -10, -10);
      const hi = Math.min(s.maximum ?? 1000, 1000);
      options.push(fc.integer({ min: lo, max: hi }).map(String));
    }
    for (const sub of s.anyOf ?? []) walk(sub);
  };
  walk(schema);
  return options.length ? fc.oneof(...options) : fc.constantFrom('text-generation', 'llama', 'ImageNet-1k');
}

const junkValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 300, maxLength: 3000 }) },
);

const valueFor = (schema: JsonSchema | undefined) => fc.oneof({ weight: 3, arbitrary: junkValue }, { weight: 2, arbitrary: validValues(schema) });

/** How a value goes on the wire: percent-encoded, or raw when it is printable ASCII (so "%2F", "../", "%00" arrive as typed). */
const encodingOf = fc.boolean();
const URL_SAFE_RAW = /^[!-~]*$/;
const put = (value: string, raw: boolean) => (raw && URL_SAFE_RAW.test(value) && !value.includes('#') ? value : encodeURIComponent(value));

interface FuzzRequest {
  method: string;
  url: string;
  /** Parameter names sent, for "the 400 names the problem". */
  sent: string[];
  /** Required query parameters left out: a 400 may name one of these instead. */
  missing: string[];
  headers: Record<string, string>;
  body?: string;
}

function requestFor(method: string, template: string, op: OpenApiOperation): fc.Arbitrary<FuzzRequest> {
  const slow = SLOW_WHEN_VALID[template];
  const params = (op.parameters ?? []).filter((p) => p.in === 'query' || p.in === 'path');
  const valueOf = (p: OpenApiParam) => (slow?.falseOnly.includes(p.name) ? fc.oneof({ weight: 3, arbitrary: junkValue }, { weight: 2, arbitrary: fc.constantFrom('false', '0') }) : valueFor(p.schema));
  const query = params.filter((p) => p.in === 'query');
  const pathParams = params.filter((p) => p.in === 'path');
  // Each query parameter: absent, once, or repeated (an array).
  const queryArb = fc.tuple(
    ...query.map((p) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constant<[string, boolean][]>([]) },
        { weight: 4, arbitrary: fc.tuple(valueOf(p), encodingOf).map((v) => [v]) },
        { weight: 1, arbitrary: fc.array(fc.tuple(valueOf(p), encodingOf), { minLength: 2, maxLength: 3 }) },
      ),
    ),
  );
  // Keys named after Object.prototype members have their own test below; here they would mask everything else.
  const junkKeys = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom('limit[]', 'a[b]', '', 'include_synthetic[]', 'x.y'), fc.string({ maxLength: 10 }).filter((k) => !PROTO_KEYS.includes(k))), junkValue, encodingOf),
    { maxLength: slow?.skipJunkKeys ? 0 : 2 },
  );
  const pathArb = fc.tuple(
    ...pathParams.map(() =>
      fc.oneof(
        fc.tuple(junkValue, encodingOf),
        fc.tuple(fc.constantFrom('a/b', 'a/b/c/d', '..', '.', '%2e%2e', '..%2F..%2F..%2Fetc%2Fpasswd', '%2F', '%00', 'x%00y', '%ZZ', 'meta-llama/Llama-3.1-8B-Instruct', '//', 'a//b'), fc.constant(true)),
      ),
    ),
  );
  const hasBody = !!op.requestBody || method !== 'GET';
  const bodyArb = hasBody
    ? fc.oneof(
        { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
        { weight: 1, arbitrary: fc.constantFrom('', '{', '{"format":', 'null', '[]', '"x"', '{"__proto__":{"polluted":true}}', `{"a":${'['.repeat(50)}${']'.repeat(50)}}`, '\u0000', 'true') },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
      )
    : fc.constant(undefined);
  const typeArb = hasBody
    ? fc.oneof({ weight: 4, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-8', '') })
    : fc.constant('');
  return fc.tuple(queryArb, junkKeys, pathArb, bodyArb, typeArb).map(([qv, junk, pv, body, type]) => {
    let p = template;
    pathParams.forEach((param, i) => {
      const [v, raw] = pv[i] as [string, boolean];
      p = p.replace(`{${param.name}}`, put(v, raw));
    });
    const parts: string[] = [];
    const sent: string[] = pathParams.map((x) => x.name);
    query.forEach((param, i) => {
      for (const [v, raw] of qv[i] as [string, boolean][]) {
        parts.push(`${param.name}=${put(v, raw)}`);
        sent.push(param.name);
      }
    });
    for (const [k, v, raw] of junk) parts.push(`${put(k, raw)}=${put(v, raw)}`);
    const headers: Record<string, string> = { 'accept-encoding': 'br, gzip' };
    if (type) headers['content-type'] = type;
    const missing = query.filter((param, i) => param.required && (qv[i] as unknown[]).length === 0).map((param) => param.name);
    return { method, url: `${p}${parts.length ? `?${parts.join('&')}` : ''}`, sent, missing, headers, body };
  });
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

function textOf(res: RawResponse): string {
  const enc = res.headers['content-encoding'];
  if (res.body.length > 8_000_000) return '';
  if (enc === 'br') return brotliDecompressSync(res.body).toString('utf8');
  if (enc === 'gzip') return gunzipSync(res.body).toString('utf8');
  return res.text;
}

function detailOf(json: unknown): unknown {
  const j = json as { detail?: unknown; error?: { detail?: unknown } } | null;
  return j?.detail ?? j?.error?.detail;
}

/** The contract every answer keeps, whatever was sent. Throws (with the request) when broken. */
function expectWellBehaved(req: FuzzRequest, res: RawResponse) {
  const where = `${req.method} ${req.url.slice(0, 300)}${req.body !== undefined ? ` body=${JSON.stringify(req.body.slice(0, 100))}` : ''} → ${res.status}`;
  expect(res.status, `${where}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
  // Large successes (the compressed seed blob inflates to ~32 MB) are not scanned: errors are what may leak.
  const text = res.status < 400 && (res.body.length > 2_000_000 || res.headers['content-encoding'] !== undefined) ? '' : textOf(res);
  expect(STACK.test(text), `${where}: stack trace in body: ${text.slice(0, 300)}`).toBe(false);
  if (res.status >= 400) {
    expect(String(res.headers['content-type']), `${where}: content type`).toMatch(/^application\/json/);
    let json: unknown;
    expect(() => (json = JSON.parse(text)), `${where}: body is not JSON: ${text.slice(0, 200)}`).not.toThrow();
    const detail = detailOf(json);
    expect(typeof detail === 'string' && detail.trim().length > 0, `${where}: no detail in ${text.slice(0, 200)}`).toBe(true);
    if (res.status === 400 && req.sent.length > 0 && req.body === undefined) {
      expect(
        [...req.sent, ...req.missing].some((name) => (detail as string).includes(name)),
        `${where}: detail "${String(detail).slice(0, 200)}" names none of ${[...req.sent, ...req.missing].join(', ')}`,
      ).toBe(true);
    }
  }
}

async function send(req: FuzzRequest): Promise<RawResponse> {
  return request(`${base}${req.url}`, { method: req.method, headers: req.headers, body: req.body });
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('REST fuzzing of every documented endpoint', () => {
  it('the served /openapi.json documents the same operations the router has', () => {
    const servedOps = Object.entries(served.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(servedOps.sort()).toEqual(OPERATIONS.map((o) => `${o.method} ${o.path}`).sort());
    expect(OPERATIONS.length).toBeGreaterThan(10);
  });

  it.each(OPERATIONS.map((o, i) => ({ ...o, i })))('$method $path: never 5xx, never a stack trace, every 4xx JSON with a detail', async ({ method, path: template, i }) => {
    const op = served.paths[template][method.toLowerCase()];
    const hasInput = (op.parameters ?? []).length > 0 || !!op.requestBody;
    await fc.assert(
      fc.asyncProperty(requestFor(method, template, op), async (req) => {
        expectWellBehaved(req, await send(req));
      }),
      { numRuns: hasInput ? RUNS_WITH_INPUT : template === '/api/snapshot/export' ? 5 : RUNS_WITHOUT_INPUT, seed: SEED + i, endOnFailure: true },
    );
  });

  it('other methods and unknown paths: 404/405 JSON, never 5xx', async () => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE');
    const p = fc.oneof(
      fc.constantFrom(...OPERATIONS.map((o) => o.path.replace('{model_id}', 'x/y'))),
      fc.constantFrom('/api', '/api/', '/api/models/', '/api//models', '/API/MODELS', '/api/models/%', '/api/models/..%2f..%2f', '/%2e%2e/%2e%2e/etc/passwd', '/trpc', '/trpc/', '/trpc/models.list/x', '/docs/../../package.json', '/docs/%2e%2e%2f%2e%2e%2fpackage.json', '/redoc/x', '/app/../package.json'),
      fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((s) => `/${encodeURIComponent(s)}`),
    );
    await fc.assert(
      fc.asyncProperty(method, p, async (m, url) => {
        const res = await request(`${base}${url}`, { method: m, headers: m === 'GET' || m === 'HEAD' ? {} : { 'content-type': 'application/json' }, body: m === 'GET' || m === 'HEAD' ? undefined : '{}' });
        expect(res.status, `${m} ${url}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
        if (m !== 'HEAD') expect(STACK.test(res.text), `${m} ${url}: stack trace`).toBe(false);
        if (res.status >= 400 && m !== 'HEAD') {
          expect(String(res.headers['content-type']), `${m} ${url}: content type of ${res.text.slice(0, 100)}`).toMatch(/^application\/json/);
          expect(typeof detailOf(JSON.parse(res.text)), `${m} ${url}: ${res.text.slice(0, 200)}`).toBe('string');
        }
        // /docs serves swagger-ui-dist's own files (its package.json included); never the app's.
        if (url.includes('package.json') && res.status === 200) expect(res.text).not.toContain('"name": "ml-benchmark-explorer"');
      }),
      { numRuns: 100, seed: SEED + 1000, endOnFailure: true },
    );
  });
});

describe('methods the transports do not expect', () => {
  it.each(['/trpc/models.list', '/trpc/refresh.start', '/trpc/'])('TRACE %s → 4xx JSON (405), not 500', async (p) => {
    const res = await request(`${base}${p}`, { method: 'TRACE' });
    expect(res.status, res.text.slice(0, 200)).toBeGreaterThanOrEqual(400);
    expect(res.status, res.text.slice(0, 200)).toBeLessThan(500);
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('%s /trpc/models.list → 4xx whose Content-Type matches its JSON body', async (m) => {
    const res = await request(`${base}/trpc/models.list`, { method: m });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(String(res.headers['content-type']), res.text.slice(0, 100)).toMatch(/^application\/json/);
    expect(detailOf(res.json())).toBeTruthy();
  });
});

describe('query keys and bodies that trip parsers', () => {
  const GETS = OPERATIONS.filter((o) => o.method === 'GET').map((o) => o.path.replace('{model_id}', 'meta-llama%2FLlama-3.1-8B-Instruct'));

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('?%s=1 on every GET endpoint → never 5xx (an unknown key is ignored or refused)', async (key) => {
    const failures: string[] = [];
    for (const p of GETS) {
      const res = await request(`${base}${p}${p.includes('?') ? '&' : '?'}${key}=1`, { headers: { 'accept-encoding': 'br' } });
      if (res.status >= 500) failures.push(`${p} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it.each(['/api/refresh', '/api/snapshot/import'])('POST %s with JSON nested 5000 levels deep → 4xx, not 500', async (p) => {
    const res = await request(`${base}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}` });
    expect(res.status, res.text.slice(0, 200)).toBeGreaterThanOrEqual(400);
    expect(res.status, res.text.slice(0, 200)).toBeLessThan(500);
    expect(detailOf(res.json())).toBeTruthy();
  });

  it('POST /trpc/refresh.start with JSON nested 5000 levels deep → never 5xx', async () => {
    const res = await request(`${base}/trpc/refresh.start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}` });
    expect(res.status, res.text.slice(0, 200)).toBeLessThan(500);
  });
});

describe('strict parsing', () => {
  const get = (p: string) => request(`${base}${p}`);

  it.each(['false', '0'])('force_refresh=%s is false: the plain answer, no refresh fields', async (v) => {
    const res = await get(`/api/benchmarks?force_refresh=${v}`);
    expect(res.status).toBe(200);
    expect(res.json().refresh_started).toBeUndefined();
  });

  it.each(['true', '1'])('force_refresh=%s is true: answered from the data at hand with refresh_started false', async (v) => {
    const res = await get(`/api/benchmarks?force_refresh=${v}`);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ refresh_started: false, refresh_hint: expect.stringContaining('POST /api/refresh') });
  });

  it.each(['yes', 'no', 'True', 'FALSE', 'on', 'maybe', '', '2', 'false,true'])('force_refresh=%j → 400 naming force_refresh', async (v) => {
    const res = await get(`/api/benchmarks?force_refresh=${encodeURIComponent(v)}`);
    expect(res.status).toBe(400);
    expect(res.json().detail).toMatch(/force_refresh/);
  });

  it.each([
    ['/api/summary', 'include_synthetic=true&include_synthetic=false'],
    ['/api/benchmarks', 'include_synthetic=true&include_synthetic=false'],
    ['/api/benchmarks', 'force_refresh=false&force_refresh=true'],
    ['/api/benchmarks', 'force_refresh=0&force_refresh=maybe'],
  ])('%s?%s (a repeated boolean) → 400 naming it, like every other endpoint', async (p, q) => {
    const res = await get(`${p}?${q}`);
    expect(res.status, `answered ${res.status} (the first value was taken)`).toBe(400);
    expect(res.json().detail).toMatch(new RegExp(q.split('=')[0]));
  });

  it.each([
    ['1e2', 100],
    ['100', 100],
    ['100.0', 100],
  ])('limit=%s is the number %d (decimal and exponent notation are numbers)', async (v, n) => {
    const res = await get(`/api/models?limit=${v}`);
    expect(res.status).toBe(200);
    expect(res.json().limit).toBe(n);
  });

  it('limit=1e3 on /api/leaderboards (max 100000) → 200 with limit 1000 applied', async () => {
    const res = await get('/api/leaderboards?limit=1e3&task_type=text-generation');
    expect(res.status).toBe(200);
    for (const lb of res.json().leaderboards) expect(lb.entries.length).toBeLessThanOrEqual(1000);
  });

  it.each(['12abc', '5.5', '-1', '0', 'NaN', 'Infinity', '1e999', '', '501', '5&limit=6'])('limit=%j → 400 naming limit', async (v) => {
    const res = await get(`/api/models?limit=${v.includes('&') ? v : encodeURIComponent(v)}`);
    expect(res.status, res.text.slice(0, 200)).toBe(400);
    expect(res.json().detail).toMatch(/limit/);
  });

  it.each(['0x10', '0b11', '0o7', ' 5', '5 ', '+5'])('limit=%j is not a plain decimal number → 400 (no hex/binary/octal or padded coercion)', async (v) => {
    const res = await get(`/api/models?limit=${encodeURIComponent(v)}`);
    expect(res.status, `accepted as limit=${res.status === 200 ? res.json().limit : '?'}`).toBe(400);
    expect(res.json().detail).toMatch(/limit/);
  });

  it.each(['min_params', 'max_params', 'offset'])('%s= (empty) is refused or ignored, never read as 0', async (name) => {
    const absent = await get('/api/models?limit=1');
    const empty = await get(`/api/models?limit=1&${name}=`);
    if (empty.status === 400) {
      expect(empty.json().detail).toMatch(new RegExp(name));
    } else {
      expect(empty.status).toBe(200);
      expect(empty.json().total, `${name}= changed the result (read as 0)`).toBe(absent.json().total);
    }
  });
});

describe('request bodies', () => {
  const post = (p: string, body: string, headers: Record<string, string | number> = { 'content-type': 'application/json' }, chunked = false) =>
    request(`${base}${p}`, { method: 'POST', headers, body, chunked });
  const big = `{"pad":"${'x'.repeat(1_100_000)}"}`;

  it.each(['/api/refresh', '/trpc/refresh.start'])('oversized JSON body to %s (Content-Length) → 413 with a detail', async (p) => {
    const res = await post(p, big);
    expect(res.status).toBe(413);
    expect(detailOf(res.json())).toBeTruthy();
  });

  it.each(['/api/refresh', '/trpc/refresh.start'])('oversized JSON body to %s (chunked, no Content-Length) → 413', async (p) => {
    const res = await post(p, big, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, true);
    expect(res.status).toBe(413);
    expect(detailOf(res.json())).toBeTruthy();
  });

  const SIMPLE_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];
  const POSTS = ['/api/refresh', '/api/snapshot/import', '/trpc/refresh.start', '/trpc/snapshot.import'];
  it.each(POSTS.flatMap((p) => [...SIMPLE_TYPES, ''].map((t) => ({ p, t }))))('POST $p with content type "$t" → 415 (no cross-site simple POST)', async ({ p, t }) => {
    const res = await post(p, '{}', t ? { 'content-type': t } : {});
    expect(res.status).toBe(415);
    expect(detailOf(res.json())).toBeTruthy();
  });

  it('POST /api/refresh with "Application/JSON; charset=utf-8" and an empty body → 200', async () => {
    const res = await post('/api/refresh', '', { 'content-type': 'Application/JSON; charset=utf-8' });
    expect(res.status).toBe(200);
  });

  it.each(['{', 'nul', '{"a":1}}', '\u0000'])('POST /api/refresh with invalid JSON %j → 400 saying so', async (body) => {
    const res = await post('/api/refresh', body);
    expect(res.status).toBe(400);
    expect(res.json().detail).toMatch(/JSON/);
  });
});

describe('tRPC input junk', () => {
  const JUNK = ['junk', '%7B', '{"limit":"x"}', '{"limit":1e999}', '{"limit":-1}', 'null', '[]', '"str"', '{"sort":"__proto__"}', '{"limit":"0x10"}', `${'['.repeat(1000)}${']'.repeat(1000)}`];
  it.each(JUNK.map((input) => ({ input, label: input.length > 40 ? `${input.slice(0, 12)}…(${input.length} chars)` : input })))('GET /trpc/models.list?input=$label → 400 JSON with a detail, not 500', async ({ input }) => {
    const res = await request(`${base}/trpc/models.list?input=${input.startsWith('%') ? input : encodeURIComponent(input)}`);
    expect(res.status, res.text.slice(0, 200)).toBe(400);
    expect(STACK.test(res.text)).toBe(false);
    expect(detailOf(res.json())).toBeTruthy();
  });

  it.each(['{"__proto__":{"limit":1}}', '{"constructor":{"prototype":{"polluted":true}}}'])('GET /trpc/models.list?input=%s → no 5xx, no prototype pollution', async (input) => {
    const res = await request(`${base}/trpc/models.list?input=${encodeURIComponent(input)}`);
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).limit).toBeUndefined();
  });

  it('batched junk: GET /trpc/models.list,models.byId?batch=1&input=… → 4xx, never 5xx', async () => {
    const res = await request(`${base}/trpc/models.list,models.byId?batch=1&input=${encodeURIComponent('{"0":{"limit":"x"},"1":{"model_id":""}}')}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(STACK.test(res.text)).toBe(false);
  });

  it('fuzzed tRPC inputs for every query procedure: never 5xx, never a stack trace', async () => {
    // benchmarks.get is left out: each valid call validates and serializes the whole ~32 MB body.
    const procs = ['models.list', 'models.byId', 'leaderboards.list', 'leaderboards.catalog', 'analytics.summary', 'analytics.correlations', 'analytics.trends', 'meta.health', 'refresh.status'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...procs), fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'), junkValue), async (proc, input) => {
        const res = await request(`${base}/trpc/${proc}?input=${encodeURIComponent(input)}`, { headers: { 'accept-encoding': 'br' } });
        expect(res.status, `${proc} input=${input.slice(0, 100)}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(STACK.test(res.text), `${proc}: stack trace`).toBe(false);
          expect(detailOf(res.json()), `${proc} input=${input.slice(0, 100)}`).toBeTruthy();
        }
      }),
      { numRuns: 100, seed: SEED + 2000, endOnFailure: true },
    );
  });
});
