// Shared checks for the reliability suite: request counts per budget window, "is this error
// message readable", a fault → outcome table printed after a file's tests, and small snapshot
// files written to a temp dir so servers start in milliseconds instead of loading the bundle.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SnapshotFile } from '../../src/schemas/snapshotSchemas.js';
import { writeSnapshotFile } from '../../src/snapshot/writeSnapshotFile.js';
import { STACK_TRACE } from './httpRequest.js';

/**
 * Most requests in one window, with windows opened the way the client's budget opens them: a
 * window starts with the first request after the previous window closed.
 */
export function maxPerWindow(times: readonly number[], windowMs: number): number {
  let max = 0;
  let start = Number.NEGATIVE_INFINITY;
  let n = 0;
  for (const t of [...times].sort((a, b) => a - b)) {
    if (t >= start + windowMs) {
      start = t;
      n = 0;
    }
    n++;
    max = Math.max(max, n);
  }
  return max;
}

/** Why a message shown to an analyst is not readable, or undefined when it is. */
export function unreadable(message: unknown): string | undefined {
  if (typeof message !== 'string') return `not a string: ${String(message)}`;
  const t = message.trim();
  if (t.length < 10) return `too short: "${t}"`;
  if (t.length > 4000) return `too long (${t.length} chars)`;
  if (STACK_TRACE.test(t)) return 'contains a stack trace';
  if (/\[object Object\]|\bundefined\b|\bNaN\b/.test(t)) return `contains a placeholder: "${t.slice(0, 200)}"`;
  return undefined;
}

/** A table of rows printed once, after every test of the file ran. */
export function createOutcomeTable<Row extends Record<string, string | number | boolean>>(title: string) {
  const rows: Row[] = [];
  return {
    rows,
    add(row: Row) {
      rows.push(row);
    },
    render(): string {
      if (rows.length === 0) return `${title}: (no rows)`;
      const cols = Object.keys(rows[0]);
      const cell = (v: unknown) => String(v).replace(/\|/g, '/').replace(/\s+/g, ' ');
      const lines = [
        `| ${cols.join(' | ')} |`,
        `| ${cols.map(() => '---').join(' | ')} |`,
        ...rows.map((r) => `| ${cols.map((c) => cell(r[c])).join(' | ')} |`),
      ];
      return `${title}\n${lines.join('\n')}`;
    },
  };
}

/** Writes a snapshot where startServer's `bundledSnapshot` option can read it. */
export async function writeFixtureSnapshot(dir: string, snapshot: SnapshotFile, name = 'fixture-snapshot.json.gz'): Promise<string> {
  const file = path.join(dir, name);
  await writeSnapshotFile(file, snapshot, { gzip: true });
  return file;
}

/** Writes raw bytes (for corrupt-file fixtures). */
export async function writeBytes(file: string, bytes: string | Buffer): Promise<void> {
  await writeFile(file, bytes);
}
