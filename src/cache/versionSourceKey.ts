// What a persisted dataset version was built from: the bytes of each source file (bundled snapshot,
// fetched or imported dataset, imported metafiles) and the code that enriches and analyses them. A
// version whose key differs from the current one is stale and is rebuilt from its sources.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION_FILE_FORMAT_VERSION } from './createVersionFileStore.js';

const codeKeys = new Map<string, string>();
const memoCode = (key: string, compute: () => string): string => {
  let value = codeKeys.get(key);
  if (value === undefined) codeKeys.set(key, (value = compute()));
  return value;
};

/** Hash of the sources in these folders of src/ (or dist/), or of the bundle this module was built into. */
function hashCode(folders: readonly string[]): string {
  const here = fileURLToPath(import.meta.url);
  const src = path.resolve(path.dirname(here), '..');
  const dirs = folders.map((d) => path.join(src, d));
  if (!dirs.every((d) => existsSync(d) && statSync(d).isDirectory())) return memoCode('bundle', () => createHash('sha256').update(readFileSync(here)).digest('hex'));
  return memoCode(folders.join(), () => {
    const hash = createHash('sha256');
    for (const dir of dirs) {
      for (const name of readdirSync(dir).sort()) {
        if (!/\.[cm]?[jt]s$/.test(name)) continue;
        hash.update(name).update(readFileSync(path.join(dir, name)));
      }
    }
    return hash.digest('hex');
  });
}

/**
 * A hash of the pipeline, analytics and schema sources next to this module, or of the bundle this
 * module was built into (the desktop app): a change of how numbers are derived makes old versions stale.
 */
export function codeFingerprint(): string {
  return hashCode(['pipeline', 'analytics', 'schemas', 'cache']);
}

/**
 * The same and the API's code too (routers, queries, their schemas): what a stored answer was made by.
 * Made from codeFingerprint, so the folders it hashes are read once.
 */
export function answerCodeFingerprint(): string {
  return memoCode('answer', () => createHash('sha256').update(codeFingerprint()).update(hashCode(['api'])).digest('hex'));
}

/** One key for a version built from these sources by this code, in this file format. */
export function versionSourceKey(sources: Record<string, string | undefined>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format_version: VERSION_FILE_FORMAT_VERSION, code: codeFingerprint(), sources }));
  return hash.digest('hex');
}

/** Where the sources' hashes are remembered, in DATA_DIR. */
export const SOURCE_HASHES_FILE_NAME = 'source-hashes.json';

/** What a source file's hash was taken of: its identity, size and times. */
interface HashedFile {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  /** When the bytes were hashed (ms since the epoch). */
  hashedAtMs: number;
  sha256: string;
}

/** Changes that land within this long of a hash could share its timestamps (coarse file system clocks). */
const TIMESTAMP_SLACK_MS = 2_000;

/**
 * SHA-256 of source files, remembered in a small JSON file next to the data with each file's inode,
 * size, mtime and ctime: a start rehashes only files whose stat changed. That is safe because every
 * writer of these files replaces them by rename (a new inode), and any change in place moves ctime,
 * which no tool can set back; a hash taken less than TIMESTAMP_SLACK_MS after the file's last change is
 * not trusted (a write in the same clock tick would keep the times). Anything unexpected rehashes.
 */
export function createSourceHashes(options: { file: string; now?: () => number }) {
  const now = options.now ?? Date.now;
  let known: Record<string, HashedFile> | undefined;
  const load = async (): Promise<Record<string, HashedFile>> => {
    if (known) return known;
    try {
      const parsed = JSON.parse(await readFile(options.file, 'utf8')) as unknown;
      known = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, HashedFile>) : {};
    } catch {
      known = {};
    }
    return known;
  };
  return {
    /** The file's SHA-256 (hex), or undefined when it is not a file. */
    async hash(file: string): Promise<string | undefined> {
      const full = path.resolve(file);
      let st: Awaited<ReturnType<typeof stat>>;
      try {
        st = await stat(full);
      } catch {
        return undefined;
      }
      if (!st.isFile()) return undefined;
      const entries = await load();
      const seen = entries[full];
      if (
        seen &&
        typeof seen.sha256 === 'string' &&
        seen.ino === st.ino &&
        seen.size === st.size &&
        seen.mtimeMs === st.mtimeMs &&
        seen.ctimeMs === st.ctimeMs &&
        seen.hashedAtMs - Math.max(st.mtimeMs, st.ctimeMs) >= TIMESTAMP_SLACK_MS
      ) {
        return seen.sha256;
      }
      const hashedAtMs = now();
      let sha256: string;
      try {
        sha256 = createHash('sha256').update(await readFile(full)).digest('hex');
      } catch {
        return undefined;
      }
      entries[full] = { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, hashedAtMs, sha256 };
      // Remembered for the next start; when it cannot be written, that start hashes again.
      const tmp = `${options.file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(entries), { mode: 0o600 })
        .then(() => rename(tmp, options.file))
        .catch(() => unlink(tmp).catch(() => undefined));
      return sha256;
    },
  };
}
