// Where the bundled snapshot lives: data/snapshot.json.gz under the package root, found by
// walking up from this module, so it resolves the same from src/ (tsx) and from a built out/ tree.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled snapshot, relative to the package root. */
export const BUNDLED_SNAPSHOT_RELATIVE_PATH = join('data', 'snapshot.json.gz');

export interface BundledSnapshotPathOptions {
  /** Use this file instead (e.g. a packaged app's resources folder, or a test fixture). */
  override?: string;
  /** Directory to start walking up from; defaults to this module's directory. */
  from?: string;
}

/**
 * The absolute path of the bundled snapshot. Throws when no ancestor directory holds both a
 * package.json and data/snapshot.json.gz (requiring both keeps an unrelated parent from matching).
 */
export function bundledSnapshotPath(options: BundledSnapshotPathOptions = {}): string {
  if (options.override) return resolve(options.override);
  const start = resolve(options.from ?? dirname(fileURLToPath(import.meta.url)));
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, BUNDLED_SNAPSHOT_RELATIVE_PATH);
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`bundledSnapshotPath: no ${BUNDLED_SNAPSHOT_RELATIVE_PATH} found in ${start} or any parent directory`);
}
