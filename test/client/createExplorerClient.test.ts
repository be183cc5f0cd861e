import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
// Imported by package name, as a script would: resolves through package.json "exports" to the built dist/.
import { createExplorerClient } from 'ml-benchmark-explorer/client';
import { loadConfig } from '../../src/config.js';
import { startServer, type StartedApp } from '../../src/server/startServer.js';

let app: StartedApp;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'mbe-client-'));
  app = await startServer({ config: loadConfig({ DATA_DIR: dataDir, OFFLINE: '1', PORT: '0' }) });
});
afterAll(async () => {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('createExplorerClient', () => {
  it('reads a leaderboard with the router types, equal to the REST answer', async () => {
    const client = createExplorerClient({ url: app.server.url });
    const input = { task_type: 'text-generation', dataset_name: 'GPQA', metric_name: 'normalized accuracy', limit: 5 };
    const viaClient = await client.leaderboards.list.query(input);
    const rest = (await fetch(`${app.server.url}/api/leaderboards?${new URLSearchParams({ ...input, limit: "5" })}`).then((r) => r.json())) as { leaderboards: { entries: { model_info: { model_id: string } }[] }[] };
    expect(viaClient.leaderboards[0].entries.map((e) => e.model_info.model_id)).toEqual(
      rest.leaderboards[0].entries.map((e) => e.model_info.model_id),
    );
    expect(viaClient.leaderboards[0].entries).toHaveLength(5);
  });

  it('reads the summary under the original field names and types, equal to the REST answer', async () => {
    const client = createExplorerClient({ url: app.server.url });
    const summary = await client.analytics.summary.query({});
    expectTypeOf(summary.model_family_stats[0].family).toEqualTypeOf<string>();
    expectTypeOf(summary.model_family_stats[0].avg_parameter_count).toEqualTypeOf<number | undefined>();
    expectTypeOf(summary.task_stats[0].top_models).toEqualTypeOf<string[]>();
    expectTypeOf(summary.task_stats[0].avg_metrics).toEqualTypeOf<Record<string, number>>();
    const rest = await fetch(`${app.server.url}/api/summary`).then((r) => r.json());
    expect(summary).toEqual(rest);
    expect(summary.model_family_stats.map((f) => f.family.toUpperCase())).toContain('LLAMA');
    const llama = await client.models.byId.query({ model_id: 'meta-llama/Llama-3.1-8B' });
    expectTypeOf(llama.model_info.model_size).toEqualTypeOf<'tiny' | 'small' | 'base' | 'large' | 'xl' | 'xxl' | undefined>();
    // 8,030,000,000 parameters in the bundled Open LLM Leaderboard export: the xl band (1–10 B)
    expect(llama.model_info).toMatchObject({ parameter_count: 8_030_000_000, model_size: 'xl', model_size_label: '8.03B' });
  });

  it('surfaces a bad input as a client error with the code and the field', async () => {
    const client = createExplorerClient({ url: app.server.url });
    await expect(client.models.list.query({ limit: -1 })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' }, shape: { detail: expect.stringContaining('limit') } });
  });
});
