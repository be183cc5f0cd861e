// KeyValueStore over electron-store, for the desktop app. Same directory, file name, format and keys as
// the headless server's conf store, so the app and `npm run serve` share one state file.
import { existsSync } from 'node:fs';
import path from 'node:path';
import ElectronStore from 'electron-store';
import { STATE_FILE_NAME } from '../src/cache/createConfStore.js';
import { moveAsideSync } from '../src/cache/moveAside.js';
import type { KeyValueStore, RecoveryNotice } from '../src/cache/storagePort.js';

export function createElectronStore(options: { dir: string; name?: string; now?: () => Date }): {
  store: KeyValueStore;
  recovered?: RecoveryNotice;
} {
  const name = options.name ?? STATE_FILE_NAME;
  const file = path.join(options.dir, `${name}.json`);
  const open = () =>
    new ElectronStore<Record<string, unknown>>({
      cwd: options.dir,
      name,
      // Model ids contain dots ("Llama-3.1-8B"): keys must stay flat.
      accessPropertiesByDotNotation: false,
      // Never reset silently: a bad file is moved aside below so whatever it held can be recovered.
      clearInvalidConfig: false,
    });
  let store: ElectronStore<Record<string, unknown>>;
  let recovered: RecoveryNotice | undefined;
  try {
    store = open();
  } catch (error) {
    const now = options.now?.() ?? new Date();
    const movedTo = existsSync(file) ? moveAsideSync(file, now) : undefined;
    recovered = { file, movedTo, reason: (error as Error).message, at: now.toISOString() };
    store = open();
  }
  return {
    store: {
      get: <T>(key: string) => store.get(key) as T | undefined,
      setMany: (entries) => store.set(entries),
      delete: (key) => store.delete(key),
      path: store.path,
    },
    recovered,
  };
}
