// The Open LLM Leaderboard's own filters, the model badges and the family's source in real Chromium
// against the real server with the bundled snapshot: expected rows come from the board's records.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Leaderboard } from '../../src/schemas/benchmarkSchemas.js';
import { launchBrowser, openPage, screenshot } from './browser.js';
import { gridRows, waitForGrid } from './leaderboardGrid.js';
import { startExplorer, type RunningExplorer } from './startExplorer.js';

let explorer: RunningExplorer;
let browser: Browser;
/** model id → tags, for every model on the IFEval board. */
let tagsOf: Map<string, string[]>;

const IFEVAL = '#/leaderboards?task=text-generation&dataset=IFEval&metric=strict+accuracy';

beforeAll(async () => {
  [explorer, browser] = await Promise.all([startExplorer({ OFFLINE: '1' }), launchBrowser()]);
  const body = (await (
    await fetch(`${explorer.url}/api/leaderboards?task_type=text-generation&dataset_name=IFEval&metric_name=strict%20accuracy&limit=100000`)
  ).json()) as { leaderboards: Leaderboard[] };
  tagsOf = new Map(body.leaderboards[0].entries.map((e) => [e.model_info.model_id, e.model_info.tags]));
});

afterAll(async () => {
  await browser?.close();
  await explorer?.close();
});

async function open(hash: string) {
  const w = await openPage(browser);
  await w.page.goto(`${explorer.appUrl}${hash}`);
  return w;
}

async function waitForHash(page: Page, ok: (hash: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const hash = decodeURIComponent((await page.evaluate('location.hash')) as string);
    if (ok(hash)) return hash;
    if (Date.now() > until) throw new Error(`waitForHash: address is still ${hash}`);
    await page.waitForTimeout(50);
  }
}

const count = (pick: (tags: string[]) => boolean) => [...tagsOf.values()].filter(pick).length;

describe('leaderboard filters of the Open LLM Leaderboard', () => {
  it('filters the rows by model type and flags, keeps them in the address and marks the flagged model', async () => {
    const { page, problems } = await open(IFEVAL);
    const all = await waitForGrid(page, (c) => c.total === tagsOf.size);

    await page.selectOption('select[name=model_type]', 'chat');
    await waitForHash(page, (h) => h.includes('model_type=chat'));
    const chat = count((t) => t.includes('chat'));
    expect(chat).toBeGreaterThan(0);
    await waitForGrid(page, (c) => c.shown === chat);
    expect((await gridRows(page)).every((r) => tagsOf.get(r.id)!.includes('chat'))).toBe(true);

    await page.selectOption('select[name=flagged]', 'false');
    await waitForHash(page, (h) => h.includes('flagged=false'));
    await waitForGrid(page, (c) => c.shown === count((t) => t.includes('chat') && !t.includes('flagged')));
    expect(await page.locator('.vt-body [data-badge=flagged]').count()).toBe(0);

    await page.selectOption('select[name=flagged]', 'true');
    const flagged = [...tagsOf].filter(([, t]) => t.includes('chat') && t.includes('flagged')).map(([id]) => id);
    expect(flagged.length).toBeGreaterThan(0);
    await waitForGrid(page, (c) => c.shown === flagged.length);
    const rows = await gridRows(page);
    expect(rows.map((r) => r.id).sort()).toEqual([...flagged].sort());
    const badge = page.locator(`.vt-body [data-model-id="${rows[0].id}"] [data-badge=flagged]`);
    expect(await badge.textContent()).toBe('flagged');
    expect(await badge.getAttribute('title')).toMatch(/Open LLM Leaderboard flagged this model/);
    await page.waitForTimeout(200);
    await screenshot(page, 'leaderboard-flagged-filter');

    // The address alone restores the filters.
    const hash = await waitForHash(page, (h) => h.includes('flagged=true'));
    const again = await open(hash);
    await waitForGrid(again.page, (c) => c.shown === flagged.length);
    expect(await again.page.locator('select[name=model_type]').inputValue()).toBe('chat');
    expect(await again.page.locator('select[name=flagged]').inputValue()).toBe('true');
    await again.page.context().close();

    // Merges only, then clear everything.
    await page.selectOption('select[name=flagged]', '');
    await page.selectOption('select[name=model_type]', '');
    await page.selectOption('select[name=merged]', 'true');
    await waitForGrid(page, (c) => c.shown === count((t) => t.includes('merge')));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForGrid(page, (c) => c.shown === all.total);
    expect(await page.locator('select[name=merged]').inputValue()).toBe('');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the flagged badge on the model page and in compare', async () => {
    const id = [...tagsOf].find(([, t]) => t.includes('flagged'))![0];
    const { page, problems } = await open(`#/model/${id}`);
    await page.locator('[data-testid=result-row]').first().waitFor();
    expect(await page.locator('.page-title [data-badge=flagged]').count()).toBe(1);

    const other = [...tagsOf].find(([, t]) => !t.includes('flagged'))![0];
    await page.goto(`${explorer.appUrl}#/compare?ids=${encodeURIComponent(`${id},${other}`)}`);
    await page.locator('.compare-table thead [data-badge=flagged]').waitFor();
    // The other model has loaded too, without a badge.
    await page.locator('.compare-table thead th').nth(2).getByRole('link', { name: other.slice(other.indexOf('/') + 1) }).waitFor();
    expect(await page.locator('.compare-table thead [data-badge=flagged]').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('keeps timm’s test networks off the boards and marks them as test models on the model page and in compare', async () => {
    const models = (await (await fetch(`${explorer.url}/api/models?task_type=image-classification&search=test_&limit=500`)).json()) as {
      items: { model_info: { model_id: string; tags: string[] } }[];
    };
    const tests = models.items.filter((r) => r.model_info.tags.includes('test-model')).map((r) => r.model_info.model_id);
    expect(tests.length).toBeGreaterThan(0);
    expect(tests.every((id) => id.startsWith('timm/test_'))).toBe(true);
    // Test networks are not real models: the leaderboards leave them out.
    const body = (await (
      await fetch(`${explorer.url}/api/leaderboards?task_type=image-classification&dataset_name=ImageNet-1k&metric_name=top-1%20accuracy&search=test_&limit=100000`)
    ).json()) as { leaderboards: Leaderboard[] };
    expect(body.leaderboards[0].entries.filter((e) => e.model_info.tags.includes('test-model'))).toEqual([]);

    const { page, problems } = await open(`#/model/${tests[0]}`);
    await page.goto(`${explorer.appUrl}#/model/${tests[0]}`);
    await page.locator('.page-title [data-badge=test-model]').waitFor();
    expect(await page.getByTestId('family-source').textContent()).toMatch(/^\(from its architecture \(test_\w+\) — may differ from its lineage\)$/);

    await page.goto(`${explorer.appUrl}#/compare?ids=${encodeURIComponent(tests.slice(0, 2).join(','))}`);
    // Each column's model loads on its own: wait for the last one.
    const shown = Math.min(2, tests.length);
    await page.locator('.compare-table thead [data-badge=test-model]').nth(shown - 1).waitFor();
    expect(await page.locator('.compare-table thead [data-badge=test-model]').count()).toBe(shown);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('says on the model page that a family read from the architecture may differ from the lineage', async () => {
    const { page, problems } = await open('#/model/01-ai/Yi-1.5-34B');
    await page.getByTestId('family-source').waitFor();
    expect(await page.getByTestId('family-source').textContent()).toBe('(from its architecture (LlamaForCausalLM) — may differ from its lineage)');
    await screenshot(page, 'model-family-source');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
