// The fake Hub speaks the Hub's shapes (checked with plain fetch, not our client) and the generator is seeded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TASKS, HUB_PLACEHOLDER_CREATED_AT, HubModelSchema, type HubModel } from '../../src/schemas/hubSchemas.js';
import { createFakeClock, generateHubModels, makeHubModels, startFakeHub, type FakeHub } from './fakeHub.js';

type ModelIndex = { name: string; results: { task: { type: string }; dataset: { type: string; name: string }; metrics: { type: string; value: unknown; verified?: boolean }[] }[] }[];
const modelIndexOf = (m: HubModel) => (m.cardData as { 'model-index'?: ModelIndex } | undefined)?.['model-index'];
const metricsOf = (models: HubModel[]) =>
  models.flatMap((m) => (modelIndexOf(m) ?? []).flatMap((e) => e.results.flatMap((r) => r.metrics.map((metric) => ({ model: m, dataset: r.dataset.type, ...metric })))));

describe('makeHubModels', () => {
  const models = makeHubModels({ count: 2_000, seed: 42 });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(makeHubModels({ count: 50, seed: 42 })).toEqual(models.slice(0, 50));
    expect(makeHubModels({ count: 50, seed: 43 }).map((m) => m.id)).not.toEqual(models.slice(0, 50).map((m) => m.id));
  });

  it('streams the same models from generateHubModels', () => {
    expect([...generateHubModels({ count: 30, seed: 42 })]).toEqual(models.slice(0, 30));
  });

  it('makes unique "org/name" ids that all match HubModelSchema', () => {
    expect(new Set(models.map((m) => m.id)).size).toBe(models.length);
    expect(models.every((m) => /^[\w.-]+\/[\w.-]+$/.test(m.id))).toBe(true);
    expect(models.filter((m) => !HubModelSchema.safeParse(m).success)).toEqual([]);
  });

  it('spreads models over the default tasks round-robin', () => {
    expect(models.slice(0, DEFAULT_TASKS.length).map((m) => m.pipeline_tag)).toEqual([...DEFAULT_TASKS]);
    const custom = makeHubModels({ count: 4, tasks: ['fill-mask', 'text-generation'], seed: 1 });
    expect(custom.map((m) => m.pipeline_tag)).toEqual(['fill-mask', 'text-generation', 'fill-mask', 'text-generation']);
    expect(custom.every((m) => HubModelSchema.safeParse(m).success)).toBe(true);
  });

  it('includes the awkward cases real data has', () => {
    const ggufOnly = models.filter((m) => m.gguf && !m.safetensors);
    expect(ggufOnly.length).toBeGreaterThan(0);
    expect(ggufOnly.every((m) => typeof (m.gguf as { total: number }).total === 'number')).toBe(true);
    expect(models.some((m) => m.createdAt === HUB_PLACEHOLDER_CREATED_AT)).toBe(true);
    expect(models.some((m) => modelIndexOf(m) === undefined)).toBe(true);
    const safetensors = models.find((m) => m.safetensors)!.safetensors as { parameters: Record<string, number>; total: number };
    expect(Object.values(safetensors.parameters)[0]).toBe(safetensors.total);

    const metrics = metricsOf(models);
    expect(metrics.some((m) => typeof m.value === 'string' && /^\d+\.\d ± \d+\.\d$/.test(m.value))).toBe(true);
    expect(metrics.some((m) => typeof m.value === 'string' && /^\d+\.\d%$/.test(m.value))).toBe(true);
    expect(metrics.some((m) => m.verified === true)).toBe(true);
    expect(metrics.filter((m) => typeof m.value === 'number').length / metrics.length).toBeGreaterThan(0.8);
  });

  it('uses datasets and metrics that fit each task', () => {
    const metrics = metricsOf(models);
    const pairs = (task: string) => new Set(metrics.filter((m) => m.model.pipeline_tag === task).map((m) => `${m.dataset}:${m.type}`));
    expect(pairs('text-classification')).toContain('glue:accuracy');
    expect(pairs('text-classification')).toContain('glue:f1');
    expect(pairs('automatic-speech-recognition')).toContain('librispeech_asr:wer');
    expect(pairs('text-generation')).toContain('ai2_arc:acc_norm');
    expect(pairs('text-generation')).toContain('cais/mmlu:acc');
    expect(pairs('summarization')).toContain('cnn_dailymail:rouge1');
    expect(pairs('summarization')).toContain('cnn_dailymail:rougeL');
    expect(pairs('translation')).toContain('wmt16:bleu');
    expect(pairs('object-detection')).toContain('coco:mAP');
    expect(pairs('question-answering')).toContain('squad:exact_match');
    expect(pairs('question-answering')).toContain('squad:f1');
    const imagenet = metrics.filter((m) => m.dataset === 'imagenet-1k' && typeof m.value === 'number').map((m) => m.value as number);
    expect(imagenet.length).toBeGreaterThan(0);
    expect(imagenet.every((v) => v > 50 && v < 100)).toBe(true);
  });
});

describe('startFakeHub', () => {
  const MODELS = makeHubModels({ count: 40, tasks: ['text-classification', 'translation'], seed: 9 });
  let hub: FakeHub;

  beforeAll(async () => {
    hub = await startFakeHub({ models: MODELS, pageSize: 7 });
  });
  afterAll(async () => {
    await hub.close();
  });
  beforeEach(() => {
    hub.setFaults({});
    hub.clearRequests();
  });

  const get = (path: string) => fetch(`${hub.url}${path}`);

  it('lists a task most downloaded first, in pages linked by an absolute next url with a cursor', async () => {
    const first = await get('/api/models?pipeline_tag=translation&sort=downloads&direction=-1&limit=5');
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as HubModel[];
    expect(page1).toHaveLength(5);
    const link = first.headers.get('link')!;
    const next = /^<([^>]+)>; rel="next"$/.exec(link)?.[1];
    expect(next?.startsWith(`${hub.url}/api/models?`)).toBe(true);
    expect(new URL(next!).searchParams.get('cursor')).toBeTruthy();

    const all: HubModel[] = [...page1];
    for (let url = next; url; ) {
      const res = await fetch(url);
      all.push(...((await res.json()) as HubModel[]));
      url = /^<([^>]+)>/.exec(res.headers.get('link') ?? '')?.[1];
    }
    const expected = MODELS.filter((m) => m.pipeline_tag === 'translation').sort((a, b) => (b.downloads ?? 0) - (a.downloads ?? 0) || (a.id < b.id ? -1 : 1));
    expect(all.map((m) => m.id)).toEqual(expected.map((m) => m.id));
  });

  it('caps the page at its page size', async () => {
    const res = await get('/api/models?pipeline_tag=translation&limit=500');
    expect(((await res.json()) as unknown[]).length).toBe(7);
  });

  it('returns only the expanded fields, with model-index at the top level when asked', async () => {
    const res = await get('/api/models?pipeline_tag=text-classification&limit=40&expand=downloads&expand=model-index');
    const items = (await res.json()) as Record<string, unknown>[];
    for (const item of items) {
      expect(Object.keys(item).every((k) => ['_id', 'id', 'downloads', 'model-index'].includes(k))).toBe(true);
      const source = MODELS.find((m) => m.id === item.id)!;
      expect(item['model-index']).toEqual(modelIndexOf(source));
    }
    expect(items.some((i) => 'model-index' in i)).toBe(true);
  });

  it('answers the default listing shape without expand', async () => {
    const [item] = (await (await get('/api/models?pipeline_tag=translation&limit=1')).json()) as Record<string, unknown>[];
    const allowed = ['_id', 'id', 'likes', 'private', 'downloads', 'tags', 'pipeline_tag', 'library_name', 'createdAt', 'modelId'];
    expect(Object.keys(item).filter((k) => !allowed.includes(k))).toEqual([]);
    expect(item).toMatchObject({ id: expect.any(String), modelId: item.id, downloads: expect.any(Number), pipeline_tag: 'translation' });
    expect(item).not.toHaveProperty('cardData');
    expect(item).not.toHaveProperty('model-index');
  });

  it('refuses expand mixed with full, cardData or config, as the Hub does', async () => {
    const res = await get('/api/models?pipeline_tag=translation&expand=downloads&full=true');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringContaining('expand') });
  });

  it('serves one model by id and answers 404 Repository not found for unknown ids', async () => {
    const wanted = MODELS[3];
    const found = await get(`/api/models/${wanted.id}?expand=safetensors&expand=gguf`);
    expect(await found.json()).toEqual({ _id: wanted._id, id: wanted.id, ...(wanted.safetensors ? { safetensors: wanted.safetensors } : {}), ...(wanted.gguf ? { gguf: wanted.gguf } : {}) });
    const missing = await get('/api/models/nobody/nothing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-error-code')).toBe('RepoNotFound');
    expect(await missing.json()).toEqual({ error: 'Repository not found' });
  });

  it('sends the Hub rate-limit headers with a 429, then recovers', async () => {
    hub.setFaults({ rateLimit: { times: 1, resetSeconds: 17 } });
    const limited = await get('/api/models?pipeline_tag=translation');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit')).toBe('"api";r=0;t=17');
    expect(limited.headers.get('ratelimit-policy')).toBe('"fixed window";"api";q=500;w=300');
    expect((await get('/api/models?pipeline_tag=translation')).status).toBe(200);
    expect(hub.requests.map((r) => [r.status, r.fault])).toEqual([
      [429, 'rateLimit'],
      [200, undefined],
    ]);
  });

  it('sends Retry-After, server errors, truncated JSON and non-list bodies on demand', async () => {
    hub.setFaults({ retryAfter: { times: 1, seconds: 4 } });
    const retry = await get('/api/models?pipeline_tag=translation');
    expect([retry.status, retry.headers.get('retry-after'), retry.headers.get('ratelimit')]).toEqual([429, '4', null]);

    hub.setFaults({ serverError: { times: 1, status: 502 } });
    expect((await get('/api/models?pipeline_tag=translation')).status).toBe(502);

    hub.setFaults({ truncatedJson: { times: 1 } });
    const truncated = await get('/api/models?pipeline_tag=translation');
    expect(truncated.status).toBe(200);
    await expect(truncated.json()).rejects.toThrow(SyntaxError);

    hub.setFaults({ nonArray: { times: 1 } });
    const body = await (await get('/api/models?pipeline_tag=translation')).json();
    expect(Array.isArray(body)).toBe(false);
  });

  it('applies a fault only after letting `after` matching requests through, and only to its task', async () => {
    hub.setFaults({ serverError: { times: 1, after: 1, task: 'translation' } });
    const statuses = [];
    for (const tag of ['text-classification', 'translation', 'text-classification', 'translation', 'translation']) {
      statuses.push((await get(`/api/models?pipeline_tag=${tag}`)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 500, 200]);
  });

  it('always fails the listing of a failing task', async () => {
    hub.setFaults({ failTask: ['translation'] });
    expect((await get('/api/models?pipeline_tag=translation')).status).toBe(500);
    expect((await get('/api/models?pipeline_tag=translation')).status).toBe(500);
    expect((await get('/api/models?pipeline_tag=text-classification')).status).toBe(200);
  });

  it('resets the connection or stalls the body on demand', async () => {
    hub.setFaults({ reset: { times: 1 } });
    await expect(get('/api/models')).rejects.toThrow();
    hub.setFaults({ stall: { times: 1 } });
    const stalled = await get('/api/models');
    expect(stalled.status).toBe(200);
    const reader = stalled.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('[{"_id":"');
    await reader.cancel();
    expect(hub.requests.map((r) => r.fault)).toEqual(['reset', 'stall']);
  });

  it('enforces a fixed-window quota on its own clock with RateLimit headers', async () => {
    const clock = createFakeClock(1_000);
    const quotaHub = await startFakeHub({ models: MODELS, now: clock.now, faults: { quota: { limit: 2, windowMs: 300_000 } } });
    try {
      const statuses: (string | number | null)[][] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${quotaHub.url}/api/models?limit=1`);
        statuses.push([res.status, res.headers.get('ratelimit')]);
      }
      await clock.sleep(300_000);
      statuses.push([(await fetch(`${quotaHub.url}/api/models?limit=1`)).status, null]);
      expect(statuses).toEqual([
        [200, '"api";r=1;t=300'],
        [200, '"api";r=0;t=300'],
        [429, '"api";r=0;t=300'],
        [200, null],
      ]);
    } finally {
      await quotaHub.close();
    }
  });

  it('records the most requests in flight at once', async () => {
    hub.setFaults({ latencyMs: 30 });
    await Promise.all([1, 2, 3].map(() => get('/api/models?limit=1').then((r) => r.text())));
    expect(hub.maxInFlight()).toBe(3);
  });
});
