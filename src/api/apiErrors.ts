// Core errors → tRPC codes (and so HTTP statuses). The core throws small typed errors; this is
// the one place that knows what they mean on the wire.
import { TRPCError } from '@trpc/server';
import { BusyError, NoDataError, OfflineError } from '../cache/createBenchmarkCache.js';
import { SnapshotFileError } from '../snapshot/snapshotErrors.js';

export class ModelNotFoundError extends Error {
  override name = 'ModelNotFoundError';
}
export class InvalidQueryError extends Error {
  override name = 'InvalidQueryError';
}
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof ModelNotFoundError || error instanceof NotFoundError) return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  // A refused snapshot: the reader's words ("not a snapshot file (format is missing)"), as the CLI says them.
  if (error instanceof SnapshotFileError) return new TRPCError({ code: 'BAD_REQUEST', message: error.detail, cause: error });
  if (error instanceof InvalidQueryError) return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
  if (error instanceof BusyError) return new TRPCError({ code: 'CONFLICT', message: error.message, cause: error });
  if (error instanceof NoDataError) return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message, cause: error });
  if (error instanceof OfflineError) return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message, cause: error });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', cause: error });
}
