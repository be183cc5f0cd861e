// The offline API docs in real Chromium: /docs (Swagger UI) and /redoc render from this server
// alone, with no request leaving it and no CSP violation; /favicon.ico is the app icon.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser.js';
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

describe('API docs pages', () => {
  it.each([
    ['/docs', '.swagger-ui .info'],
    ['/redoc', '[role=menu]'],
  ])('renders %s with every request going to this server and no console errors', async (path, ready) => {
    const { page, problems } = await openPage(browser);
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(`${explorer.url}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) elsewhere.push(url);
    });
    await page.goto(`${explorer.url}${path}`);
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    await page.getByText('/api/leaderboards', { exact: false }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('answers /favicon.ico with the app icon as an ICO holding a PNG', async () => {
    const res = await fetch(`${explorer.url}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-icon');
    const bytes = Buffer.from(await res.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), one image; the image data starts with PNG's signature.
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([0, 1, 1]);
    expect(bytes.subarray(bytes.readUInt32LE(18), bytes.readUInt32LE(18) + 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });
});
