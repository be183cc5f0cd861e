// Procedures whose input or answer is large (the whole dataset, a snapshot file, a zoo's files): over
// HTTP tRPC each is called alone, never in a batch, so one request costs at most one of them.
export const UNBATCHED_PROCEDURES: readonly string[] = ['benchmarks.get', 'snapshot.export', 'snapshot.import', 'metafiles.import'];

/** Calls in one tRPC batch request, at most. */
export const MAX_BATCH_CALLS = 16;
