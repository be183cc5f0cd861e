// What a persisted dataset version was built from: the bytes of each source file (bundled snapshot,
// fetched or imported dataset, imported metafiles) and the code that enriches and analyses them. A
// version whose key differs from the current one is stale and is rebuilt from its sources.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION_FILE_FORMAT_VERSION } from './createVersionFileStore.js';

let codeKey: string | undefined;

/**
 * A hash of the pipeline, analytics and schema sources next to this module, or of the bundle this
 * module was built into (the desktop app): a change of how numbers are derived makes old versions stale.
 */
export function codeFingerprint(): string {
  if (codeKey) return codeKey;
  const hash = createHash('sha256');
  const here = fileURLToPath(import.meta.url);
  const src = path.resolve(path.dirname(here), '..');
  const dirs = ['pipeline', 'analytics', 'schemas', 'cache'].map((d) => path.join(src, d));
  if (dirs.every((d) => existsSync(d) && statSync(d).isDirectory())) {
    for (const dir of dirs) {
      for (const name of readdirSync(dir).sort()) {
        if (!/\.[cm]?[jt]s$/.test(name)) continue;
        hash.update(name).update(readFileSync(path.join(dir, name)));
      }
    }
  } else hash.update(readFileSync(here));
  codeKey = hash.digest('hex');
  return codeKey;
}

/** One key for a version built from these sources by this code, in this file format. */
export function versionSourceKey(sources: Record<string, string | undefined>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format_version: VERSION_FILE_FORMAT_VERSION, code: codeFingerprint(), sources }));
  return hash.digest('hex');
}
