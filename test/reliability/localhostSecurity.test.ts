// The localhost server's transport security, on real sockets: loopback binding by default, the Host
// allow-list (DNS rebinding), the Origin allow-list (CORS, never "*"), the API token a non-loopback
// binding requires (generated once, 0600, never logged), and the headers every answer carries.
// Exact headers go out on raw sockets; all traffic goes to 127.0.0.1, even when bound to 0.0.0.0.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { API_TOKEN_FILE } from '../../src/server/apiToken.js';
import { startServer, type StartedApp } from '../../src/server/startServer.js';
import { rawBody, rawExchange, rawStatus, request, STACK_TRACE, type RawResponse } from '../support/httpRequest.js';
import { writeFixtureSnapshot } from '../support/reliability.js';
import { createTempDirs } from '../support/tempDirs.js';
import { snapshotOf, SST2_MODELS, WER_MODELS } from '../support/testSnapshots.js';

const temp = createTempDirs('localhost-security');
const ALLOWED_ORIGIN = 'http://localhost:5173'; // in the default CORS_ORIGINS
let bundledFile: string;
let rendererDir: string;
let app: StartedApp;
let port: number;
let base: string;
const apps: StartedApp[] = [];
/** Every response header set seen in this file, checked for "Access-Control-Allow-Origin: *" at the end. */
const seen: { what: string; headers: Record<string, string | string[] | undefined> }[] = [];

async function start(env: Record<string, string>, dataDir?: string, log?: (level: string, message: string) => void): Promise<StartedApp> {
  const started = await startServer({
    config: loadConfig({ OFFLINE: '1', PORT: '0', DATA_DIR: dataDir ?? (await temp.make()), ...env }),
    bundledSnapshot: bundledFile,
    rendererDir,
    refreshOnStart: false,
    log,
  });
  apps.push(started);
  return started;
}

beforeAll(async () => {
  const dir = await temp.make();
  bundledFile = await writeFixtureSnapshot(dir, snapshotOf([...SST2_MODELS, ...WER_MODELS]));
  // A stand-in for the built UI: an HTML shell and one hashed asset.
  rendererDir = path.join(dir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/app/assets/index-AbC12345.js"></script></head><body></body></html>');
  writeFileSync(path.join(rendererDir, 'assets', 'index-AbC12345.js'), 'console.log("ui");');
  app = await start({});
  port = app.server.port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const a of apps) await a.close().catch(() => undefined);
  await temp.cleanup();
});

/** A request with exactly these headers (Host included), on a fresh socket. */
async function raw(headers: Record<string, string | undefined>, opts: { method?: string; path?: string; version?: '1.0' | '1.1'; body?: string; port?: number } = {}) {
  const lines = [`${opts.method ?? 'GET'} ${opts.path ?? '/health'} HTTP/${opts.version ?? '1.1'}`];
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) lines.push(`${k}: ${v}`);
  lines.push('Connection: close');
  if (opts.body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(opts.body)}`);
  const answer = await rawExchange(opts.port ?? port, `${lines.join('\r\n')}\r\n\r\n${opts.body ?? ''}`);
  const head = answer.slice(0, Math.max(0, answer.indexOf('\r\n\r\n')));
  const headerMap: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const at = line.indexOf(':');
    if (at > 0) headerMap[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  seen.push({ what: `${opts.method ?? 'GET'} ${opts.path ?? '/health'} ${JSON.stringify(headers)}`, headers: headerMap });
  return { status: rawStatus(answer), headers: headerMap, body: rawBody(answer) };
}

async function get(p: string, headers: Record<string, string> = {}, root = base, method = 'GET', body?: string): Promise<RawResponse> {
  const res = await request(`${root}${p}`, { method, headers, body });
  seen.push({ what: `${method} ${p} ${JSON.stringify(headers)}`, headers: res.headers });
  return res;
}

function expectDeniedJson(res: { status: number; body?: string; text?: string }, status: number) {
  expect(res.status).toBe(status);
  const text = res.text ?? res.body ?? '';
  expect(STACK_TRACE.test(text)).toBe(false);
  const json = JSON.parse(text.includes('\r\n0\r\n') ? text.split('\r\n')[1] : text);
  expect(typeof json.detail).toBe('string');
  expect(json.detail.length).toBeGreaterThan(0);
}

describe('binding', () => {
  it('binds to 127.0.0.1 when HOST is not set', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect((app.server.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(app.apiToken).toBeUndefined();
  });
});

describe('Host allow-list (DNS rebinding)', () => {
  it.each(['127.0.0.1:{port}', 'localhost:{port}', '[::1]:{port}', 'LOCALHOST:{port}'])('Host: %s → 200', async (host) => {
    const res = await raw({ Host: host.replace('{port}', String(port)) });
    expect(res.status).toBe(200);
  });

  it.each([
    '127.0.0.1:{other}',
    'localhost:{other}',
    'evil.com',
    'evil.com:{port}',
    '127.0.0.1',
    'localhost',
    '127.0.0.2:{port}',
    '0.0.0.0:{port}',
    'localhost.:{port}',
    '127.0.0.1.nip.io:{port}',
    'localhost:{port}@evil.com',
    '[::ffff:127.0.0.1]:{port}',
    '',
  ])('Host: %j → 403 with a JSON detail', async (host) => {
    const res = await raw({ Host: host.replaceAll('{port}', String(port)).replaceAll('{other}', String(port === 65535 ? port - 1 : port + 1)) });
    expectDeniedJson(res, 403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('no Host header at all (HTTP/1.0) → 403', async () => {
    const res = await raw({}, { version: '1.0' });
    expectDeniedJson(res, 403);
  });

  it('no Host header at all (HTTP/1.1) → refused (400 from the HTTP parser, or 403)', async () => {
    const res = await raw({});
    expect([400, 403]).toContain(res.status);
  });

  it('a refused Host reaches no procedure: POST /api/refresh with Host evil.com → 403', async () => {
    const res = await raw({ Host: `evil.com:${port}`, 'Content-Type': 'application/json' }, { method: 'POST', path: '/api/refresh', body: '{}' });
    expectDeniedJson(res, 403);
  });
});

describe('Origin allow-list (CORS)', () => {
  const host = () => `127.0.0.1:${port}`;

  it('no Origin (same-origin or non-browser client) → 200 without CORS headers', async () => {
    const res = await raw({ Host: host() });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([ALLOWED_ORIGIN, 'http://127.0.0.1:{port}', 'http://localhost:{port}'])('Origin: %s → 200, echoed exactly (never "*"), Vary: Origin', async (o) => {
    const origin = o.replace('{port}', String(port));
    const res = await raw({ Host: host(), Origin: origin });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
    expect(res.headers.vary ?? '').toMatch(/Origin/i);
  });

  it.each([
    'http://evil.com',
    'null',
    'http://localhost:5173.evil.com',
    'https://localhost:5173',
    'http://localhost:{other}',
    'http://127.0.0.1:{other}',
    'file://',
    'http://evil.com:{port}',
  ])('Origin: %s → 403, no CORS headers', async (o) => {
    const origin = o.replaceAll('{port}', String(port)).replaceAll('{other}', String(port + 1));
    const res = await raw({ Host: host(), Origin: origin });
    expectDeniedJson(res, 403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('preflight from a foreign origin → 403; from an allowed one → 204 with that origin', async () => {
    const headers = { Host: host(), 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' };
    const evil = await raw({ ...headers, Origin: 'http://evil.com' }, { method: 'OPTIONS', path: '/api/refresh' });
    expect(evil.status).toBe(403);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const ok = await raw({ ...headers, Origin: ALLOWED_ORIGIN }, { method: 'OPTIONS', path: '/api/refresh' });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
  });

  it('a cross-site POST from a foreign origin is refused before the body is read', async () => {
    const res = await raw({ Host: host(), Origin: 'http://evil.com', 'Content-Type': 'text/plain' }, { method: 'POST', path: '/api/refresh', body: '{}' });
    expectDeniedJson(res, 403);
    const trpc = await raw({ Host: host(), Origin: 'http://evil.com', 'Content-Type': 'application/x-www-form-urlencoded' }, { method: 'POST', path: '/trpc/refresh.start', body: 'a=1' });
    expectDeniedJson(trpc, 403);
  });
});

describe('Fetch Metadata (requests from other sites that send no Origin)', () => {
  const host = () => `127.0.0.1:${port}`;

  it.each([
    ['cross-site', '/api/benchmarks?force_refresh=true'],
    ['cross-site', '/api/benchmarks?include_synthetic=true'],
    ['same-site', '/api/benchmarks?force_refresh=true'],
    ['cross-site', '/app/'],
    ['cross-site', '/trpc/snapshot.export'],
  ])('Sec-Fetch-Site: %s GET %s without Origin (an <img>, a link, a no-cors fetch) → 403 naming Sec-Fetch-Site', async (site, p) => {
    const res = await raw({ Host: host(), 'Sec-Fetch-Site': site, 'Sec-Fetch-Mode': 'no-cors' }, { path: p });
    expectDeniedJson(res, 403);
    expect(JSON.parse(res.body).detail).toBe(`a ${site} request is refused (Sec-Fetch-Site: ${site}) unless its Origin is allowed (see CORS_ORIGINS); open the explorer from its own address`);
  });

  it('a cross-site request with a foreign Origin → 403; with an allowed Origin → 200', async () => {
    expectDeniedJson(await raw({ Host: host(), 'Sec-Fetch-Site': 'cross-site', Origin: 'http://evil.com' }), 403);
    const ok = await raw({ Host: host(), 'Sec-Fetch-Site': 'cross-site', Origin: ALLOWED_ORIGIN });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
  });

  it.each(['same-origin', 'none', undefined])('Sec-Fetch-Site: %s (the UI itself, a typed address, a non-browser client) → 200', async (site) => {
    const res = await raw({ Host: host(), 'Sec-Fetch-Site': site });
    expect(res.status).toBe(200);
  });

  it('GET /api/benchmarks?force_refresh=true from the same origin starts no refresh: POST /api/refresh is the only way', async () => {
    const res = await get('/api/benchmarks?force_refresh=true', { 'Sec-Fetch-Site': 'same-origin' });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ refresh_started: false, refresh_hint: expect.stringMatching(/^a GET starts no refresh: POST \/api\/refresh/) });
    expect(app.cache.status().refresh_in_progress).toBe(false);
  });
});

describe('API token when bound beyond loopback (HOST=0.0.0.0)', () => {
  let wide: StartedApp;
  let dataDir: string;
  let token: string;
  const logs: string[] = [];
  let root: string;

  beforeAll(async () => {
    dataDir = await temp.make();
    wide = await start({ HOST: '0.0.0.0' }, dataDir, (level, message) => logs.push(`${level}: ${message}`));
    token = wide.apiToken!;
    root = `http://127.0.0.1:${wide.server.port}`;
  });

  it('binds 0.0.0.0 and generates a token on first start, stored in DATA_DIR/api-token with mode 0600', () => {
    expect((wide.server.server.address() as AddressInfo).address).toBe('0.0.0.0');
    expect(typeof token).toBe('string');
    expect(token.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, API_TOKEN_FILE);
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('the startup log says a token is required and where it is, without printing the token', () => {
    const line = logs.find((l) => /token/i.test(l) && l.includes(path.join(dataDir, API_TOKEN_FILE)));
    expect(line, JSON.stringify(logs)).toBeDefined();
    expect(line).toMatch(/Authorization|Bearer/);
    expect(logs.some((l) => l.includes(token)), 'the token itself is never logged').toBe(false);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer wrong-token-wrong-token-wrong-token-wrong'],
    ['the token with a suffix', 'Bearer {token}x'],
    ['the token as Basic auth', 'Basic {token}'],
    ['the token without a scheme', '{token}'],
    ['an empty Bearer', 'Bearer '],
  ])('%s → 401 with WWW-Authenticate: Bearer', async (_label, auth) => {
    const headers: Record<string, string> = {};
    if (auth !== undefined) headers.Authorization = auth.replace('{token}', token);
    const res = await get('/health', headers, root);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.json().detail).toMatch(/token/i);
    expect(res.text).not.toContain(token);
  });

  it('the token in the query string is not accepted → 401', async () => {
    expect((await get(`/health?token=${token}&access_token=${token}`, {}, root)).status).toBe(401);
  });

  it.each(['/health', '/api/models?limit=1', '/openapi.json', '/docs', '/api/cache-status'])('GET %s: 401 without the token, 200 with it', async (p) => {
    expect((await get(p, {}, root)).status).toBe(401);
    expect((await get(p, { Authorization: `Bearer ${token}` }, root)).status).toBe(200);
  });

  it('the scheme is case-insensitive ("bearer <token>") → 200', async () => {
    expect((await get('/health', { Authorization: `bearer ${token}` }, root)).status).toBe(200);
  });

  it('the Host allow-list still applies with a valid token: Host evil.com → 403', async () => {
    const res = await raw({ Host: `evil.com:${wide.server.port}`, Authorization: `Bearer ${token}` }, { port: wide.server.port });
    expect(res.status).toBe(403);
  });

  it('a restart reuses the same token and keeps the file at 0600', async () => {
    const again = await start({ HOST: '0.0.0.0' }, dataDir);
    expect(again.apiToken).toBe(token);
    expect(statSync(path.join(dataDir, API_TOKEN_FILE)).mode & 0o777).toBe(0o600);
    await again.close();
  });

  it('an existing token file readable by others (0644) is tightened to 0600 at start', async () => {
    const dir = await temp.make();
    const file = path.join(dir, API_TOKEN_FILE);
    const existing = 'x'.repeat(40);
    writeFileSync(file, `${existing}\n`);
    chmodSync(file, 0o644);
    const s = await start({ HOST: '0.0.0.0' }, dir);
    expect(s.apiToken).toBe(existing);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await s.close();
  });

  it('a too-short token file is replaced by a fresh token (0600)', async () => {
    const dir = await temp.make();
    const file = path.join(dir, API_TOKEN_FILE);
    writeFileSync(file, 'short\n', { mode: 0o644 });
    const s = await start({ HOST: '0.0.0.0' }, dir);
    expect(s.apiToken).not.toBe('short');
    expect(s.apiToken!.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(s.apiToken);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await s.close();
  });

  it('API_TOKEN from the environment is used instead, and no token file is written', async () => {
    const dir = await temp.make();
    const s = await start({ HOST: '0.0.0.0', API_TOKEN: 'env-token-env-token-env-token-1234' }, dir);
    const r = `http://127.0.0.1:${s.server.port}`;
    expect((await get('/health', {}, r)).status).toBe(401);
    expect((await get('/health', { Authorization: 'Bearer env-token-env-token-env-token-1234' }, r)).status).toBe(200);
    expect(existsSync(path.join(dir, API_TOKEN_FILE))).toBe(false);
    await s.close();
  });
});

describe('browser sign-in when bound beyond loopback (HOST=0.0.0.0)', () => {
  let wide: StartedApp;
  let root: string;
  const cookieOf = (res: RawResponse) => String(res.headers['set-cookie']?.[0] ?? '').split(';')[0];

  beforeAll(async () => {
    wide = await start({ HOST: '0.0.0.0' });
    root = `http://127.0.0.1:${wide.server.port}`;
  });

  it('lists the reachable addresses and a one-time sign-in address for each, without the token', () => {
    expect(wide.reachableUrls).toContain(root);
    expect(wide.loginUrls).toHaveLength(wide.reachableUrls!.length);
    for (const u of wide.loginUrls!) {
      expect(u).toMatch(/^http:\/\/[^/]+:\d+\/login\?code=[\w-]{32}$/);
      expect(u).not.toContain(wide.apiToken!);
    }
  });

  it('the UI and docs are refused (401) to a browser that has not signed in', async () => {
    for (const p of ['/app/', '/docs', '/trpc/meta.health']) expect((await get(p, {}, root)).status, p).toBe(401);
  });

  it('the one-time address sets an HttpOnly, SameSite=Strict cookie and sends the browser to /app/; the cookie opens the UI, docs and API', async () => {
    const login = await get(new URL(wide.loginUrls![0]).pathname + new URL(wide.loginUrls![0]).search, { 'Sec-Fetch-Site': 'none' }, root);
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/app/');
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/^mbe_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/);
    expect(setCookie).not.toContain(wide.apiToken!);
    const cookie = cookieOf(login);
    for (const p of ['/app/', '/docs', '/openapi.json', '/health', '/trpc/meta.health']) {
      expect((await get(p, { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' }, root)).status, p).toBe(200);
    }
    // The same code again: used up.
    const again = await get(new URL(wide.loginUrls![0]).pathname + new URL(wide.loginUrls![0]).search, {}, root);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('/login?token=<API token> signs in too and keeps a local next path; a wrong token, a forged cookie or another site get nothing', async () => {
    const ok = await get(`/login?token=${wide.apiToken}&next=${encodeURIComponent('/docs')}`, {}, root);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/docs');
    const offsite = await get(`/login?token=${wide.apiToken}&next=${encodeURIComponent('//evil.com/x')}`, {}, root);
    expect(offsite.headers.location).toBe('/app/');
    const wrong = await get('/login?token=not-the-token', {}, root);
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect((await get('/health', { Cookie: 'mbe_session=forged-forged-forged-forged-forged-forged-forg' }, root)).status).toBe(401);
    // A page on another site cannot use the cookie (SameSite=Strict keeps it home; the guard refuses the rest).
    expect((await get('/api/benchmarks', { Cookie: cookieOf(ok), 'Sec-Fetch-Site': 'cross-site' }, root)).status).toBe(403);
    expect((await get(`/login?token=${wide.apiToken}`, { 'Sec-Fetch-Site': 'cross-site' }, root)).status).toBe(403);
  });

  it('a restart with a new API token ends the sessions of the old one', async () => {
    const other = await start({ HOST: '0.0.0.0', API_TOKEN: 'another-token-another-token-another' });
    const login = await get(`/login?token=${wide.apiToken}`, {}, root);
    const otherRoot = `http://127.0.0.1:${other.server.port}`;
    expect((await get('/health', { Cookie: cookieOf(login) }, otherRoot)).status).toBe(401);
  });
});

describe('response headers', () => {
  const PAGES: { p: string; method?: string; headers?: Record<string, string>; body?: string; status: number; html?: boolean }[] = [
    { p: '/', status: 200 },
    { p: '/health', status: 200 },
    { p: '/api/benchmarks', status: 200 },
    { p: '/api/benchmarks', headers: { 'Accept-Encoding': 'br' }, status: 200 },
    { p: '/api/models?limit=1', status: 200 },
    { p: '/api/models?limit=abc', status: 400 },
    { p: '/api/models/nope%2Fnope', status: 404 },
    { p: '/nope', status: 404 },
    { p: '/openapi.json', status: 200 },
    { p: '/trpc/meta.health', status: 200 },
    { p: '/trpc/models.list?input=junk', status: 400 },
    { p: '/api/refresh', method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}', status: 415 },
    { p: '/api/refresh', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `"${'x'.repeat(1_100_000)}"`, status: 413 },
    { p: '/api/refresh', method: 'OPTIONS', headers: { Origin: ALLOWED_ORIGIN }, status: 204 },
    { p: '/health', headers: { Origin: 'http://evil.com' }, status: 403 },
    { p: '/docs', status: 200, html: true },
    { p: '/docs/', status: 200, html: true },
    { p: '/docs/init.js', status: 200 },
    { p: '/redoc', status: 200, html: true },
    { p: '/app/', status: 200, html: true },
    { p: '/app/leaderboards/some-route', status: 200, html: true },
    { p: '/app/assets/index-AbC12345.js', status: 200 },
    { p: '/app', status: 308 },
  ];

  it.each(PAGES)('$method $p → $status: nosniff, no Server / X-Powered-By banner', async ({ p, method, headers, body, status }) => {
    const res = await get(p, headers ?? {}, base, method ?? 'GET', body);
    expect(res.status, res.text.slice(0, 200)).toBe(status);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers.server).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it.each(PAGES.filter((x) => x.html))('$p (HTML) carries a Content-Security-Policy that allows no inline script and no framing', async ({ p }) => {
    const res = await get(p);
    expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
    const csp = String(res.headers['content-security-policy'] ?? '');
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(script).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('denied requests (403, 401) carry nosniff too', async () => {
    const denied = await raw({ Host: 'evil.com' });
    expect(denied.headers['x-content-type-options']).toBe('nosniff');
    expect(denied.headers.server).toBeUndefined();
  });

  it('no response in this file carried "Access-Control-Allow-Origin: *" (or any origin other than the one asked for)', () => {
    expect(seen.length).toBeGreaterThan(50);
    const bad = seen.filter(({ headers }) => {
      const acao = headers['access-control-allow-origin'];
      return acao !== undefined && (acao === '*' || ![ALLOWED_ORIGIN, `http://127.0.0.1:${port}`, `http://localhost:${port}`].includes(String(acao)));
    });
    expect(bad.map((b) => b.what)).toEqual([]);
  });
});
