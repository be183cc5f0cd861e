// Reads the virtualized leaderboard grid the way a user sees it: the rendered rows, top to bottom.
import type { Page } from 'playwright-core';

export interface GridRow {
  index: number;
  id: string;
  rank: number;
  /** The ranking score in its canonical scale (null when the model has none). */
  score: number | null;
  params: number | null;
  family: string;
}

const READ_ROWS = `(() => {
  const num = (el) => (el && el.dataset.value !== '' ? Number(el.dataset.value) : null);
  return [...document.querySelectorAll('.vt-body [role=row]')]
    .map((r) => ({
      index: Number(r.dataset.index),
      id: r.dataset.modelId,
      rank: parseInt(r.querySelector('[data-col=rank]')?.textContent ?? '', 10),
      score: num(r.querySelector('[data-col=score]')),
      params: num(r.querySelector('[data-col=params]')),
      family: r.querySelector('[data-col=family]')?.textContent ?? '',
    }))
    .sort((a, b) => a.index - b.index);
})()`;

export async function gridRows(page: Page): Promise<GridRow[]> {
  return (await page.evaluate(READ_ROWS)) as GridRow[];
}

/** "Showing 1,234 of 4,495 models" → { shown: 1234, total: 4495 }. */
export async function rowCount(page: Page): Promise<{ shown: number; total: number }> {
  const text = (await page.getByTestId('row-count').textContent()) ?? '';
  const m = /Showing\s+([\d,]+)\s+of\s+([\d,]+)/.exec(text);
  if (!m) throw new Error(`rowCount: unexpected text "${text}"`);
  return { shown: Number(m[1].replace(/,/g, '')), total: Number(m[2].replace(/,/g, '')) };
}

/** Waits until the grid shows rows and the count satisfies `ok` (filters apply after a short debounce). */
export async function waitForGrid(page: Page, ok: (c: { shown: number; total: number }) => boolean = (c) => c.shown > 0, timeoutMs = 20_000): Promise<{ shown: number; total: number }> {
  const until = Date.now() + timeoutMs;
  let last: { shown: number; total: number } | undefined;
  for (;;) {
    if (await page.getByTestId('row-count').count()) {
      last = await rowCount(page);
      if (ok(last) && (last.shown === 0 || (await page.locator('.vt-body [role=row]').count()) > 0)) return last;
    }
    if (Date.now() > until) throw new Error(`waitForGrid: condition not met; last count ${JSON.stringify(last)}`);
    await page.waitForTimeout(100);
  }
}

export const isNonIncreasing = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] >= x);
export const isNonDecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);
