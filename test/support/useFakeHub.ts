// One fake Hub per test file, reset before each test (models, faults, request log, a fresh fake
// clock), and a Hub client wired to it with short timeouts.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createHubClient, type HubClientOptions } from '../../src/hub/createHubClient.js';
import type { HubModel } from '../../src/schemas/hubSchemas.js';
import { createFakeClock, startFakeHub, type FakeClock, type FakeHub } from './fakeHub.js';

export function useFakeHub(options: { models: HubModel[]; pageSize: number }, bind: (hub: FakeHub, clock: FakeClock) => void) {
  let hub: FakeHub;
  beforeAll(async () => {
    hub = await startFakeHub(options);
  });
  afterAll(async () => {
    await hub.close();
  });
  beforeEach(() => {
    hub.setModels(options.models);
    hub.setFaults({});
    hub.clearRequests();
    bind(hub, createFakeClock());
  });
}

export function hubClientFor(hub: FakeHub, clock: FakeClock, options: Partial<HubClientOptions> = {}) {
  return createHubClient({ endpoint: hub.url, timeoutMs: 2_000, now: clock.now, sleep: clock.sleep, ...options });
}
