// The explorer UI in real Chromium against the real server with the bundled snapshot (offline):
// leaderboards, sorting and filters, model pages, charts, export, compare, status, small screens.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import type { CorrelationPair } from '../../src/schemas/benchmarkSchemas.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { installFakeIpcBridge, launchBrowser, openPage, screenshot } from './browser.js';
import { gridRows, isNonDecreasing, isNonIncreasing, rowCount, waitForGrid } from './leaderboardGrid.js';
import { startExplorer, type RunningExplorer } from './startExplorer.js';

let explorer: RunningExplorer;
let browser: Browser;

beforeAll(async () => {
  [explorer, browser] = await Promise.all([startExplorer({ OFFLINE: '1' }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await explorer?.close();
});

const IFEVAL = '#/leaderboards?task=text-generation&dataset=IFEval+%C2%B7+0-shot&metric=strict+accuracy';

async function open(hash = '', options: Parameters<typeof openPage>[1] = {}) {
  const w = await openPage(browser, options);
  await w.page.goto(`${explorer.appUrl}${hash}`);
  return w;
}

async function hashOf(page: Page): Promise<string> {
  return decodeURIComponent((await page.evaluate('location.hash')) as string);
}

/** Polls the address from the test side (the page's CSP forbids the string predicates of waitForFunction). */
async function waitForHash(page: Page, ok: (hash: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const hash = await hashOf(page);
    if (ok(hash)) return hash;
    if (Date.now() > until) throw new Error(`waitForHash: address is still ${hash}`);
    await page.waitForTimeout(50);
  }
}

describe('explorer UI', () => {
  it('loads the leaderboards without console errors', async () => {
    const { page, problems } = await open();
    const count = await waitForGrid(page);
    expect(count.total).toBe(4495);
    // Virtualized: thousands of models, a screenful of rows in the DOM.
    expect(await page.locator('.vt-body [role=row]').count()).toBeLessThan(80);
    expect(await page.locator('h1').textContent()).toBe('Leaderboards');
    expect(await page.locator('select[name=task]').inputValue()).toBe('text-generation');
    await page.waitForTimeout(300);
    await screenshot(page, 'leaderboard-light');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows a chosen leaderboard ranked in its metric’s direction', async () => {
    const { page, problems } = await open();
    await waitForGrid(page);
    await page.selectOption('select[name=task]', 'image-classification');
    await page.selectOption('select[name=dataset]', 'ImageNet-A');
    await page.selectOption('select[name=metric]', 'top-1 accuracy');
    // 1,266 timm models with an ImageNet-A result, less its 13 test networks (kept off boards).
    await waitForGrid(page, (c) => c.total === 1253);
    expect(await hashOf(page)).toContain('dataset=ImageNet-A');
    await page.getByText('↑ higher is better').first().waitFor();

    const rows = await gridRows(page);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0].rank).toBe(1);
    expect(isNonDecreasing(rows.map((r) => r.rank))).toBe(true);
    expect(isNonIncreasing(rows.map((r) => r.score!))).toBe(true);

    // The same order the API ranks by.
    const api = (await (await fetch(`${explorer.url}/api/leaderboards?task_type=image-classification&dataset_name=ImageNet-A&metric_name=top-1%20accuracy&limit=5`)).json()) as {
      leaderboards: { entries: { model_info: { model_id: string }; primary_metric: { value: number } }[] }[];
    };
    const top = api.leaderboards[0].entries;
    expect(rows.slice(0, 5).map((r) => r.id)).toEqual(top.map((e) => e.model_info.model_id));
    expect(rows[0].score).toBeCloseTo(top[0].primary_metric.value, 12);
    // Fractions read as percentages.
    const shown = await page.locator('.vt-body [data-index="0"] [data-col=score]').textContent();
    expect(shown).toBe(`${(top[0].primary_metric.value * 100).toFixed(2)}%`);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('sorts, filters and searches the rows', async () => {
    const { page, problems } = await open(IFEVAL);
    const all = await waitForGrid(page, (c) => c.total === 4495);

    // Sorting by size: largest first on the first click, then smallest first.
    await page.locator('[role=columnheader][data-col=params] button').click();
    await waitForHash(page, (h) => h.includes('sort=params'));
    let rows = await gridRows(page);
    expect(isNonIncreasing(rows.map((r) => r.params ?? -1))).toBe(true);
    expect(await page.locator('[role=columnheader][data-col=params]').getAttribute('aria-sort')).toBe('descending');
    await page.locator('[role=columnheader][data-col=params] button').click();
    await waitForHash(page, (h) => !h.includes('desc=1'));
    rows = await gridRows(page);
    expect(isNonDecreasing(rows.filter((r) => r.params !== null).map((r) => r.params!))).toBe(true);
    expect(rows[0].params).not.toBeNull();

    // Back to rank order.
    await page.locator('[role=columnheader][data-col=rank] button').click();
    await waitForHash(page, (h) => !h.includes('sort='));
    rows = await gridRows(page);
    expect(rows[0].rank).toBe(1);

    // Family filter.
    await page.selectOption('select[name=family]', 'qwen');
    const qwen = await waitForGrid(page, (c) => c.shown < all.total);
    rows = await gridRows(page);
    expect(rows.every((r) => r.family === 'qwen')).toBe(true);
    expect(isNonIncreasing(rows.map((r) => r.score!))).toBe(true);

    // Search narrows further, within the family.
    await page.fill('input[name=search]', '72B');
    await waitForHash(page, (h) => h.includes('q=72B'));
    const searched = await waitForGrid(page, (c) => c.shown < qwen.shown);
    rows = await gridRows(page);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(searched.shown);
    expect(rows.every((r) => r.id.toLowerCase().includes('72b') && r.family === 'qwen')).toBe(true);

    // Size range, written the way people write sizes.
    await page.fill('input[name=search]', '');
    await page.selectOption('select[name=family]', '');
    await waitForGrid(page, (c) => c.shown === all.total);
    await page.fill('input[name=pmin]', '7B');
    await page.fill('input[name=pmax]', '8b');
    // Each field reaches the address after its own short pause; read the rows once both have.
    await waitForHash(page, (h) => h.includes('pmin=7B') && h.includes('pmax=8b'));
    const sized = await waitForGrid(page, (c) => c.shown < all.total);
    expect(sized.shown).toBeGreaterThan(0);
    rows = await gridRows(page);
    expect(rows.every((r) => r.params !== null && r.params >= 7e9 && r.params <= 8e9)).toBe(true);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForGrid(page, (c) => c.shown === all.total);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('ranks by the mean of chosen benchmarks, only over models that have all of them', async () => {
    const { page, problems } = await open(IFEVAL);
    await waitForGrid(page, (c) => c.total === 4495);
    await page.getByText('More benchmarks').click();
    await page.getByLabel('BBH · 3-shot · normalized accuracy').check();
    await page.getByLabel('MMLU-Pro · 5-shot · accuracy').check();
    await page.getByLabel('Mean of the 3 chosen benchmarks').check();
    await waitForHash(page, (h) => h.includes('rank=mean'));
    await waitForGrid(page);
    await page.getByText('ranked by Mean of 3 benchmarks').waitFor();

    let rows = await gridRows(page);
    expect(rows[0].rank).toBe(1);
    expect(isNonIncreasing(rows.map((r) => r.score!))).toBe(true);
    // The score is the mean of the three columns shown next to it.
    const first = (await page.evaluate(
      `[...document.querySelectorAll('.vt-body [data-index="0"] [data-col^=b]')].map((c) => Number(c.dataset.value))`,
    )) as number[];
    expect(first).toHaveLength(3);
    expect(rows[0].score).toBeCloseTo((first[0] + first[1] + first[2]) / 3, 12);

    // Every ranked model has all three benchmarks; the text says how many were left out.
    await page.getByText('A mean is taken only over models with all 3 chosen benchmarks').waitFor();
    rows = await gridRows(page);
    const coverage = (await page.evaluate(`[...document.querySelectorAll('.vt-body [data-col=coverage]')].map((c) => c.textContent)`)) as string[];
    expect(coverage.every((c) => c === '3/3')).toBe(true);
    // Each benchmark's head shows its whole name and setup, none cut off.
    const heads = (await page.evaluate(
      `[...document.querySelectorAll('.vt-head [data-col^=b] .bench-head')].map((h) => ({ text: [...h.children].map((c) => c.textContent).join(' · '), cut: [...h.children].some((c) => c.scrollWidth > c.clientWidth) || h.scrollWidth > h.closest('[role=columnheader]').clientWidth }))`,
    )) as { text: string; cut: boolean }[];
    expect(heads).toEqual([
      { text: 'IFEval · 0-shot', cut: false },
      { text: 'BBH · 3-shot', cut: false },
      { text: 'MMLU-Pro · 5-shot', cut: false },
    ]);
    await screenshot(page, 'leaderboard-mean-of-3');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('opens a model from the keyboard and shows its results with provenance', async () => {
    const { page, problems } = await open(IFEVAL);
    await waitForGrid(page);
    const rows = await gridRows(page);
    await page.locator('.vt-body [data-index="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitForHash(page, (h) => h.startsWith('#/model/'));
    expect(await hashOf(page)).toBe(`#/model/${rows[1].id}`);

    await page.locator('[data-testid=result-row]').first().waitFor();
    const results = page.locator('[data-testid=result-row]');
    expect(await results.count()).toBe(12); // six benchmarks, each raw and leaderboard-normalized
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('IFEval');
    expect(text).toContain('snapshot');
    expect(text).toContain('not Hub-verified');
    expect(text).toContain('sources/open-llm-leaderboard-v2/huggingface_v2.csv');
    expect(text).toContain(`#${rows[1].rank} / 4,495`);
    const source = page.getByRole('link', { name: 'Open LLM Leaderboard v2' }).first();
    expect(await source.getAttribute('target')).toBe('_blank');

    const hub = page.getByRole('link', { name: /Open on Hugging Face/ });
    expect(await hub.getAttribute('href')).toBe(`https://huggingface.co/${rows[1].id}`);
    expect(await hub.getAttribute('target')).toBe('_blank');
    expect((await hub.getAttribute('rel'))?.split(' ').sort()).toEqual(['noopener', 'noreferrer']);
    await screenshot(page, 'model-light', true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('draws the score-vs-size scatter with its Pareto front, the trend and the heatmap', async () => {
    const { page, problems } = await open('#/charts?task=text-generation&dataset=IFEval&metric=strict+accuracy', { colorScheme: 'dark' });
    await page.locator('[data-testid=scatter] canvas').waitFor();
    await page.locator('[data-testid=trends] canvas').waitFor();
    const painted = (await page.evaluate(`(() => {
      const c = document.querySelector('[data-testid=scatter] canvas');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return { n, w: c.width, h: c.height };
    })()`)) as { n: number; w: number; h: number };
    expect(painted.w).toBeGreaterThan(200);
    expect(painted.n).toBeGreaterThan(2000);
    expect((await page.locator('main').textContent()) ?? '').toMatch(/Pareto front \(\d+\)/);

    const cells = page.locator('.heatmap [role=cell]');
    expect(await cells.count()).toBe(36);
    // Hovering a cell shows r, its 95 % interval and n: the numbers /api/correlations sends for that pair.
    await cells.nth(1).hover();
    const tip = page.getByRole('tooltip');
    const lines = (await tip.innerText()).split('\n');
    const [a, b] = lines[0].split(' × ');
    const api = (await (await fetch(`${explorer.url}/api/correlations?task_type=text-generation`)).json()) as { pairs: CorrelationPair[] };
    const pair = api.pairs.find((p) => (p.metric_a === a && p.metric_b === b) || (p.metric_a === b && p.metric_b === a))!;
    const fmt = (r: number) => r.toFixed(3).replace('-', '−');
    expect(lines.slice(1)).toEqual([
      `Pearson r = ${fmt(pair.pearson)}`,
      `95% CI ${fmt(pair.pearson_ci_low!)} to ${fmt(pair.pearson_ci_high!)}`,
      `n = ${pair.n.toLocaleString('en')} models with both results`,
    ]);
    // Readable: body-size text, inside the window, its colours those of the page's surface.
    const look = (await page.evaluate(`(() => {
      const el = document.querySelector('[role=tooltip]');
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return { size: parseFloat(s.fontSize), color: s.color, background: s.backgroundColor, left: r.left, right: r.right, width: window.innerWidth };
    })()`)) as { size: number; color: string; background: string; left: number; right: number; width: number };
    expect(look.size).toBeGreaterThanOrEqual(13);
    expect(look.color).not.toBe(look.background);
    expect(look.left).toBeGreaterThanOrEqual(0);
    expect(look.right).toBeLessThanOrEqual(look.width);
    await screenshot(page, 'charts-heatmap-tooltip-dark');
    await page.getByLabel('Spearman').check();
    await cells.nth(1).hover();
    expect(await tip.innerText()).toContain(`Spearman ρ = ${fmt(pair.spearman)}`);
    expect(await cells.nth(1).getAttribute('aria-label')).toContain(`n = ${pair.n.toLocaleString('en')} models`);
    await page.waitForTimeout(200);
    await screenshot(page, 'charts-dark', true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('exports the table as shown (filtered and sorted) as CSV and JSON', async () => {
    const { page, problems } = await open(`${IFEVAL}&family=qwen&q=7b&sort=params&desc=1`);
    const count = await waitForGrid(page, (c) => c.shown < c.total);
    const rows = await gridRows(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('leaderboard-text-generation-ifeval-0-shot-strict-accuracy.csv');
    // csv-parse throws on any malformed row (ragged columns, stray quotes).
    const csv = readCsv(await readFile((await download.path())!, 'utf8'));
    expect(csv.data).toHaveLength(count.shown);
    expect(csv.data.slice(0, rows.length).map((r) => r.model_id)).toEqual(rows.map((r) => r.id));
    expect(csv.data.every((r) => r.model_family === 'qwen' && r.model_id.toLowerCase().includes('7b'))).toBe(true);
    expect(Number(csv.data[0].score)).toBeCloseTo(rows[0].score!, 12);
    expect(csv.data[0].direction).toBe('higher');
    const sizes = csv.data.map((r) => (r.parameter_count === '' ? -1 : Number(r.parameter_count)));
    expect(isNonIncreasing(sizes)).toBe(true);

    // The CLI writes the same columns with the same values for the same leaderboard and filters.
    const cliOut: string[] = [];
    const cliDir = await mkdtemp(path.join(os.tmpdir(), 'mbe-e2e-cli-'));
    const code = await runCli(
      ['leaderboard', '--task', 'text-generation', '--dataset', 'IFEval · 0-shot', '--metric', 'strict accuracy', '--family', 'qwen', '--search', '7b', '--limit', 'all', '--format', 'csv'],
      { stdout: { write: (s: string) => cliOut.push(s) }, stderr: { write: () => undefined }, env: { DATA_DIR: cliDir, OFFLINE: '1', LOG_LEVEL: 'silent' } },
    );
    await rm(cliDir, { recursive: true, force: true });
    expect(code).toBe(0);
    const cli = readCsv(cliOut.join(''));
    expect(cli.meta.fields).toEqual(csv.meta.fields);
    const byId = new Map(cli.data.map((r) => [r.model_id, r]));
    expect(csv.data.map((r) => byId.get(r.model_id))).toEqual(csv.data);
    expect(new Set(csv.data.map((r) => r.on_pareto_front))).toEqual(new Set(['true', 'false']));

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const body = JSON.parse(await readFile((await json.path())!, 'utf8')) as { rows: { model_id: string }[]; filters: { family: string } };
    expect(body.rows.map((r) => r.model_id)).toEqual(csv.data.map((r) => r.model_id));
    expect(body.filters.family).toBe('qwen');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('compares models side by side and highlights the best value per benchmark', async () => {
    const ids = ['meta-llama/Llama-3.3-70B-Instruct', 'Qwen/Qwen2.5-72B-Instruct', 'meta-llama/Llama-3.1-70B-Instruct'];
    const { page, problems } = await open(`#/compare?ids=${ids.join(',')}`);
    await page.locator('td.best').first().waitFor();
    const table = (await page.evaluate(`[...document.querySelectorAll('.compare-table tbody tr')]
      .filter((tr) => tr.querySelector('td.best'))
      .map((tr) => [...tr.querySelectorAll('td')].map((td) => ({ text: td.textContent, best: td.classList.contains('best') })))`)) as { text: string; best: boolean }[][];
    // Six benchmarks, each as the raw score and as the leaderboard's normalized score: twelve rows.
    expect(table).toHaveLength(12);
    const labels = (await page.evaluate(`[...document.querySelectorAll('.compare-table tbody tr th')].map((th) => th.textContent)`)) as string[];
    expect(labels.filter((l) => l.startsWith('BBH'))).toHaveLength(2);
    expect(labels.some((l) => l.includes('leaderboard-normalized'))).toBe(true);
    for (const cells of table) {
      const values = cells.map((c) => parseFloat(c.text));
      const best = cells.findIndex((c) => c.best);
      expect(values[best]).toBe(Math.max(...values));
    }
    expect(await page.locator('.chip').count()).toBe(3);
    await page.getByRole('button', { name: `Remove ${ids[2]}` }).click();
    await waitForHash(page, (h) => !h.includes(ids[2]));
    await screenshot(page, 'compare-light');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the data status offline: source, age, licenses, no refresh', async () => {
    const { page, problems } = await open('#/status');
    await page.getByTestId('data-source').waitFor();
    expect(await page.getByTestId('data-source').textContent()).toBe('Bundled snapshot');
    expect(await page.getByTestId('offline-mode').textContent()).toContain('offline');
    expect(await page.getByRole('button', { name: 'Refresh now' }).isDisabled()).toBe(true);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('MPL-2.0');
    expect(text).toContain('Apache-2.0');
    expect(text).toContain('stale');

    // Synthetic values are opt-in and announced while on.
    await page.getByLabel(/Include synthetic fill-ins/).check();
    await page.locator('.synthetic-banner').waitFor();
    await page.getByRole('button', { name: 'Hide synthetic values' }).click();
    await page.locator('.synthetic-banner').waitFor({ state: 'detached' });
    await screenshot(page, 'status-offline-light', true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('stays readable at 360 px wide, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, problems } = await open(IFEVAL, { viewport: { width: 360, height: 780 }, colorScheme });
      await waitForGrid(page);
      // The page itself never scrolls sideways; only the grid does, inside its own box.
      expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(360);
      await screenshot(page, `leaderboard-narrow-${colorScheme}`, true);
      await page.locator('.vt-body [data-index="0"]').click();
      await page.locator('[data-testid=result-row]').first().waitFor();
      expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(360);
      await screenshot(page, `model-narrow-${colorScheme}`, true);
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  it('gives phones the table first, folds the controls and keeps compare and the correlation matrix inside their cards at 390 px', async () => {
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
    const { page, problems } = await open(IFEVAL, phone);
    await waitForGrid(page);
    const controls = page.getByTestId('phone-controls');
    expect(await controls.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('select[name=task]').isVisible()).toBe(false);
    // The grid starts within the first screen and is at least half a screen tall.
    const grid = (await page.locator('.table-scroll').boundingBox())!;
    expect(grid.y).toBeLessThan(844);
    expect(grid.height).toBeGreaterThan(844 / 2);
    await controls.click();
    expect(await page.locator('select[name=task]').isVisible()).toBe(true);

    for (const hash of ['#/compare?ids=meta-llama/Llama-3.1-8B-Instruct,Qwen/Qwen2.5-7B-Instruct,google/gemma-2-9b-it', '#/charts?task=text-generation&dataset=IFEval&metric=strict+accuracy']) {
      await page.goto(`${explorer.appUrl}${hash}`);
      await page.locator('.compare-table td.best, .heatmap [role=cell]').first().waitFor();
      // Wide content scrolls inside its own box; the page never scrolls sideways.
      expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(390);
    }
    // Rotated column names are shown whole, not cut to the header's height.
    const cut = (await page.evaluate(`[...document.querySelectorAll('.heatmap .hm-col')].filter((h) => h.scrollHeight > h.clientHeight + 1).length`)) as number;
    expect(cut).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('ranks exact and prefix matches first in the compare search and adds one with the arrow keys and Enter', async () => {
    const { page, problems } = await open('#/compare?ids=');
    const box = page.getByRole('combobox', { name: 'Add a model' });
    await box.fill('resnet50');
    const options = page.getByRole('option');
    await options.first().waitFor();
    // Models whose name starts with "resnet50" (timm's and the model zoos') come before ecaresnet50…, seresnet50….
    expect(await options.first().locator('span').first().textContent()).toMatch(/(^|\/)resnet50[^/]*$/);
    await box.fill('llama-3.1-8b');
    const idOf = async (i: number) => (await options.nth(i).locator('span').first().textContent())?.trim();
    await options.first().filter({ hasText: /^meta-llama\// }).waitFor();
    expect(await idOf(0)).toBe('meta-llama/Llama-3.1-8B');
    // Keyboard: down once, Enter adds the second match.
    const second = (await idOf(1))!;
    await box.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await box.press('Enter');
    await page.getByRole('button', { name: `Remove ${second}` }).waitFor();
    expect(await box.inputValue()).toBe('');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('leaves out empty and repeated columns, explains ◆, and tells ties and near ties apart in the leaderboard', async () => {
    const { page, problems } = await open(`${IFEVAL}&col=BBH+%C2%B7+3-shot%7Cnormalized+accuracy`);
    await waitForGrid(page);
    const headers = (await page.locator('.vt-head [role=columnheader]').allTextContents()).map((h) => h.trim());
    // The bundled exports carry no download counts: no column of dashes, and it says so.
    expect(headers.some((h) => h.startsWith('Downloads'))).toBe(false);
    expect(await page.getByTestId('empty-columns').textContent()).toBe('Not in this data: Downloads');
    // Ranked by IFEval, the score is the IFEval value: one column, not two.
    expect(headers.filter((h) => h.startsWith('IFEval'))).toEqual([]);
    expect(headers.some((h) => h.startsWith('BBH'))).toBe(true);
    expect(await page.getByTestId('table-legend').textContent()).toContain('◆ on the size/score Pareto front');
    expect(await page.getByText('1 chosen benchmarks').count()).toBe(0);

    // Ties share a rank and say so; neighbours that read alike at two decimals but differ get more.
    const read = `[...document.querySelectorAll('.vt-body [role=row]')].map((r) => ({ rank: parseInt(r.querySelector('[data-col=rank]').textContent, 10), tie: r.querySelector('[data-col=rank]').dataset.tie === 'true', value: Number(r.querySelector('[data-col=score]').dataset.value), text: r.querySelector('[data-col=score]').textContent }))`;
    const rows = (await page.evaluate(read)) as { rank: number; tie: boolean; value: number; text: string }[];
    expect(rows.length).toBeGreaterThan(10);
    let ties = 0;
    let close = 0;
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      if (a.value === b.value) {
        ties++;
        expect(a.rank).toBe(b.rank);
        expect(a.tie && b.tie).toBe(true);
      } else {
        expect(a.text).not.toBe(b.text);
        if ((a.value * 100).toFixed(2) === (b.value * 100).toFixed(2)) close++;
      }
    }
    // IFEval's top rows include a tie at rank 7 (85.93 %, data/sources/open-llm-leaderboard-v2).
    expect(ties).toBeGreaterThan(0);
    expect(close + ties).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('offers a reset-zoom control on the scatter chart and opens no model page on a double-click', async () => {
    const { page, problems } = await open('#/charts?task=text-generation&dataset=IFEval&metric=strict+accuracy');
    const chart = page.locator('[data-testid=scatter] .u-over');
    await chart.waitFor();
    const reset = page.getByTestId('reset-zoom');
    expect(await reset.isDisabled()).toBe(true);
    const b = (await chart.boundingBox())!;
    // Drag across the middle: zoomed, and the control says it can reset.
    await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * 0.8, b.y + b.height * 0.8, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(100);
    expect(await reset.isDisabled()).toBe(false);
    expect(await hashOf(page)).toMatch(/^#\/charts/);
    await reset.click();
    expect(await reset.isDisabled()).toBe(true);

    // Find a dot: the readout names the model under the pointer.
    let at: { x: number; y: number } | undefined;
    for (let fx = 0.3; fx < 0.95 && !at; fx += 0.02) {
      for (let fy = 0.1; fy < 0.9 && !at; fy += 0.05) {
        await page.mouse.move(b.x + b.width * fx, b.y + b.height * fy);
        // The scatter's readout is the first on the page (the trend chart has its own below).
        if (((await page.locator('.chart-readout').first().textContent()) ?? '').includes('click to open')) at = { x: b.x + b.width * fx, y: b.y + b.height * fy };
      }
    }
    expect(at).toBeDefined();
    await page.mouse.dblclick(at!.x, at!.y);
    await page.waitForTimeout(600);
    expect(await hashOf(page)).toMatch(/^#\/charts/);
    // One click still opens the model.
    await page.mouse.click(at!.x, at!.y);
    await waitForHash(page, (h) => h.startsWith('#/model/'));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('leads back from a model page and from an unknown model or address', async () => {
    const { page } = await open(IFEVAL);
    await waitForGrid(page);
    await page.locator('.vt-body [data-index="0"]').click();
    await page.locator('[data-testid=result-row]').first().waitFor();
    await page.getByRole('link', { name: '← Back' }).click();
    await waitForHash(page, (h) => h.startsWith('#/leaderboards'));
    for (const hash of ['#/model/no-such-org/no-such-model', '#/nowhere']) {
      await page.goto(`${explorer.appUrl}${hash}`);
      await page.getByRole('link', { name: '← Back' }).waitFor();
    }
    await page.context().close();
  });

  it('dates the bundled data by each source: the chip spans them and Data status lists each', async () => {
    const { page } = await open('#/status');
    // data/sources: the oldest dated source is the MMAction2 zoo (2023-10-12), the newest the timm results (2026-08-01);
    // the Open LLM Leaderboard export is of 2025-03-21.
    await page.getByTestId('data-chip').getByText('Snapshot · Oct 2023 – Aug 2026').waitFor();
    const title = (await page.getByTestId('data-chip').getAttribute('title')) ?? '';
    expect(title).toContain('Open LLM Leaderboard v2: data of 2025-03-21');
    const ages = (await page.getByTestId('source-ages').textContent()) ?? '';
    expect(ages).toContain('Open LLM Leaderboard v2: data of 2025-03-21');
    expect(ages).toContain('timm results (pytorch-image-models): data of 2026-08-01');
    await page.context().close();
  });

  it('draws the heatmap legend in the colors of its cells, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await open('#/charts?task=text-generation&dataset=IFEval&metric=strict+accuracy', { colorScheme });
      await page.locator('.hm-scale').waitFor();
      // A cell with r = 0 would be the card's surface; so is the middle of the legend.
      const [legend, surface] = (await page.evaluate(`[getComputedStyle(document.querySelector('.hm-scale')).backgroundImage, getComputedStyle(document.querySelector('.card')).backgroundColor]`)) as string[];
      expect(legend).toContain(surface);
      await page.context().close();
    }
  });

  it('talks over the IPC bridge instead of HTTP when the preload exposed one', async () => {
    const w = await openPage(browser);
    await installFakeIpcBridge(w.page);
    await w.page.goto(`${explorer.appUrl}${IFEVAL}`);
    await waitForGrid(w.page, (c) => c.total === 4495);
    expect(await w.page.evaluate('document.documentElement.dataset.transport')).toBe('ipc');
    const calls = (await w.page.evaluate('window.__ipcCalls')) as string[];
    expect(calls).toEqual(expect.arrayContaining(['query leaderboards.catalog', 'query leaderboards.list', 'subscription refresh.events']));

    // A server error crosses the bridge as a readable message.
    await w.page.goto(`${explorer.appUrl}#/model/no-such-org/no-such-model`);
    await w.page.getByRole('alert').waitFor();
    expect(await w.page.getByRole('alert').textContent()).toContain('no model "no-such-org/no-such-model"');
    await w.page.goto(`${explorer.appUrl}#/status`);
    await w.page.getByText('Connected over the desktop app’s IPC channel.').waitFor();
    // The stand-in bridge's own fetch of the unknown model is the one 404 Chromium logs.
    expect(w.problems.filter((p) => !p.includes('status of 404'))).toEqual([]);
    await w.page.context().close();
  });

  it('switches between light and dark with the theme button', async () => {
    const { page } = await open(IFEVAL, { colorScheme: 'light' });
    await waitForGrid(page);
    const bg = () => page.evaluate('getComputedStyle(document.body).backgroundColor') as Promise<string>;
    const light = await bg();
    await page.getByRole('button', { name: /Theme: system/ }).click(); // system → light
    await page.getByRole('button', { name: /Theme: light/ }).click(); // light → dark
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    expect(await bg()).not.toBe(light);
    await screenshot(page, 'leaderboard-dark');
    await rowCount(page);
    await page.context().close();
  });
});

/** Rows keyed by the header line, and the header itself. */
function readCsv(text: string): { data: Record<string, string>[]; meta: { fields: string[] } } {
  let fields: string[] = [];
  const data = parse(text, {
    columns: (header: string[]) => (fields = header),
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return { data, meta: { fields } };
}
