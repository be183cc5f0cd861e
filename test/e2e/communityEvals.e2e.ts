// Community Evals in the browser: a refresh from a fake Hub with benchmark leaderboards, then the
// leaderboard rows carry verified / community / source badges, the "verified only", "hide community
// results" and "base models only" switches filter them, the benchmark's eval.yaml description is shown,
// and a model met only on a leaderboard says its size is pending.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityEvalsBenchmarks, communityEvalsModels, TASK } from '../support/communityEvalsFixture.js';
import { startFakeHub, type FakeHub } from '../support/fakeHub.js';
import { launchBrowser, openPage, screenshot } from './browser.js';
import { gridRows, waitForGrid } from './leaderboardGrid.js';
import { startExplorer, type RunningExplorer } from './startExplorer.js';

let hub: FakeHub;
let explorer: RunningExplorer;
let browser: Browser;

beforeAll(async () => {
  hub = await startFakeHub({ models: communityEvalsModels(), benchmarks: communityEvalsBenchmarks() });
  [explorer, browser] = await Promise.all([
    startExplorer({ OFFLINE: '0', HF_ENDPOINT: hub.url, TASKS: TASK, MAX_MODELS_PER_TASK: '2', BENCHMARK_MODEL_LOOKUPS: '2', BENCHMARK_FINE_TUNES: '1' }),
    launchBrowser(),
  ]);
  // The refresh that starts with the server.
  const until = Date.now() + 30_000;
  for (;;) {
    // The server is busy building the new version now and then: a refused read is asked again.
    const status = (await fetch(`${explorer.url}/api/cache-status`).then((r) => r.json(), () => ({ last_outcome: null }))) as { last_outcome: { status: string } | null };
    if (status.last_outcome) {
      expect(status.last_outcome.status).toBe('ok');
      break;
    }
    if (Date.now() > until) throw new Error('the start-up refresh did not finish');
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await browser?.close();
  await explorer?.close();
  await hub?.close();
});

const boardUrl = (variant: string, extra: Record<string, string> = {}) =>
  `${explorer.appUrl}#/leaderboards?${new URLSearchParams({ task: TASK, dataset: variant, metric: 'accuracy', ...extra }).toString()}`;
const row = (page: Page, id: string) => page.locator(`.vt-body [role=row][data-model-id="${id}"]`);
const ids = async (page: Page) => (await gridRows(page)).map((r) => r.id);

describe('Community Evals on leaderboards', () => {
  it('shows badges, the benchmark’s description and the switches, and filters with them', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(boardUrl('GPQA · gpqa_diamond · train'));
    await waitForGrid(page, (c) => c.total === 3);
    // Ranked by value: model-b 60.1 (open PR), late/model-l 41.0, fine/tune-f 38.0 (a fine-tune). The split shows
    // in the label because the bundled data has GPQA results without one.
    expect(await ids(page)).toEqual(['org/model-b', 'late/model-l', 'fine/tune-f']);
    expect(await page.getByTestId('benchmark-about').textContent()).toMatch(/GPQA — Graduate-level, Google-proof questions/);

    const community = row(page, 'org/model-b').getByTestId('badge-community');
    expect(await community.textContent()).toBe('community · PR #7');
    expect(await community.getAttribute('href')).toBe('https://huggingface.co/org/model-b/discussions/7');
    expect(await row(page, 'late/model-l').getByTestId('badge-source').getAttribute('href')).toBe('https://example.org/paper-l');
    expect(await row(page, 'late/model-l').getByTestId('badge-community').count()).toBe(0);
    await screenshot(page, 'community-evals-badges-light');

    await page.getByLabel('Hide community results').check();
    await waitForGrid(page, (c) => c.shown === 2);
    expect(await ids(page)).toEqual(['late/model-l', 'fine/tune-f']);
    await page.getByLabel('Base models only').check();
    await waitForGrid(page, (c) => c.shown === 1);
    expect(await ids(page)).toEqual(['late/model-l']);
    await screenshot(page, 'community-evals-switches-light');
    // The switches live in the address.
    expect(page.url()).toMatch(/nocommunity=1/);
    expect(page.url()).toMatch(/base=1/);

    await page.goto(boardUrl('GPQA · gpqa_diamond · train · tools', { verified: '1' }));
    await waitForGrid(page, (c) => c.shown === 1);
    expect(await page.getByLabel('Verified only').isChecked()).toBe(true);
    expect(await row(page, 'org/model-a').getByTestId('badge-verified').textContent()).toBe('verified');
    await page.goto(boardUrl('GPQA · gpqa_diamond · train', { verified: '1' }));
    await waitForGrid(page, (c) => c.shown === 0 && c.total === 3);
    expect(problems).toEqual([]);
  });

  it('forms a mean with "Verified only" from verified values alone', async () => {
    // The two leaderboards of model-a's own results (the bundled data has other MMLU-Pro boards of this task).
    const catalog = (await fetch(`${explorer.url}/api/leaderboards/catalog`).then((r) => r.json())) as { leaderboards: { key: string; variant: string }[] };
    const modelA = (await fetch(`${explorer.url}/api/models/org/model-a`).then((r) => r.json())) as { evaluation_results: { key: string; benchmark: string; setup?: string }[] };
    const variantOf = (pick: (r: { benchmark: string; setup?: string }) => boolean) => catalog.leaderboards.find((l) => l.key === modelA.evaluation_results.find(pick)!.key)!.variant;
    const mmlu = variantOf((r) => r.benchmark === 'TIGER-Lab/MMLU-Pro');
    const noTools = variantOf((r) => r.setup === 'no-tools');
    const { page, problems } = await openPage(browser);
    // model-a has both (MMLU-Pro verified, no-tools not verified); model-b has MMLU-Pro only.
    await page.goto(boardUrl(mmlu, { col: `${noTools}|accuracy`, rank: 'mean' }));
    await waitForGrid(page, (c) => c.shown === 1);
    expect(await ids(page)).toEqual(['org/model-a']);
    // Verified only: model-a's no-tools value is not verified, so no model has two verified values to average.
    await page.getByLabel('Verified only').check();
    await waitForGrid(page, (c) => c.shown === 0);
    await screenshot(page, 'community-evals-mean-verified-light');
    expect(problems).toEqual([]);
  });

  it('says the size of a model met only on a leaderboard is pending', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(boardUrl('GPQA · gpqa_main · train'));
    await waitForGrid(page, (c) => c.total === 2);
    expect(await row(page, 'late/model-m').getByTestId('size-pending').textContent()).toBe('pending');
    expect(await row(page, 'late/model-m').getByTestId('size-pending').getAttribute('title')).toMatch(/read from the Hub by the next refresh/);
    await screenshot(page, 'community-evals-size-pending-light');
    await page.goto(`${explorer.appUrl}#/model/late/model-m`);
    await page.getByTestId('size-pending').waitFor();
    expect(problems).toEqual([]);
  });
});
