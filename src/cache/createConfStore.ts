// KeyValueStore over `conf` (the library electron-store wraps), for the headless server and tests.
// Same file format and keys as the desktop app's electron-store.
import Conf from 'conf';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { moveAsideSync } from './moveAside.js';
import type { KeyValueStore, RecoveryNotice } from './storagePort.js';

export const STATE_FILE_NAME = 'state';

export function createConfStore(options: { dir: string; name?: string; now?: () => Date }): {
  store: KeyValueStore;
  recovered?: RecoveryNotice;
} {
  const configName = options.name ?? STATE_FILE_NAME;
  const file = path.join(options.dir, `${configName}.json`);
  const open = () =>
    new Conf<Record<string, unknown>>({
      cwd: options.dir,
      configName,
      projectName: 'ml-benchmark-explorer',
      // Model ids contain dots ("Llama-3.1-8B"): keys must stay flat.
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
    });
  let conf: Conf<Record<string, unknown>>;
  let recovered: RecoveryNotice | undefined;
  try {
    // conf accepts any JSON and would turn a string or array into an object on the next write.
    if (existsSync(file)) {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('state file does not hold a JSON object');
    }
    conf = open();
  } catch (error) {
    // Unreadable state: keep the bad file for inspection, start with empty state.
    const now = options.now?.() ?? new Date();
    const movedTo = existsSync(file) ? moveAsideSync(file, now) : undefined;
    recovered = { file, movedTo, reason: (error as Error).message, at: now.toISOString() };
    conf = open();
  }
  const store: KeyValueStore = {
    get: <T>(key: string) => conf.get(key) as T | undefined,
    setMany: (entries) => conf.set(entries),
    delete: (key) => conf.delete(key),
    path: conf.path,
  };
  return { store, recovered };
}
