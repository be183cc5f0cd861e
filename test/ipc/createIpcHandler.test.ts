// The main-process half on its own, with a small router whose procedures count their runs: refused
// senders run nothing, malformed messages are harmless, destroyed or released senders get nothing more.
import { initTRPC, TRPCError } from '@trpc/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIpcHandler, parseIpcRequest, type IpcHandler, type IpcSender } from '../../src/ipc/createIpcHandler.js';
import type { IpcResponse } from '../../src/ipc/ipcProtocol.js';

const t = initTRPC.context<{ runs: { count: number } }>().create({ isDev: false });
const runs = { count: 0 };
const ticks = { started: 0, finished: 0 };
let releaseTick: (() => void) | undefined;

const testRouter = t.router({
  ping: t.procedure.query(() => {
    runs.count += 1;
    return { pong: true, at: new Date(0) };
  }),
  boom: t.procedure.query(() => {
    throw new Error('secret internals at /home/user/file.ts:12');
  }),
  teapot: t.procedure.mutation(() => {
    throw new TRPCError({ code: 'CONFLICT', message: 'already brewing' });
  }),
  fn: t.procedure.query(() => ({ callback: () => 1 }) as unknown as { callback: number }),
  slow: t.procedure.query(({ signal }) => new Promise((resolve) => signal?.addEventListener('abort', () => resolve('late')))),
  ticks: t.procedure.subscription(async function* ({ signal }) {
    ticks.started += 1;
    try {
      for (let i = 0; !signal?.aborted; i += 1) {
        yield i;
        // Each next value waits for the test, so nothing races the assertions.
        await new Promise<void>((resolve) => {
          releaseTick = resolve;
          signal?.addEventListener('abort', () => resolve(), { once: true });
        });
      }
    } finally {
      ticks.finished += 1;
    }
  }),
});

interface FakeSender extends IpcSender {
  destroyed: boolean;
  sent: IpcResponse[];
  frame: { url: string; isMainFrame: boolean } | null;
}

function fakeSender(id = 1): FakeSender {
  const s: FakeSender = {
    id,
    frame: { url: 'file:///app/index.html', isMainFrame: true },
    destroyed: false,
    sent: [],
    isDestroyed: () => s.destroyed,
    // Clone as the real transports do, so what is not plain data fails here too.
    send: (message) => void s.sent.push(structuredClone(message)),
  };
  return s;
}

let handler: IpcHandler | undefined;
afterEach(() => {
  handler?.close();
  runs.count = 0;
});

function make(isAllowedSender: (s: IpcSender) => boolean = () => true) {
  const log = vi.fn();
  handler = createIpcHandler({ router: testRouter, createContext: () => ({ runs }), isAllowedSender, log });
  return { handler, log };
}

const query = (id: number, path: string, input?: unknown) => ({ id, kind: 'request', type: 'query', path, input }) as const;

describe('createIpcHandler', () => {
  it('answers a query with plain data when the sender is allowed', async () => {
    const { handler } = make();
    const s = fakeSender();
    await handler.handle(query(1, 'ping'), s);
    expect(s.sent).toEqual([{ id: 1, kind: 'data', data: { pong: true, at: new Date(0) } }]);
    expect(handler.stats()).toEqual({ refused: 0, malformed: 0, active: 0 });
  });

  it('runs nothing and answers nothing when the sender is refused, and counts and logs it', async () => {
    const { handler, log } = make(() => false);
    const s = fakeSender();
    await handler.handle(query(1, 'ping'), s);
    await handler.handle({ id: 1, kind: 'stop' }, s);
    expect(runs.count).toBe(0);
    expect(s.sent).toEqual([]);
    expect(handler.stats().refused).toBe(2);
    expect(log).toHaveBeenCalledWith('warn', expect.stringMatching(/refused from sender 1 main frame file:\/\/\/app\/index\.html/));
  });

  it('checks the sender before looking at the message when the message is garbage', async () => {
    const isAllowed = vi.fn(() => false);
    const { handler } = make(isAllowed);
    await handler.handle(null, fakeSender());
    expect(isAllowed).toHaveBeenCalledTimes(1);
    expect(handler.stats()).toMatchObject({ refused: 1, malformed: 0 });
  });

  it('treats a throwing sender check as a refusal', async () => {
    const { handler } = make(() => {
      throw new Error('frame gone');
    });
    const s = fakeSender();
    await handler.handle(query(1, 'ping'), s);
    expect(runs.count).toBe(0);
    expect(s.sent).toEqual([]);
    expect(handler.stats().refused).toBe(1);
  });

  it('ignores malformed messages without an id and answers BAD_REQUEST when there is one', async () => {
    const { handler } = make();
    const s = fakeSender();
    for (const bad of [null, 'ping', 42, [], {}, { id: -1, kind: 'request' }, { id: 1.5, kind: 'stop' }, { id: 1, kind: 'launch' }]) {
      await handler.handle(bad, s);
    }
    expect(s.sent).toEqual([]);
    await handler.handle({ id: 9, kind: 'request', type: 'query', path: '__proto__..x' }, s);
    await handler.handle({ id: 10, kind: 'request', type: 'exec', path: 'ping' }, s);
    expect(s.sent.map((m) => [m.id, m.kind, m.kind === 'error' && m.error.code])).toEqual([
      [9, 'error', 'BAD_REQUEST'],
      [10, 'error', 'BAD_REQUEST'],
    ]);
    expect(runs.count).toBe(0);
    expect(handler.stats().malformed).toBe(10);
  });

  it('maps a thrown plain Error to INTERNAL_SERVER_ERROR without a stack (the message is the formatter’s call)', async () => {
    const { handler } = make();
    const s = fakeSender();
    await handler.handle(query(1, 'boom'), s);
    expect(s.sent).toHaveLength(1);
    const [m] = s.sent;
    expect(m).toMatchObject({ id: 1, kind: 'error', error: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, path: 'boom' } });
    // JSON escapes newlines, so a stack would show as "\n    at ".
    expect(JSON.stringify(m)).not.toMatch(/stack|\\n\s+at /);
  });

  it('keeps the code of a TRPCError and maps it to its HTTP status', async () => {
    const { handler } = make();
    const s = fakeSender();
    await handler.handle({ id: 3, kind: 'request', type: 'mutation', path: 'teapot', input: undefined }, s);
    expect(s.sent).toEqual([{ id: 3, kind: 'error', error: { message: 'already brewing', code: 'CONFLICT', httpStatus: 409, path: 'teapot' } }]);
  });

  it('answers an error instead of hanging when the result is not plain data', async () => {
    const { handler } = make();
    const s = fakeSender();
    await handler.handle(query(1, 'fn'), s);
    expect(s.sent).toMatchObject([{ id: 1, kind: 'error', error: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } }]);
  });

  it('runs nothing and sends nothing when the sender is already destroyed', async () => {
    const { handler } = make();
    const s = fakeSender();
    s.destroyed = true;
    await handler.handle(query(1, 'ping'), s);
    expect(runs.count).toBe(0);
    expect(s.sent).toEqual([]);
  });

  it('does not answer a query that was stopped', async () => {
    const { handler } = make();
    const s = fakeSender();
    const running = handler.handle(query(1, 'slow'), s);
    await vi.waitFor(() => expect(handler.stats().active).toBe(1));
    await handler.handle({ id: 1, kind: 'stop' }, s);
    await running;
    expect(s.sent).toEqual([]);
    expect(handler.stats().active).toBe(0);
  });

  it('drops a request that reuses the id of a running operation', async () => {
    const { handler, log } = make();
    const s = fakeSender();
    const running = handler.handle(query(1, 'slow'), s);
    await vi.waitFor(() => expect(handler.stats().active).toBe(1));
    await handler.handle(query(1, 'ping'), s);
    expect(runs.count).toBe(0);
    expect(log).toHaveBeenCalledWith('warn', expect.stringMatching(/duplicate id 1/));
    handler.releaseSender(s.id);
    await running;
    expect(s.sent).toEqual([]);
  });

  it('keeps request ids per sender, so two windows may use the same id', async () => {
    const { handler } = make();
    const a = fakeSender(1);
    const b = fakeSender(2);
    const slow = handler.handle(query(1, 'slow'), a);
    await vi.waitFor(() => expect(handler.stats().active).toBe(1));
    await handler.handle(query(1, 'ping'), b);
    expect(b.sent).toMatchObject([{ id: 1, kind: 'data' }]);
    handler.releaseSender(1);
    await slow;
  });

  it('streams a subscription: started, data, then complete after stop', async () => {
    const { handler } = make();
    const s = fakeSender();
    const before = { ...ticks };
    const running = handler.handle({ id: 5, kind: 'request', type: 'subscription', path: 'ticks', input: undefined }, s);
    await vi.waitFor(() => expect(s.sent.length).toBe(2));
    releaseTick?.();
    await vi.waitFor(() => expect(s.sent.length).toBe(3));
    await handler.handle({ id: 5, kind: 'stop' }, s);
    await running;
    expect(s.sent).toEqual([
      { id: 5, kind: 'started' },
      { id: 5, kind: 'data', data: 0 },
      { id: 5, kind: 'data', data: 1 },
      { id: 5, kind: 'complete' },
    ]);
    await vi.waitFor(() => expect(ticks.finished).toBe(before.finished + 1));
    expect(handler.stats().active).toBe(0);
  });

  it('ends a subscription and sends nothing more when the sender is destroyed mid-stream', async () => {
    const { handler } = make();
    const s = fakeSender();
    const before = { ...ticks };
    const running = handler.handle({ id: 5, kind: 'request', type: 'subscription', path: 'ticks', input: undefined }, s);
    await vi.waitFor(() => expect(s.sent.length).toBe(2));
    s.destroyed = true;
    releaseTick?.();
    await running;
    expect(s.sent).toHaveLength(2);
    await vi.waitFor(() => expect(ticks.finished).toBe(before.finished + 1));
    expect(handler.stats().active).toBe(0);
  });

  it('ends a released sender’s subscriptions without a word, so a reloaded page never sees old ids', async () => {
    const { handler } = make();
    const s = fakeSender();
    const before = { ...ticks };
    const running = handler.handle({ id: 5, kind: 'request', type: 'subscription', path: 'ticks', input: undefined }, s);
    await vi.waitFor(() => expect(s.sent.length).toBe(2));
    handler.releaseSender(s.id);
    await running;
    expect(s.sent.map((m) => m.kind)).toEqual(['started', 'data']);
    await vi.waitFor(() => expect(ticks.finished).toBe(before.finished + 1));
  });
});

describe('parseIpcRequest', () => {
  it('accepts a request and a stop when they are well formed', () => {
    expect(parseIpcRequest({ id: 0, kind: 'request', type: 'query', path: 'models.list', input: { limit: 1 } })).toEqual({
      ok: true,
      request: { id: 0, kind: 'request', type: 'query', path: 'models.list', input: { limit: 1 } },
    });
    expect(parseIpcRequest({ id: 3, kind: 'stop' })).toEqual({ ok: true, request: { id: 3, kind: 'stop' } });
  });

  it('rejects paths that are not dotted identifiers when they could confuse a lookup', () => {
    for (const path of ['', '.', 'a..b', 'a/b', 'a b', 'x'.repeat(300)]) {
      expect(parseIpcRequest({ id: 1, kind: 'request', type: 'query', path }).ok).toBe(false);
    }
  });
});
