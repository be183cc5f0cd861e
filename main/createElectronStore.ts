// KeyValueStore over electron-store, for the desktop app. Same directory, file name, format and keys as
// the headless server's conf store, so the app and `npm run serve` share one state file.
import path from 'node:path';
import ElectronStore from 'electron-store';
import { openStateStore, STATE_FILE_NAME } from '../src/cache/createConfStore.js';
import type { KeyValueStore, RecoveryNotice } from '../src/cache/storagePort.js';

export function createElectronStore(options: { dir: string; name?: string; now?: () => Date }): {
  store: KeyValueStore;
  recovered?: RecoveryNotice;
} {
  const name = options.name ?? STATE_FILE_NAME;
  return openStateStore(
    path.join(options.dir, `${name}.json`),
    () =>
      new ElectronStore<Record<string, unknown>>({
        cwd: options.dir,
        name,
        // Model ids contain dots ("Llama-3.1-8B"): keys must stay flat.
        accessPropertiesByDotNotation: false,
        // Never reset silently: a bad file is moved aside so whatever it held can be recovered.
        clearInvalidConfig: false,
      }),
    options.now,
  );
}
