import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('surfaces a bad input as a client error with the code and the field', async () => {
    const client = createExplorerClient({ url: app.server.url });
    await expect(client.models.list.query({ limit: -1 })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' }, shape: { detail: expect.stringContaining('limit') } });
  });
});
