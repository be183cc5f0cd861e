// The small state a refresh leaves behind (when the last one succeeded, how the last one ended), kept
// in the storage port and in memory, so a state file that cannot be written loses nothing now. State
// written by another version or by hand is read, never trusted: bad keys are reported, copied, reset.
import { copyFileSync, existsSync } from 'node:fs';
import { RefreshOutcomeSchema, type RecoveryNotice, type RefreshOutcome } from './cacheSchemas.js';
import { corruptName } from './moveAside.js';
import type { KeyValueStore } from './storagePort.js';

const KEYS = { lastOutcome: 'refresh.lastOutcome', lastRefreshAt: 'refresh.lastSuccessAt' } as const;

export interface StoredRefreshState {
  /** When the last refresh or import succeeded (ms), if ever. */
  lastSuccessMs(): number | undefined;
  lastOutcome(): RefreshOutcome | null;
  recordOutcome(outcome: RefreshOutcome): RefreshOutcome;
  recordSuccess(at: string): void;
  /** Why state could not be saved, until a save works again. */
  error(): string | undefined;
  /** Checks the stored keys once at start; bad ones are reset and a copy of the file is kept. */
  recoverBadKeys(recovered: RecoveryNotice[]): void;
}

export function createStoredRefreshState(options: {
  store: KeyValueStore;
  clock: () => number;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}): StoredRefreshState {
  const { store, clock, log } = options;
  let stateError: string | undefined;
  let outcomeInMemory: RefreshOutcome | null | undefined;
  let lastRefreshInMemory: string | undefined;

  /** Writes small state; a failure (disk full) is reported in status, never thrown into a refresh. */
  function save(entries: Record<string, unknown>) {
    try {
      store.setMany(entries);
      stateError = undefined;
    } catch (error) {
      stateError = `could not save state to ${store.path}: ${(error as Error).message}`;
      log('error', stateError);
    }
  }

  return {
    lastSuccessMs() {
      const at = lastRefreshInMemory ?? store.get<unknown>(KEYS.lastRefreshAt);
      const t = typeof at === 'string' ? Date.parse(at) : NaN;
      return Number.isFinite(t) ? t : undefined;
    },
    lastOutcome() {
      // Read from the store once (status is asked on every /health); later outcomes are recorded here.
      if (outcomeInMemory === undefined) {
        const parsed = RefreshOutcomeSchema.safeParse(store.get<unknown>(KEYS.lastOutcome));
        outcomeInMemory = parsed.success ? parsed.data : null;
      }
      return outcomeInMemory;
    },
    recordOutcome(outcome) {
      outcomeInMemory = outcome;
      save({ [KEYS.lastOutcome]: outcome });
      return outcome;
    },
    recordSuccess(at) {
      lastRefreshInMemory = at;
      save({ [KEYS.lastRefreshAt]: at });
    },
    error: () => stateError,
    recoverBadKeys(recovered) {
      outcomeInMemory = undefined;
      const bad: string[] = [];
      const outcome = store.get<unknown>(KEYS.lastOutcome);
      if (outcome !== undefined && !RefreshOutcomeSchema.safeParse(outcome).success) bad.push(KEYS.lastOutcome);
      const lastRefresh = store.get<unknown>(KEYS.lastRefreshAt);
      if (lastRefresh !== undefined && (typeof lastRefresh !== 'string' || !Number.isFinite(Date.parse(lastRefresh)))) bad.push(KEYS.lastRefreshAt);
      if (bad.length === 0) return;
      const at = new Date(clock());
      let movedTo: string | undefined;
      if (store.path !== ':memory:' && existsSync(store.path)) {
        movedTo = corruptName(store.path, at);
        try {
          copyFileSync(store.path, movedTo);
        } catch {
          movedTo = undefined;
        }
      }
      for (const key of bad) store.delete(key);
      const notice = { file: store.path, movedTo, reason: `unexpected values for ${bad.join(', ')}; they were reset (a copy of the file was kept)`, at: at.toISOString() };
      recovered.push(notice);
      log('warn', `${notice.file}: ${notice.reason}`);
    },
  };
}
