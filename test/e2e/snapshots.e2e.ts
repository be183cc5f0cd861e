// Snapshot files in the browser, on the data status page: export the current dataset as a gzip
// download, import a small valid file (the bundled snapshot stays underneath), refuse a broken one
// with the reason in words while the data stays as it was, and the same over the IPC bridge.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotFile } from '../../src/schemas/snapshotSchemas.js';
import { createTempDirs } from '../support/tempDirs.js';
import { installFakeIpcBridge, launchBrowser, openPage, screenshot } from './browser.js';
import { startExplorer, type RunningExplorer } from './startExplorer.js';

let explorer: RunningExplorer;
let browser: Browser;
const temp = createTempDirs('mbe-e2e-snapshots');
/** data/README.md: 4,495 leaderboard + 1,267 timm + 2,186 model-zoo models in the bundled snapshot. */
const BUNDLED_MODELS = 4495 + 1267 + 2186;
const BUNDLED_SHOWN = BUNDLED_MODELS.toLocaleString('en');
let dir: string;
/** The first export (the bundled snapshot), the base of the files the later tests import. */
let exported: SnapshotFile | undefined;

beforeAll(async () => {
  [explorer, browser, dir] = await Promise.all([startExplorer({ OFFLINE: '1' }), launchBrowser(), temp.make()]);
});

afterAll(async () => {
  await browser?.close();
  await explorer?.close();
  await temp.cleanup();
});

async function openStatus(page: Page) {
  // Turns on file-chooser interception before any button is pressed (listening only at the press races it).
  page.on('filechooser', () => undefined);
  await page.goto(`${explorer.appUrl}#/status`);
  await page.getByTestId('data-source').waitFor();
  await page.getByRole('heading', { name: 'Snapshots' }).waitFor();
}

/** What the status view says about the data served: its source and the count line under it. */
async function shownData(page: Page): Promise<{ source: string; counts: string }> {
  const card = page.locator('section[aria-labelledby=src-h]');
  return { source: (await page.getByTestId('data-source').textContent()) ?? '', counts: (await card.locator('p.small').textContent()) ?? '' };
}

/** Chooses a file for "Import snapshot…" from the keyboard: focus the button, press Enter, pick the file. */
async function importFile(page: Page, file: string) {
  const button = page.getByRole('button', { name: 'Import snapshot…' });
  await button.focus();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
  expect(chooser.isMultiple()).toBe(false);
  await chooser.setFiles(file);
}

async function exportDownload(page: Page) {
  const button = page.getByRole('button', { name: 'Export snapshot' });
  await button.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const bytes = await readFile((await download.path())!);
  return { name: download.suggestedFilename(), bytes };
}

const statusOf = async () => (await (await fetch(`${explorer.url}/api/cache-status`)).json()) as { source: string; data_count: number; dataset_version: string };

describe('snapshots on the data status page', () => {
  it('exports the current dataset as a gzip-compressed snapshot file', async () => {
    const { page, problems } = await openPage(browser);
    await openStatus(page);
    expect(await page.locator('main').textContent()).toContain('A snapshot is one file with the whole current dataset');

    const { name, bytes } = await exportDownload(page);
    expect(name).toMatch(/^ml-benchmarks-\d{4}-\d{2}-\d{2}\.json\.gz$/);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const snapshot = JSON.parse(gunzipSync(bytes).toString('utf8')) as SnapshotFile;
    expect(snapshot.format).toBe('ml-benchmark-explorer.snapshot');
    expect(snapshot.version).toBe(1);
    expect(snapshot.origin).toBe('bundled');
    expect(snapshot.models).toHaveLength(BUNDLED_MODELS);
    expect(snapshot.sources.length).toBeGreaterThan(0);
    await page.getByTestId('snapshot-status').getByText(`Exported ${name}: ${BUNDLED_SHOWN} models`).waitFor();
    exported = snapshot;
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('imports a small valid snapshot and serves it on top of the bundled one', async () => {
    expect(exported).toBeDefined();
    const small: SnapshotFile = { ...exported!, origin: 'hub', models: exported!.models.slice(0, 50) };
    const file = path.join(dir, 'small.json.gz');
    await writeFile(file, gzipSync(JSON.stringify(small)));

    const { page, problems } = await openPage(browser);
    // Holds the upload back a moment, so the step shown while the server validates can be seen.
    await page.route('**/trpc/snapshot.import**', async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    await openStatus(page);
    const before = await shownData(page);
    expect(before.source).toBe('Bundled snapshot');
    expect(before.counts).toMatch(new RegExp(`^${BUNDLED_SHOWN} models · [\\d,]+ results$`));

    await importFile(page, file);
    await page.getByTestId('snapshot-status').getByText('Validating…').waitFor();
    await page.getByTestId('snapshot-status').getByText(`Imported 50 models; now serving ${BUNDLED_SHOWN} models.`).waitFor();
    // The 50 models are all in the bundled snapshot too, so the count stays; the source says the data came as a file.
    await page.getByTestId('data-source').getByText('Imported snapshot file').waitFor();
    const after = await shownData(page);
    expect(after.counts).toMatch(new RegExp(`^${BUNDLED_SHOWN} models · [\\d,]+ results$`));
    expect(await page.getByTestId('snapshot-error').count()).toBe(0);
    const status = await statusOf();
    expect(status.source).toBe('import');
    expect(status.data_count).toBe(BUNDLED_MODELS);
    await page.waitForTimeout(200);
    await screenshot(page, 'status-snapshots-light', true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('refuses a broken file with the reason in words and keeps the data as it was', async () => {
    expect(exported).toBeDefined();
    // Plain JSON under a .gz name: the page tells gzip by its first bytes, not by the name.
    const broken = path.join(dir, 'broken.json.gz');
    await writeFile(broken, JSON.stringify({ ...exported!, version: 99, models: exported!.models.slice(0, 5) }));
    const notJson = path.join(dir, 'notes.json');
    await writeFile(notJson, 'these are not the models you are looking for');

    const { page, problems } = await openPage(browser, { colorScheme: 'dark' });
    await openStatus(page);
    const before = await shownData(page);
    const versionBefore = (await statusOf()).dataset_version;

    await importFile(page, broken);
    const alert = page.getByTestId('snapshot-error');
    await alert.waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    const text = (await alert.textContent()) ?? '';
    // The reader's words, as the CLI's import prints them.
    expect(text).toContain('Could not import broken.json.gz: snapshot version 99 is not supported (this app reads version 1)');
    expect(text).toContain('Nothing was imported; the current data is unchanged.');
    await page.waitForTimeout(300);
    expect(await shownData(page)).toEqual(before);
    expect((await statusOf()).dataset_version).toBe(versionBefore);
    await screenshot(page, 'status-snapshots-error-dark', true);

    // JSON, but something else: said in words, not as a list of schema differences.
    const other = path.join(dir, 'package.json');
    await writeFile(other, JSON.stringify({ name: 'something', version: '1.0.0' }));
    await importFile(page, other);
    await page.getByTestId('snapshot-error').getByText('Could not import package.json: not a snapshot file (format is missing)').waitFor();
    expect((await statusOf()).dataset_version).toBe(versionBefore);

    // Not JSON at all: refused before anything is sent.
    await importFile(page, notJson);
    await page.getByTestId('snapshot-error').getByText(/Could not import notes\.json: the file is not JSON/).waitFor();
    expect(await shownData(page)).toEqual(before);
    expect((await statusOf()).dataset_version).toBe(versionBefore);
    // The refused import is the one 400 Chromium logs.
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    await page.context().close();
  });

  it('exports and imports over the IPC bridge too', async () => {
    expect(exported).toBeDefined();
    const full = path.join(dir, 'full.json.gz');
    await writeFile(full, gzipSync(JSON.stringify(exported)));

    const w = await openPage(browser);
    await installFakeIpcBridge(w.page);
    await openStatus(w.page);
    await w.page.getByText('Connected over the desktop app’s IPC channel.').waitFor();

    // The export is the imported layer on top (the 50 models); the bundled snapshot is not repeated.
    const { name, bytes } = await exportDownload(w.page);
    expect(name).toMatch(/^ml-benchmarks-\d{4}-\d{2}-\d{2}\.json\.gz$/);
    const snapshot = JSON.parse(gunzipSync(bytes).toString('utf8')) as SnapshotFile;
    expect(snapshot.origin).toBe('hub');
    expect(snapshot.models).toHaveLength(50);
    await w.page.getByText('the bundled snapshot every copy of the app has is not repeated in it').waitFor();

    // The whole bundled export, imported back as a file: the source reads as an import.
    await importFile(w.page, full);
    await w.page.getByTestId('snapshot-status').getByText(`Imported ${BUNDLED_SHOWN} models; now serving ${BUNDLED_SHOWN} models.`).waitFor({ timeout: 30_000 });
    await w.page.getByTestId('data-source').getByText('Imported snapshot file').waitFor();
    expect((await statusOf()).source).toBe('import');
    const calls = (await w.page.evaluate('window.__ipcCalls')) as string[];
    expect(calls).toEqual(expect.arrayContaining(['query snapshot.export', 'mutation snapshot.import']));
    expect(w.problems).toEqual([]);
    await w.page.context().close();
  });
});
