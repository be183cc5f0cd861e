// The Hub client against the fake Hub over real HTTP: paging, headers, retries, rate limits, budget, abort.
import { describe, expect, it, vi } from 'vitest';
import { createHubClient, HUB_MODEL_EXPAND, type HubClientOptions, type HubWait, type ListPageInfo } from '../../src/hub/createHubClient.js';
import { HubModelNotFoundError, HubResponseError, UpstreamError } from '../../src/hub/hubErrors.js';
import type { HubModel } from '../../src/schemas/hubSchemas.js';
import { createFakeClock, makeHubModels, startFakeHub, type FakeClock, type FakeHub } from '../support/fakeHub.js';
import { hubClientFor, useFakeHub } from '../support/useFakeHub.js';

const TC = 'text-classification';
const TASKS = [TC, 'image-classification', 'text-generation'];
// 30 models per task; pages of 10.
const MODELS = makeHubModels({ count: 90, tasks: TASKS, seed: 11 });

const byDownloads = (task: string) =>
  MODELS.filter((m) => m.pipeline_tag === task).sort((a, b) => (b.downloads ?? 0) - (a.downloads ?? 0) || (a.id < b.id ? -1 : 1));

let hub: FakeHub;
let clock: FakeClock;
useFakeHub({ models: MODELS, pageSize: 10 }, (h, c) => {
  hub = h;
  clock = c;
});

const client = (options: Partial<HubClientOptions> = {}) => hubClientFor(hub, clock, options);

const listRequests = () => hub.requests.filter((r) => r.path === '/api/models');

describe('createHubClient', () => {
  describe('listModels', () => {
    it('follows Link headers across pages up to the limit, most downloaded first, without duplicates', async () => {
      const pages: ListPageInfo[] = [];
      const models = await client().listModels(TC, { limit: 25, onPage: (p) => pages.push(p) });

      expect(models.map((m) => m.id)).toEqual(byDownloads(TC).slice(0, 25).map((m) => m.id));
      expect(new Set(models.map((m) => m.id)).size).toBe(25);
      expect(pages).toEqual([
        { page: 1, models: 10, invalid: 0 },
        { page: 2, models: 20, invalid: 0 },
        { page: 3, models: 25, invalid: 0, stopReason: 'limit' },
      ]);
      const requests = listRequests();
      expect(requests).toHaveLength(3);
      expect(requests[0].query.has('cursor')).toBe(false);
      expect(requests[1].query.get('cursor')).toBeTruthy();
      expect(requests[2].query.get('cursor')).not.toBe(requests[1].query.get('cursor'));
    });

    it('stops after the last page when the task has fewer models than the limit', async () => {
      const pages: ListPageInfo[] = [];
      const models = await client().listModels(TC, { limit: 1_000, onPage: (p) => pages.push(p) });
      expect(models).toHaveLength(30);
      expect(pages.at(-1)).toEqual({ page: 3, models: 30, invalid: 0, stopReason: 'last-page' });
    });

    it('asks for the task sorted by downloads with every expand field and never full/cardData/config', async () => {
      const models = await client().listModels('text-generation', { limit: 1_000 });
      const query = listRequests()[0].query;
      expect(query.get('pipeline_tag')).toBe('text-generation');
      expect(query.get('sort')).toBe('downloads');
      expect(query.get('direction')).toBe('-1');
      expect(query.get('limit')).toBe('500');
      expect(query.getAll('expand')).toEqual([...HUB_MODEL_EXPAND]);
      for (const key of ['full', 'cardData', 'config']) expect(query.has(key)).toBe(false);
      // The expanded fields arrive, model-index at the top level too.
      const withIndex = models.find((m) => m['model-index'] !== undefined);
      expect(withIndex?.cardData).toBeDefined();
      expect(models.every((m) => typeof m.downloads === 'number' && typeof m.createdAt === 'string')).toBe(true);
    });

    it('sends the token as a bearer and identifies itself', async () => {
      await client({ token: 'hf_test_token', userAgent: 'bench-explorer-test' }).listModels(TC, { limit: 15 });
      for (const r of hub.requests) {
        expect(r.authorization).toBe('Bearer hf_test_token');
        expect(r.userAgent).toBe('bench-explorer-test');
      }
    });

    it('sends no authorization header without a token', async () => {
      await client().listModels(TC, { limit: 5 });
      expect(hub.requests[0].authorization).toBeUndefined();
    });

    it('keeps the token from another origin named by a next link', async () => {
      const other = await startFakeHub({ models: MODELS, pageSize: 10 });
      const linking = await startFakeHub({ models: MODELS, pageSize: 10, linkBase: other.url });
      try {
        const models = await client({ endpoint: linking.url, token: 'hf_secret' }).listModels(TC, { limit: 20 });
        expect(models).toHaveLength(20);
        expect(linking.requests[0].authorization).toBe('Bearer hf_secret');
        expect(other.requests).toHaveLength(1);
        expect(other.requests[0].authorization).toBeUndefined();
      } finally {
        await Promise.all([other.close(), linking.close()]);
      }
    });

    it('waits the t= seconds of the RateLimit header after a 429, then succeeds', async () => {
      hub.setFaults({ rateLimit: { times: 2, resetSeconds: 7 } });
      const waits: HubWait[] = [];
      const c = client({ onWait: (w) => waits.push(w) });
      const models = await c.listModels(TC, { limit: 15 });

      expect(models).toHaveLength(15);
      expect(hub.requests.map((r) => r.status)).toEqual([429, 429, 200, 200]);
      expect(clock.sleeps).toEqual([7_000, 7_000]);
      expect(waits.map((w) => [w.reason, w.waitMs])).toEqual([
        ['rate-limit', 7_000],
        ['rate-limit', 7_000],
      ]);
      expect(c.stats()).toMatchObject({ requests: 4, retries: 2, rateLimitWaits: 2, rateLimitWaitMs: 14_000, budgetWaits: 0 });
    });

    it('honours Retry-After when the RateLimit header is missing', async () => {
      hub.setFaults({ retryAfter: { times: 1, seconds: 3 } });
      const models = await client().listModels(TC, { limit: 5 });
      expect(models).toHaveLength(5);
      expect(clock.sleeps).toEqual([3_000]);
    });

    it('caps a rate-limit wait at maxRetryWaitMs', async () => {
      hub.setFaults({ rateLimit: { times: 1, resetSeconds: 300 } });
      const c = client({ maxRetryWaitMs: 2_000 });
      await c.listModels(TC, { limit: 5 });
      expect(clock.sleeps).toEqual([2_000]);
      expect(c.stats().rateLimitWaitMs).toBe(2_000);
    });

    it('retries 5xx answers with exponential backoff, then succeeds', async () => {
      hub.setFaults({ serverError: { times: 3, status: 503 } });
      const c = client();
      const models = await c.listModels(TC, { limit: 10 });
      expect(models).toHaveLength(10);
      expect(hub.requests.map((r) => r.status)).toEqual([503, 503, 503, 200]);
      expect(clock.sleeps).toEqual([1_000, 2_000, 4_000]);
      expect(c.stats()).toMatchObject({ requests: 4, retries: 3, rateLimitWaits: 0 });
    });

    it('retries a failing page in the middle of a listing', async () => {
      hub.setFaults({ serverError: { times: 1, after: 1, status: 502 } });
      const models = await client().listModels(TC, { limit: 30 });
      expect(models.map((m) => m.id)).toEqual(byDownloads(TC).map((m) => m.id));
      expect(hub.requests.map((r) => r.status)).toEqual([200, 502, 200, 200]);
    });

    it('gives up with an UpstreamError naming the status once retries are exhausted', async () => {
      hub.setFaults({ serverError: { times: 100, status: 500 } });
      const error = await client({ retries: 2 }).listModels(TC, { limit: 10 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ status: 500 });
      expect((error as Error).message).toContain('HTTP 500');
      expect((error as Error).message).toContain('3 attempts');
      expect(hub.requestCount()).toBe(3);
    });

    it('retries a stalled body after the request timeout', async () => {
      hub.setFaults({ stall: { times: 1 } });
      const c = client({ timeoutMs: 150 });
      const models = await c.listModels(TC, { limit: 10 });
      expect(models).toHaveLength(10);
      expect(hub.requests.map((r) => r.fault)).toEqual(['stall', undefined]);
      expect(c.stats().retries).toBe(1);
    });

    it('retries connection resets', async () => {
      hub.setFaults({ reset: { times: 2 } });
      const c = client();
      const models = await c.listModels(TC, { limit: 10 });
      expect(models).toHaveLength(10);
      expect(hub.requests.map((r) => r.fault)).toEqual(['reset', 'reset', undefined]);
      expect(c.stats().retries).toBe(2);
    });

    it('reports an unreachable Hub with the network error code once retries are exhausted', async () => {
      const gone = await startFakeHub();
      await gone.close();
      const error = await client({ endpoint: gone.url, retries: 1 }).listModels(TC, { limit: 5 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ code: 'ECONNREFUSED', status: undefined });
      expect(clock.sleeps).toEqual([1_000]);
    });

    it('retries a truncated JSON body once', async () => {
      hub.setFaults({ truncatedJson: { times: 1 } });
      const models = await client().listModels(TC, { limit: 10 });
      expect(models).toHaveLength(10);
      expect(hub.requestCount()).toBe(2);
    });

    it('fails with a HubResponseError when the body is malformed twice', async () => {
      hub.setFaults({ truncatedJson: { times: 5 } });
      const error = await client().listModels(TC, { limit: 10 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubResponseError);
      expect((error as Error).message).toContain('malformed JSON');
      expect(hub.requestCount()).toBe(2);
    });

    it('fails with a HubResponseError when the body is not a list, after one retry', async () => {
      hub.setFaults({ nonArray: { times: 5 } });
      const error = await client().listModels(TC, { limit: 10 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubResponseError);
      expect((error as Error).message).toContain('instead of a list of models');
      expect(hub.requestCount()).toBe(2);
    });

    it('stops without a request when a next link points to a page already fetched', async () => {
      hub.setFaults({ loop: { fromPage: 3, toPage: 2 } });
      hub.setModels(MODELS.concat(makeHubModels({ count: 30, tasks: [TC], seed: 12 })));
      const pages: ListPageInfo[] = [];
      const c = client();
      const models = await c.listModels(TC, { limit: 1_000, onPage: (p) => pages.push(p) });
      expect(models).toHaveLength(30);
      expect(listRequests()).toHaveLength(3);
      expect(pages.at(-1)?.stopReason).toBe('pagination-loop');
      expect(c.stats().paginationLoops).toBe(1);
    });

    it('stops when a page brings nothing new (a loop through a fresh cursor)', async () => {
      hub.setFaults({ loop: { fromPage: 2, toPage: 1 } });
      const pages: ListPageInfo[] = [];
      const models = await client().listModels(TC, { limit: 1_000, onPage: (p) => pages.push(p) });
      expect(models.map((m) => m.id)).toEqual(byDownloads(TC).slice(0, 20).map((m) => m.id));
      expect(listRequests()).toHaveLength(3);
      expect(pages.at(-1)).toEqual({ page: 3, models: 20, invalid: 0, stopReason: 'pagination-loop' });
    });

    it('skips and counts items that do not match HubModelSchema', async () => {
      hub.setFaults({ invalidItems: { every: 4 } });
      const pages: ListPageInfo[] = [];
      const c = client();
      const models = await c.listModels(TC, { limit: 1_000, onPage: (p) => pages.push(p) });
      expect(models).toHaveLength(23);
      expect(pages.at(-1)).toMatchObject({ models: 23, invalid: 7 });
      expect(c.stats().invalidModels).toBe(7);
    });

    it('passes malformed model-index entries through for the enrich stage to judge', async () => {
      hub.setFaults({ malformedModelIndex: { every: 2 } });
      const models = await client().listModels(TC, { limit: 10 });
      expect(models).toHaveLength(10);
      expect(models[1]['model-index']).toEqual([{ name: models[1].id }]);
      expect(models[5]['model-index']).toBe('see the paper');
    });

    it('waits for the next window instead of exceeding the request budget', async () => {
      const windowMs = 300_000;
      const shared = createFakeClock();
      // The fake Hub enforces the same quota: a single 429 would show the budget failed.
      const quotaHub = await startFakeHub({ models: MODELS, pageSize: 6, now: shared.now, faults: { quota: { limit: 3, windowMs } } });
      try {
        const waits: HubWait[] = [];
        const c = createHubClient({ endpoint: quotaHub.url, requestBudget: { limit: 3, windowMs }, now: shared.now, sleep: shared.sleep, onWait: (w) => waits.push(w) });
        const models = await c.listModels(TC, { limit: 30 });

        expect(models).toHaveLength(30);
        expect(quotaHub.requests).toHaveLength(5);
        expect(quotaHub.requests.every((r) => r.status === 200)).toBe(true);
        expect(shared.sleeps).toEqual([windowMs + 2_000]); // + the 2 s latency margin (1 % of the window, capped)
        expect(waits).toEqual([expect.objectContaining({ reason: 'budget', waitMs: windowMs + 2_000 })]);
        expect(c.stats()).toMatchObject({ requests: 5, budgetWaits: 1, budgetWaitMs: windowMs + 2_000, rateLimitWaits: 0 });
        const perWindow = countBy(quotaHub.requests.map((r) => Math.floor(r.at / windowMs)));
        expect(perWindow).toEqual({ 0: 3, 1: 2 });
      } finally {
        await quotaHub.close();
      }
    });

    it('counts retries against the request budget', async () => {
      hub.setFaults({ serverError: { times: 1 } });
      const c = client({ requestBudget: { limit: 3, windowMs: 300_000 } });
      await c.listModels(TC, { limit: 30 });
      // 500, retry after 1 s, page 1, page 2 use the window; page 3 waits for the next one.
      expect(clock.sleeps).toEqual([1_000, 301_000]); // backoff, then the window from the first send + 2 s margin
      expect(c.stats()).toMatchObject({ requests: 4, retries: 1, budgetWaits: 1 });
    });

    it('rejects with an AbortError while a request is in flight', async () => {
      hub.setFaults({ latencyMs: 10_000 });
      const controller = new AbortController();
      const pending = client().listModels(TC, { limit: 10, signal: controller.signal });
      await vi.waitFor(() => expect(hub.requestCount()).toBe(1));
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    });

    it('rejects with an AbortError during a rate-limit wait (real timer)', async () => {
      hub.setFaults({ rateLimit: { times: 1, resetSeconds: 60 } });
      const controller = new AbortController();
      const c = createHubClient({ endpoint: hub.url, onWait: () => controller.abort() });
      await expect(c.listModels(TC, { limit: 10, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
      expect(hub.requestCount()).toBe(1);
    });

    it('sends nothing when the signal is already aborted', async () => {
      await expect(client().listModels(TC, { limit: 10, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
      expect(hub.requestCount()).toBe(0);
    });

    it('rejects a limit that is not a positive integer', async () => {
      await expect(client().listModels(TC, { limit: 0 })).rejects.toThrow(/listModels: limit/);
      await expect(client().listModels('', { limit: 5 })).rejects.toThrow(/listModels: task/);
    });
  });

  describe('getModel', () => {
    it('fetches one model by id, keeping the slash, with the same expand fields', async () => {
      const wanted = MODELS[4];
      const model = await client().getModel(wanted.id);
      expect(model.id).toBe(wanted.id);
      expect(model.safetensors ?? model.gguf).toEqual(wanted.safetensors ?? wanted.gguf);
      expect(hub.requests[0].path).toBe(`/api/models/${wanted.id}`);
      expect(hub.requests[0].query.getAll('expand')).toEqual([...HUB_MODEL_EXPAND]);
    });

    it('encodes each segment of the id', async () => {
      const odd: HubModel = { id: 'some org/model#1', pipeline_tag: TC, downloads: 1 };
      hub.setModels([...MODELS, odd]);
      const model = await client().getModel(odd.id);
      expect(model.id).toBe(odd.id);
      expect(hub.requests[0].path).toBe('/api/models/some%20org/model%231');
    });

    it('throws HubModelNotFoundError for an unknown model without retrying', async () => {
      const error = await client().getModel('nobody/nothing').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubModelNotFoundError);
      expect(error).toMatchObject({ status: 404, modelId: 'nobody/nothing' });
      expect(hub.requestCount()).toBe(1);
    });

    it('rejects ids with empty or dot segments before any request', async () => {
      await expect(client().getModel('org/../admin')).rejects.toThrow(TypeError);
      await expect(client().getModel('/x')).rejects.toThrow(TypeError);
      expect(hub.requestCount()).toBe(0);
    });
  });

  describe('concurrency', () => {
    it('never has more requests in flight than the concurrency option', async () => {
      hub.setFaults({ latencyMs: 40 });
      const c = client({ concurrency: 2 });
      const ids = MODELS.slice(0, 7).map((m) => m.id);
      const models = await Promise.all(ids.map((id) => c.getModel(id)));
      expect(models.map((m) => m.id)).toEqual(ids);
      expect(hub.maxInFlight()).toBe(2);
    });
  });

  describe('options', () => {
    it('rejects an endpoint that is not an http(s) URL', () => {
      expect(() => createHubClient({ endpoint: 'not a url' })).toThrow(/endpoint/);
      expect(() => createHubClient({ endpoint: 'ftp://example.org' })).toThrow(/http/);
      expect(() => createHubClient({ endpoint: hub.url, concurrency: 0 })).toThrow(/max/);
      expect(() => createHubClient({ endpoint: hub.url, requestBudget: { limit: 0, windowMs: 1 } })).toThrow(/limit/);
    });
  });
});

function countBy(keys: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}
