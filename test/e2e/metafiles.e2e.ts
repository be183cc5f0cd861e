// Model-zoo metafiles in the browser: importing a zoo's folder (and refusing a file that does not
// parse) from the data status page, a model-zoo model's page with its paper, code, config and
// weights links instead of the Hub, and the score-vs-FLOPs chart.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './browser.js';
import { repoRoot } from './ensureRendererBuilt.js';
import { startExplorer, type RunningExplorer } from './startExplorer.js';

let explorer: RunningExplorer;
let browser: Browser;
const labZoo = path.join(repoRoot, 'test', 'fixtures', 'metafiles', 'lab-zoo');
/** data/README.md: 4,495 leaderboard + 1,267 timm + 2,186 model-zoo models in the bundled snapshot. */
const BUNDLED_MODELS = 4495 + 1267 + 2186;

beforeAll(async () => {
  [explorer, browser] = await Promise.all([startExplorer({ OFFLINE: '1' }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await explorer?.close();
});

async function openStatus(page: Page) {
  page.on('filechooser', () => undefined);
  await page.goto(`${explorer.appUrl}#/status`);
  await page.getByRole('heading', { name: 'Model-zoo metafiles' }).waitFor();
}

async function choose(page: Page, button: string, files: string | string[]) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button }).click()]);
  await chooser.setFiles(files);
}

const statusOf = async () => (await (await fetch(`${explorer.url}/api/cache-status`)).json()) as { data_count: number; dataset_version: string; sources: { name: string }[] };

describe('model-zoo metafiles in the UI', () => {
  it('refuses a metafile that does not parse, naming it, and changes nothing', async () => {
    const { page, problems } = await openPage(browser);
    await openStatus(page);
    const before = await statusOf();
    await choose(page, 'Import model-zoo metafiles…', path.join(labZoo, 'configs', 'broken', 'metafile.yml'));
    const error = page.getByTestId('metafile-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/metafile\.yml: not valid YAML: .*Nothing was imported; the current data is unchanged\./);
    expect((await statusOf()).dataset_version).toBe(before.dataset_version);
    // The 400 answer is logged by the browser as a failed request; nothing else may complain.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    await page.context().close();
  });

  it('imports a zoo\'s folder, reports the files it could not use, and lists the zoo among the sources', async () => {
    const { page, problems } = await openPage(browser);
    await openStatus(page);
    await choose(page, 'Import model-zoo metafiles from a folder…', labZoo);
    const done = page.getByTestId('metafile-status');
    // test/fixtures/metafiles/lab-zoo: 4 usable models with 8 values.
    await done.getByText(`Imported 4 models (8 results) as example-lab/lab-zoo; now serving ${(BUNDLED_MODELS + 4).toLocaleString('en')} models.`).waitFor();
    const notUsed = (await page.getByTestId('metafile-file-errors').textContent()) ?? '';
    expect(notUsed).toContain('lab-zoo/configs/broken/metafile.yml: not valid YAML');
    expect(notUsed).toContain('lab-zoo/configs/absent/metafile.yml: listed in lab-zoo/model-index.yml but not among the files');
    await page.getByRole('cell', { name: 'example-lab/lab-zoo model zoo (imported metafiles)' }).waitFor();
    expect((await statusOf()).data_count).toBe(BUNDLED_MODELS + 4);
    await screenshot(page, 'status-metafiles-light', true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows a bundled model-zoo model with its paper, code, config and weights links and no Hub link', async () => {
    const { page, problems } = await openPage(browser);
    // data/sources/openmmlab/mmpretrain/configs/resnet/metafile.yml: resnet50_8xb32_in1k, Top 1 Accuracy 76.55, FLOPs 4120000000, Parameters 25560000.
    await page.goto(`${explorer.appUrl}#/model/openmmlab/mmpretrain/resnet50_8xb32_in1k`);
    await page.getByRole('heading', { name: 'resnet50_8xb32_in1k' }).waitFor();
    expect(await page.getByRole('link', { name: /Open on Hugging Face/ }).count()).toBe(0);
    const href = (k: string) => page.getByTestId(`model-link-${k}`).getAttribute('href');
    expect(await href('paper')).toBe('https://openaccess.thecvf.com/content_cvpr_2016/html/He_Deep_Residual_Learning_CVPR_2016_paper.html');
    expect(await href('code')).toBe('https://github.com/open-mmlab/mmpretrain/blob/v0.15.0/mmcls/models/backbones/resnet.py#L383');
    expect(await href('config')).toBe('https://github.com/open-mmlab/mmpretrain/blob/ee7f2e88501f61aa95c742dd5f429f039935ee90/configs/resnet/resnet50_8xb32_in1k.py');
    expect(await href('weights')).toBe('https://download.openmmlab.com/mmclassification/v0/resnet/resnet50_8xb32_in1k_20210831-ea4938fc.pth');
    const link = page.getByTestId('model-link-paper');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect((await link.getAttribute('rel'))?.split(' ').sort()).toEqual(['noopener', 'noreferrer']);
    expect(await page.getByTestId('model-zoo').textContent()).toBe('openmmlab/mmpretrain');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('4.12 GFLOPs');
    expect(main).toContain('25,560,000, from model-zoo');
    const top1 = page.getByTestId('result-row').filter({ hasText: 'top-1 accuracy' });
    expect(await top1.textContent()).toMatch(/76\.55\s*%.*model zoo/);
    await screenshot(page, 'model-zoo-light', true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('draws score vs FLOPs beside score vs parameters where the zoo states FLOPs', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${explorer.appUrl}#/charts?task=video-classification&dataset=Kinetics-400&metric=top-1+accuracy`);
    await page.locator('[data-testid=scatter] canvas').waitFor();
    await page.locator('[data-testid=scatter-flops] canvas').waitFor();
    await page.getByRole('heading', { name: 'Score vs FLOPs' }).waitFor();
    const text = (await page.locator('section[aria-labelledby=scatter-flops-h]').textContent()) ?? '';
    expect(text).toMatch(/[\d,]+ models with stated FLOPs/);
    expect(text).toMatch(/Pareto front \(\d+\): no cheaper model scores as well/);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
