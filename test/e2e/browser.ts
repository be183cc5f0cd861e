// Launches the system Chromium for browser tests and records what a page complains about.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { repoRoot } from './ensureRendererBuilt.js';

export const screenshotDir = path.join(repoRoot, 'test-output', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions, in order. */
  problems: string[];
}

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return { page, problems };
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  // A full-page capture of a scrolled page draws the sticky header mid-page.
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: file, fullPage });
  return file;
}

/**
 * A stand-in for the desktop preload: the same bridge contract (`window.mbeIpc`), answered by calling
 * the server's tRPC endpoint, so the UI's IPC link is exercised end to end in a plain browser.
 * Calls are recorded in `window.__ipcCalls` as "<type> <path>".
 */
export async function installFakeIpcBridge(page: Page): Promise<void> {
  await page.addInitScript(`(() => {
      const listeners = new Set();
      const emit = (m) => setTimeout(() => listeners.forEach((l) => l(m)), 0);
      window.__ipcCalls = [];
      window.mbeIpc = {
        onMessage(l) { listeners.add(l); return () => listeners.delete(l); },
        send(m) {
          if (m.kind !== 'request') return;
          window.__ipcCalls.push(m.type + ' ' + m.path);
          if (m.type === 'subscription') { emit({ id: m.id, kind: 'started' }); return; }
          const input = m.input === undefined ? '' : '?input=' + encodeURIComponent(JSON.stringify(m.input));
          const req = m.type === 'mutation'
            ? fetch('/trpc/' + m.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m.input ?? {}) })
            : fetch('/trpc/' + m.path + input);
          req.then((r) => r.json()).then((body) => {
            if (body.error) emit({ id: m.id, kind: 'error', error: { message: body.error.message, code: body.error.data.code, httpStatus: body.error.data.httpStatus, detail: body.error.detail } });
            else emit({ id: m.id, kind: 'data', data: body.result.data });
          });
        },
      };
    })()`);
}
