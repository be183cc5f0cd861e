// Picks the dataset version a request reads: the current one, or its synthetic-filled twin when
// asked. Reading changes nothing: the cache refreshes expired data on its own schedule (keepFresh).
import type { DatasetVersion } from '../pipeline/buildDatasetVersion.js';
import { toTRPCError } from './apiErrors.js';
import type { Context } from './createContext.js';

export function datasetFor(ctx: Context, includeSynthetic?: boolean): DatasetVersion {
  try {
    return includeSynthetic ? ctx.cache.withSynthetic() : ctx.cache.current();
  } catch (error) {
    throw toTRPCError(error);
  }
}

/** Runs a query and turns the core's typed errors into tRPC errors. */
export function translate<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toTRPCError(error);
  }
}
