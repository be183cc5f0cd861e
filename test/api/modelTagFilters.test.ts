// The Open LLM Leaderboard's own filters (model type and flags), as a pure predicate and over real
// HTTP on the bundled snapshot: every expected count is derived from the snapshot's records here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasModelTagFilters, matchesModelTags, parseModelTypes } from '../../src/api/modelTagFilters.js';
import { appInfo } from '../../src/appInfo.js';
import type { BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import type { HubModel } from '../../src/schemas/hubSchemas.js';
import type { LeaderboardEntry } from '../../src/schemas/benchmarkSchemas.js';
import { MODEL_TAGS } from '../../src/schemas/modelTags.js';
import { createHttpServer, type RunningServer } from '../../src/server/createHttpServer.js';
import { MODEL_TYPE_TAGS } from '../../src/snapshot/convertOpenLlmLeaderboard.js';
import { request } from '../support/httpRequest.js';
import { createTempDirs } from '../support/tempDirs.js';
import { openTestCache, testContext } from '../support/testCache.js';
import { loadBundledSnapshot } from '../support/testSnapshots.js';

const IFEVAL = '/api/leaderboards?task_type=text-generation&dataset_name=IFEval&metric_name=strict%20accuracy&limit=100000';
const IMAGENET = '/api/leaderboards?task_type=image-classification&dataset_name=ImageNet-1k&metric_name=top-1%20accuracy&limit=100000';

const temp = createTempDirs('model-tag-filters');
let cache: BenchmarkCache;
let server: RunningServer;
let models: HubModel[];
/** The unfiltered IFEval board: every language model, with its overall rank. */
let all: LeaderboardEntry[];

async function get(path: string) {
  const res = await request(`${server.url}${path}`);
  return { status: res.status, body: res.json() };
}

async function ifeval(query: string): Promise<{ total: number; entries: LeaderboardEntry[] }> {
  const { status, body } = await get(`${IFEVAL}&${query}`);
  expect(status).toBe(200);
  return { total: body.leaderboards[0].total_entries, entries: body.leaderboards[0].entries };
}

const tagsOf = (m: HubModel) => (m.tags ?? []) as string[];
const idsWith = (pick: (tags: string[]) => boolean) => new Set(models.filter((m) => m.pipeline_tag === 'text-generation' && pick(tagsOf(m))).map((m) => m.id));

beforeAll(async () => {
  models = (await loadBundledSnapshot()).models;
  cache = await openTestCache({ dir: await temp.make(), bundled: loadBundledSnapshot, offline: true });
  server = await createHttpServer({ createContext: testContext(cache), version: appInfo().version, policy: { extraHosts: [], corsOrigins: [] } }).listen(0, '127.0.0.1');
  all = (await ifeval('')).entries;
});
afterAll(async () => {
  await server?.close();
  await cache?.close();
  await temp.cleanup();
});

describe('matchesModelTags', () => {
  it('keeps a model carrying any listed model type when model_type is a list', () => {
    expect(matchesModelTags(['text-generation', 'chat'], { model_type: ['fine-tuned', 'chat'] })).toBe(true);
    expect(matchesModelTags(['text-generation', 'pretrained'], { model_type: ['fine-tuned', 'chat'] })).toBe(false);
    // A Hub or timm record has no leaderboard type.
    expect(matchesModelTags(['timm', 'image-classification'], { model_type: ['pretrained'] })).toBe(false);
  });

  it('keeps only tagged models when a flag is true and only untagged ones when it is false', () => {
    expect(matchesModelTags(['chat', 'merge'], { merged: true })).toBe(true);
    expect(matchesModelTags(['chat'], { merged: true })).toBe(false);
    expect(matchesModelTags(['chat', 'merge'], { merged: false })).toBe(false);
    expect(matchesModelTags(['chat', 'official-provider'], { official_provider: true, flagged: false, moe: false })).toBe(true);
    expect(matchesModelTags(['chat', 'flagged'], { flagged: true, model_type: ['pretrained'] })).toBe(false);
  });

  it('says whether any filter is set', () => {
    expect(hasModelTagFilters({})).toBe(false);
    expect(hasModelTagFilters({ model_type: [] })).toBe(false);
    expect(hasModelTagFilters({ moe: false })).toBe(true);
  });
});

describe('parseModelTypes', () => {
  it('reads a comma list, ignoring blanks, case and repeats', () => {
    expect(parseModelTypes('chat, Fine-Tuned,,chat')).toEqual({ types: ['chat', 'fine-tuned'] });
  });

  it('names the first unknown type', () => {
    expect(parseModelTypes('chat,chatbot,x')).toEqual({ unknown: 'chatbot' });
  });

  it('knows exactly the types the snapshot converter writes', () => {
    expect(new Set(Object.values(MODEL_TYPE_TAGS))).toEqual(new Set(MODEL_TAGS.types));
  });
});

describe('GET /api/leaderboards with the leaderboard’s filters', () => {
  it('keeps only models of the model type, with their overall ranks, when model_type is one type', async () => {
    const chat = idsWith((t) => t.includes('chat'));
    expect(chat.size).toBeGreaterThan(100);
    const { total, entries } = await ifeval('model_type=chat');
    expect(total).toBe(chat.size);
    expect(entries.map((e) => [e.model_info.model_id, e.rank])).toEqual(all.filter((e) => chat.has(e.model_info.model_id)).map((e) => [e.model_info.model_id, e.rank]));
  });

  it('keeps models of any listed type when model_type is a comma list', async () => {
    const expected = idsWith((t) => t.includes('pretrained') || t.includes('continuously-pretrained'));
    const { total, entries } = await ifeval('model_type=pretrained,continuously-pretrained');
    expect(total).toBe(expected.size);
    expect(entries.every((e) => expected.has(e.model_info.model_id))).toBe(true);
  });

  it.each([
    ['merged', 'merge'],
    ['moe', 'moe'],
    ['flagged', 'flagged'],
    ['official_provider', 'official-provider'],
  ])('splits the board by the %s flag: true keeps the tagged models, false the rest', async (field, tag) => {
    const tagged = idsWith((t) => t.includes(tag));
    expect(tagged.size).toBeGreaterThan(0);
    const yes = await ifeval(`${field}=true`);
    const no = await ifeval(`${field}=false`);
    expect(yes.total).toBe(tagged.size);
    expect(yes.entries.every((e) => tagged.has(e.model_info.model_id))).toBe(true);
    expect(no.total).toBe(all.length - tagged.size);
    expect(no.entries.some((e) => tagged.has(e.model_info.model_id))).toBe(false);
    // "1" and "0" are the same booleans.
    expect((await ifeval(`${field}=1`)).total).toBe(yes.total);
  });

  it('combines the filters with each other and with search, family and size', async () => {
    const expected = all.filter(
      (e) => e.model_info.tags.includes('fine-tuned') && !e.model_info.tags.includes('merge') && e.model_info.model_family === 'qwen' && (e.model_info.parameter_count ?? Infinity) <= 8e9,
    );
    expect(expected.length).toBeGreaterThan(0);
    const { total, entries } = await ifeval('model_type=fine-tuned&merged=false&family=qwen&max_params=8e9');
    expect(total).toBe(expected.length);
    expect(entries.map((e) => e.model_info.model_id)).toEqual(expected.map((e) => e.model_info.model_id));
  });

  it('leaves boards of models without leaderboard tags whole when a flag is false and empty when a type is asked', async () => {
    const timm = models.filter((m) => m.id.startsWith('timm/')).length;
    const imagenet = (await get(IMAGENET)).body.leaderboards[0].total_entries;
    expect(imagenet).toBeGreaterThan(timm / 2);
    expect((await get(`${IMAGENET}&flagged=false&merged=false`)).body.leaderboards[0].total_entries).toBe(imagenet);
    expect((await get(`${IMAGENET}&model_type=pretrained`)).body.leaderboards[0].total_entries).toBe(0);
  });

  it.each([
    ['model_type=chatbot', /^model_type: unknown model type "chatbot"; known: pretrained, continuously-pretrained, fine-tuned/],
    ['model_type=', /^model_type: /],
    ['flagged=yes', /^flagged: /],
    ['merged=', /^merged: /],
    ['official_provider=TRUE', /^official_provider: /],
  ])('answers 400 naming the field when the query is %s', async (query, detail) => {
    const { status, body } = await get(`${IFEVAL}&${query}`);
    expect(status).toBe(400);
    expect(body.detail).toMatch(detail);
  });
});

describe('GET /api/models with the leaderboard’s filters', () => {
  it('counts the models of a type and flag the way the snapshot tags them', async () => {
    const expected = idsWith((t) => t.includes('merges-and-moerges') && t.includes('moe'));
    expect(expected.size).toBeGreaterThan(0);
    const { status, body } = await get('/api/models?model_type=merges-and-moerges&moe=true&limit=500');
    expect(status).toBe(200);
    expect(body.total).toBe(expected.size);
    expect(new Set(body.items.map((r: { model_info: { model_id: string } }) => r.model_info.model_id))).toEqual(expected);
  });

  it('marks the flagged model in its tags and finds it with flagged=true', async () => {
    const flagged = idsWith((t) => t.includes('flagged'));
    const { body } = await get('/api/models?flagged=true&limit=500');
    expect(body.total).toBe(flagged.size);
    expect(body.items.every((r: { model_info: { tags: string[] } }) => r.model_info.tags.includes('flagged'))).toBe(true);
  });

  it('answers 400 naming model_type when a type is unknown', async () => {
    const { status, body } = await get('/api/models?model_type=pretrained,base');
    expect(status).toBe(400);
    expect(body.detail).toMatch(/^model_type: unknown model type "base"/);
  });
});
