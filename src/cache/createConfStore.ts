// KeyValueStore over `conf` (the library electron-store wraps), for the headless server, the desktop
// app's core (a worker thread, which cannot load electron-store) and tests: one state file for all.
import Conf from 'conf';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { moveAsideSync } from './moveAside.js';
import type { KeyValueStore, RecoveryNotice } from './storagePort.js';

export const STATE_FILE_NAME = 'state';

/** What conf and electron-store have in common. */
export interface ConfLike {
  readonly store: Record<string, unknown>;
  readonly path: string;
  set(entries: Record<string, unknown>): void;
  delete(key: string): void;
}

/**
 * Opens a state file through `open` (conf or electron-store). A file that is not a JSON object is
 * moved aside, never reset silently. Reads come from memory: conf's getter re-reads and parses the
 * file on every call, which would put disk I/O on every request.
 */
export function openStateStore(file: string, open: () => ConfLike, now: () => Date = () => new Date()): { store: KeyValueStore; recovered?: RecoveryNotice } {
  let conf: ConfLike;
  let recovered: RecoveryNotice | undefined;
  try {
    // conf accepts any JSON and would turn a string or array into an object on the next write.
    if (existsSync(file)) {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('state file does not hold a JSON object');
    }
    conf = open();
  } catch (error) {
    const at = now();
    const movedTo = existsSync(file) ? moveAsideSync(file, at) : undefined;
    recovered = { file, movedTo, reason: (error as Error).message, at: at.toISOString() };
    conf = open();
  }
  let copy = conf.store;
  const store: KeyValueStore = {
    get: <T>(key: string) => (Object.hasOwn(copy, key) ? (copy[key] as T) : undefined),
    setMany: (entries) => {
      conf.set(entries);
      copy = conf.store;
    },
    delete: (key) => {
      conf.delete(key);
      copy = conf.store;
    },
    path: conf.path,
  };
  return { store, recovered };
}

export function createConfStore(options: { dir: string; name?: string; now?: () => Date }): {
  store: KeyValueStore;
  recovered?: RecoveryNotice;
} {
  const configName = options.name ?? STATE_FILE_NAME;
  return openStateStore(
    path.join(options.dir, `${configName}.json`),
    () =>
      new Conf<Record<string, unknown>>({
        cwd: options.dir,
        configName,
        projectName: 'ml-benchmark-explorer',
        // Model ids contain dots ("Llama-3.1-8B"): keys must stay flat.
        accessPropertiesByDotNotation: false,
        // Never reset silently: a bad file is moved aside so whatever it held can be recovered.
        clearInvalidConfig: false,
      }),
    options.now,
  );
}
