// The one tRPC init's error formatter: every error leaves with a `detail` string that names the
// problem (the field first, for input errors) and never with a stack trace or an internal message.
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../../src/api/appRouter.js';
import { describeIssues } from '../../src/api/trpc.js';
import { createBenchmarkCache, type BenchmarkCache } from '../../src/cache/createBenchmarkCache.js';
import { createDatasetFileStore } from '../../src/cache/createDatasetFileStore.js';
import { createMemoryStore } from '../../src/cache/storagePort.js';
import { STACK_TRACE } from '../support/httpRequest.js';
import { errorShapeOf, rejectionOf, testContext, useSharedTestCache } from '../support/testCache.js';
import { snapshotOf, SST2_MODELS } from '../support/testSnapshots.js';

let cache: BenchmarkCache;
const temp = useSharedTestCache('trpc', { bundled: snapshotOf(SST2_MODELS), offline: true }, (c) => {
  cache = c;
});

describe('describeIssues', () => {
  it('puts the field path first and joins several issues with "; " when given zod issues', () => {
    expect(
      describeIssues([
        { path: ['limit'], message: 'Too small: expected number to be >=1' },
        { path: ['filters', 0, 'name'], message: 'Required' },
        { path: [], message: 'Expected object' },
      ]),
    ).toBe('limit: Too small: expected number to be >=1; filters.0.name: Required; input: Expected object');
  });
});

describe('errorFormatter (initTRPC in trpc.ts)', () => {
  it('names every invalid field in detail when several inputs are bad', async () => {
    const caller = createCaller(testContext(cache)());
    const error = await rejectionOf(caller.models.list({ limit: -1, offset: -1 }));
    const shape = errorShapeOf(error, 'models.list');
    expect(shape.detail).toMatch(/^limit: .+; offset: .+$/);
    expect(shape.data).toEqual({ code: 'BAD_REQUEST', httpStatus: 400, path: 'models.list' });
  });

  it('hides the message and stack of an unexpected error when a procedure fails inside', async () => {
    const broken: BenchmarkCache = {
      ...cache,
      current: () => {
        throw new TypeError('cannot read x of undefined at readIndex (/srv/app/src/api/secret.ts:12:3)');
      },
    };
    const error = await rejectionOf(createCaller(testContext(broken)()).models.list({}));
    expect((error as TRPCError).code).toBe('INTERNAL_SERVER_ERROR');
    const shape = errorShapeOf(error, 'models.list');
    expect(shape).toMatchObject({ message: 'Internal server error', detail: 'Internal server error' });
    expect(shape.data.stack).toBeUndefined();
    expect(JSON.stringify(shape)).not.toMatch(STACK_TRACE);
    expect(JSON.stringify(shape)).not.toContain('secret');
  });

  it('answers SERVICE_UNAVAILABLE with a readable detail when no data is loaded yet', async () => {
    const empty = createBenchmarkCache({ store: createMemoryStore(), files: createDatasetFileStore({ dir: await temp.make() }), loadBundled: async () => snapshotOf(SST2_MODELS), ttlMinutes: 60, offline: true });
    const error = await rejectionOf(createCaller(testContext(empty)()).models.list({}));
    expect((error as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
    expect(errorShapeOf(error, 'models.list')).toMatchObject({ detail: 'no benchmark data is loaded yet', data: { httpStatus: 503 } });
  });
});
