// Refreshing from a fake Hub in the browser: a failed refresh is explained in words, the Refresh
// button shows live progress (refresh.events over SSE), and the new data reaches every view.
import type { Browser } from 'playwright-core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHubModels, startFakeHub, type FakeHub } from '../support/fakeHub.js';
import { launchBrowser, openPage, screenshot } from './browser.js';
import { gridRows, isNonDecreasing, waitForGrid } from './leaderboardGrid.js';
import { startExplorer, type RunningExplorer } from './startExplorer.js';

const TASKS = ['text-generation', 'automatic-speech-recognition'];

let hub: FakeHub;
let explorer: RunningExplorer;
let browser: Browser;

beforeAll(async () => {
  hub = await startFakeHub({
    models: makeHubModels({ count: 80, tasks: TASKS, seed: 11 }),
    pageSize: 4,
    // The refresh that starts with the server fails fast: every listing answers an object, twice per task.
    // Latency keeps the next refresh running long enough to watch its progress.
    faults: { nonArray: { times: 4 }, latencyMs: 200 },
  });
  [explorer, browser] = await Promise.all([
    startExplorer({ OFFLINE: '0', HF_ENDPOINT: hub.url, TASKS: TASKS.join(','), MAX_MODELS_PER_TASK: '24', HUB_CONCURRENCY: '2' }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await explorer?.close();
  await hub?.close();
});

describe('refresh from the Hub', () => {
  it('explains a failed refresh, shows progress while refreshing, then serves the new data', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${explorer.appUrl}#/status`);

    // The refresh started with the server failed: the reason is shown in words, the old data stays.
    const lastError = page.getByTestId('last-error');
    await lastError.waitFor({ timeout: 30_000 });
    expect(await lastError.textContent()).toMatch(/instead of a list of models/);
    expect(await lastError.textContent()).toContain('The previous data is still being served.');
    expect(await page.getByTestId('data-source').textContent()).toBe('Bundled snapshot');
    expect(await page.getByTestId('offline-mode').textContent()).toContain('online');
    await screenshot(page, 'status-last-error-light', true);

    await page.getByRole('button', { name: 'Refresh now' }).click();
    const bar = page.getByRole('progressbar', { name: 'Refresh progress' });
    await bar.waitFor();
    await page.getByRole('button', { name: 'Refreshing…' }).waitFor();
    // The old failure no longer applies once a new refresh runs.
    expect(await lastError.count()).toBe(0);
    expect(await page.getByTestId('refresh-progress-text').textContent()).toMatch(/tasks/);
    await page.locator('.status-chip .dot.busy').waitFor();
    await screenshot(page, 'status-refreshing-light', true);

    // Done: the new source, no error, the progress gone.
    await page.getByText('Hugging Face Hub (live fetch)').waitFor({ timeout: 30_000 });
    await bar.waitFor({ state: 'detached' });
    expect(await lastError.count()).toBe(0);
    expect(await page.getByTestId('last-outcome').textContent()).toMatch(/Last refresh: (ok|partial)/);
    expect(await page.locator('main').textContent()).toContain('Hugging Face Hub model cards');
    await screenshot(page, 'status-refreshed-light', true);

    // The new task's leaderboard exists and ranks word error rate lowest first.
    await page.goto(`${explorer.appUrl}#/leaderboards?task=automatic-speech-recognition`);
    await waitForGrid(page);
    expect(await page.locator('select[name=task]').inputValue()).toBe('automatic-speech-recognition');
    await page.getByText('↓ lower is better').first().waitFor();
    const rows = await gridRows(page);
    expect(rows[0].rank).toBe(1);
    expect(isNonDecreasing(rows.map((r) => r.score!))).toBe(true);
    const fetched = new Set(makeHubModels({ count: 80, tasks: TASKS, seed: 11 }).map((m) => m.id));
    expect(rows.every((r) => fetched.has(r.id))).toBe(true);
    await screenshot(page, 'leaderboard-lower-is-better-light');

    // Models without results get generated values only on request, and then every one is marked.
    const before = await page.locator('select[name=dataset] option').allTextContents();
    await page.goto(`${explorer.appUrl}#/status`);
    await page.getByLabel(/Include synthetic fill-ins/).check();
    await page.goto(`${explorer.appUrl}#/leaderboards?task=automatic-speech-recognition`);
    await page.locator('.synthetic-banner').waitFor();
    await waitForGrid(page);
    const after = await page.locator('select[name=dataset] option').allTextContents();
    const invented = after.filter((d) => !before.includes(d));
    expect(invented.length).toBeGreaterThan(0);
    await page.selectOption('select[name=dataset]', invented[0]);
    await waitForGrid(page, (c) => c.shown > 0);
    const rendered = await page.locator('.vt-body [role=row]').count();
    expect(await page.locator('.vt-body [role=row] .badge.synthetic').count()).toBe(rendered);
    await screenshot(page, 'leaderboard-synthetic-light');
    await page.locator('.vt-body [data-index="0"]').click();
    await page.getByText('Some values below are').waitFor();
    expect(await page.locator('[data-testid=result-row] .badge.synthetic').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('says in one line that the Hub cannot be reached, with each task in the details, when nothing listens at HF_ENDPOINT', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = await startExplorer({ OFFLINE: '0', HF_ENDPOINT: `http://127.0.0.1:${port}`, TASKS: TASKS.join(',') });
    try {
      const { page, problems } = await openPage(browser);
      await page.goto(`${offline.appUrl}#/status`);
      const lastError = page.getByTestId('last-error');
      await lastError.waitFor({ timeout: 30_000 });
      expect(await lastError.textContent()).toBe(
        `Last refresh problem: Could not reach the Hub at http://127.0.0.1:${port} (connection refused); showing the bundled snapshot The previous data is still being served.`,
      );
      const details = page.getByTestId('failed-tasks');
      await details.locator('summary').click();
      expect(await details.locator('li').count()).toBe(TASKS.length);
      expect(await details.textContent()).toContain('ECONNREFUSED');
      await screenshot(page, 'status-hub-unreachable-light', true);
      expect(problems).toEqual([]);
      await page.context().close();
    } finally {
      await offline.close();
    }
  });
});
