// Main-process side of the IPC transport: checks who sent each message, runs it on the router, streams
// subscriptions, and answers with plain data only. Knows nothing of Electron; main/ adapts its events.
import {
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  isTrackedEnvelope,
  TRPCError,
  type AnyRouter,
  type inferRouterContext,
} from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { isObservable, observableToAsyncIterable } from '@trpc/server/observable';
import type { IpcError, IpcRequest, IpcResponse } from './ipcProtocol.js';

export interface IpcSenderFrame {
  url: string;
  isMainFrame: boolean;
}

/** Who sent a message: enough to check it and to answer it, whatever the transport. */
export interface IpcSender {
  /** Stable per window (Electron: webContents.id); operation ids are scoped to it. */
  readonly id: number;
  /** The frame the message came from; null when it is gone or unknown (always refused). */
  readonly frame: IpcSenderFrame | null;
  send(message: IpcResponse): void;
  isDestroyed(): boolean;
}

export type IpcLogger = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export interface IpcHandlerOptions<TRouter extends AnyRouter> {
  router: TRouter;
  createContext: (opts: { sender: IpcSender }) => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  /** Called for every message before anything else; false (or a throw) drops the message unanswered. */
  isAllowedSender: (sender: IpcSender) => boolean;
  log?: IpcLogger;
  /** Operations one sender may have running at once; more are answered TOO_MANY_REQUESTS. */
  maxOperationsPerSender?: number;
}

export interface IpcHandlerStats {
  /** Messages dropped because the sender was not allowed. */
  refused: number;
  /** Messages that were not a valid IpcRequest. */
  malformed: number;
  /** Operations running now (in-flight queries and mutations, open subscriptions). */
  active: number;
}

export interface IpcHandler {
  /** Handles one incoming message. Resolves when the operation has finished (a subscription: when it ends). */
  handle(message: IpcRequest | unknown, sender: IpcSender): Promise<void>;
  /** Ends everything a sender has running without answering it (window destroyed or navigated away). */
  releaseSender(senderId: number): void;
  /** Ends every operation of every sender, unanswered. */
  close(): void;
  stats(): IpcHandlerStats;
}

type ProcedureType = 'query' | 'mutation' | 'subscription';
type ParsedRequest =
  | { ok: true; request: IpcRequest }
  | { ok: false; id?: number; reason: string };

interface Operation {
  controller: AbortController;
  /** Set when the sender is released: the answer would reach a page that never asked. */
  silent: boolean;
}

const PROCEDURE_TYPES = new Set<ProcedureType>(['query', 'mutation', 'subscription']);
const PATH_PATTERN = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;
const MAX_PATH_LENGTH = 256;
const MAX_LOGGED_REFUSALS = 100;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseIpcRequest(message: unknown): ParsedRequest {
  if (!isRecord(message)) return { ok: false, reason: 'not an object' };
  const { id, kind } = message;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return { ok: false, reason: 'id must be a non-negative integer' };
  if (kind === 'stop') return { ok: true, request: { id, kind } };
  if (kind !== 'request') return { ok: false, reason: `unknown kind ${JSON.stringify(String(kind)).slice(0, 40)}` };
  const { type, path } = message;
  if (typeof type !== 'string' || !PROCEDURE_TYPES.has(type as ProcedureType)) return { ok: false, id, reason: 'type must be query, mutation or subscription' };
  if (typeof path !== 'string' || path.length > MAX_PATH_LENGTH || !PATH_PATTERN.test(path)) return { ok: false, id, reason: 'path must be a dotted procedure path' };
  return { ok: true, request: { id, kind, type: type as ProcedureType, path, input: message.input } };
}

function describeSender(sender: IpcSender): string {
  let url = '(no frame)';
  let main = '';
  try {
    if (sender.frame) {
      url = String(sender.frame.url).slice(0, 200);
      main = sender.frame.isMainFrame ? ' main frame' : ' subframe';
    }
  } catch {
    url = '(frame unreadable)';
  }
  return `sender ${sender.id}${main} ${url}`;
}

/**
 * The sender check both IPC ends run first: a sender the predicate does not allow (or that makes it
 * throw) is refused, counted, and logged once per sender (up to MAX_LOGGED_REFUSALS).
 */
/**
 * Which senders may speak: refused ones are counted and logged once each; a sender whose page is gone
 * is not admitted either, and `release` frees what it held.
 */
export function createSenderGate(
  isAllowedSender: (sender: IpcSender) => boolean,
  log: IpcLogger,
  release: (senderId: number) => void,
): { admit(sender: IpcSender): boolean; refused(): number } {
  const loggedRefusals = new Set<string>();
  let refused = 0;
  return {
    admit(sender) {
      let allowed = false;
      try {
        allowed = isAllowedSender(sender) === true;
      } catch {
        allowed = false;
      }
      if (allowed) {
        if (!sender.isDestroyed()) return true;
        release(sender.id);
        return false;
      }
      refused += 1;
      const who = describeSender(sender);
      if (loggedRefusals.size < MAX_LOGGED_REFUSALS && !loggedRefusals.has(who)) {
        loggedRefusals.add(who);
        log('warn', `IPC message refused from ${who}`);
      }
      return false;
    },
    refused: () => refused,
  };
}

const ABORTED = Symbol('aborted');

function abortedOf(signal: AbortSignal): Promise<typeof ABORTED> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(ABORTED);
    else signal.addEventListener('abort', () => resolve(ABORTED), { once: true });
  });
}

/** Lets a generator run its `finally`; not awaited by callers, since a stuck generator must not block. */
async function closeIterable(iterable: AsyncIterable<unknown>): Promise<void> {
  try {
    await iterable[Symbol.asyncIterator]().return?.();
  } catch {
    // Its cleanup failed; there is nobody left to tell.
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && Symbol.asyncIterator in value;
}

export function createIpcHandler<TRouter extends AnyRouter>(options: IpcHandlerOptions<TRouter>): IpcHandler {
  const { router, createContext, isAllowedSender } = options;
  const log: IpcLogger = options.log ?? (() => undefined);
  const maxOperations = options.maxOperationsPerSender ?? 256;
  const bySender = new Map<number, Map<number, Operation>>();
  const gate = createSenderGate(isAllowedSender, log, release);
  let malformed = 0;

  function release(senderId: number): void {
    const ops = bySender.get(senderId);
    if (!ops) return;
    bySender.delete(senderId);
    for (const op of ops.values()) {
      op.silent = true;
      op.controller.abort();
    }
  }

  /** Sends unless the sender is gone; a destroyed sender releases everything it had running. */
  function reply(sender: IpcSender, message: IpcResponse, op?: Operation): boolean {
    if (op?.silent) return false;
    if (sender.isDestroyed()) {
      release(sender.id);
      return false;
    }
    sender.send(message);
    return true;
  }

  function toIpcError(cause: unknown, call: { type: ProcedureType; path: string; input: unknown; ctx: unknown }): IpcError {
    const error = getTRPCErrorFromUnknown(cause);
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      const inner = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : error.message;
      log('error', `IPC ${call.type} ${call.path} failed: ${inner}`);
    }
    try {
      const shape = getErrorShape({ config: router._def._config, error, type: call.type, path: call.path, input: call.input, ctx: call.ctx }) as {
        message?: unknown;
        detail?: unknown;
        data?: { code?: unknown; httpStatus?: unknown };
      };
      return {
        message: typeof shape.message === 'string' ? shape.message : 'Internal server error',
        code: typeof shape.data?.code === 'string' ? shape.data.code : error.code,
        httpStatus: typeof shape.data?.httpStatus === 'number' ? shape.data.httpStatus : getHTTPStatusCodeFromError(error),
        ...(typeof shape.detail === 'string' ? { detail: shape.detail } : {}),
        ...(call.path ? { path: call.path } : {}),
      };
    } catch (formatError) {
      // A throwing error formatter must not leave the caller waiting forever.
      log('error', `IPC error formatter failed: ${(formatError as Error)?.message ?? String(formatError)}`);
      return { message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, detail: 'Internal server error', ...(call.path ? { path: call.path } : {}) };
    }
  }

  function replyError(sender: IpcSender, id: number, cause: unknown, call: { type: ProcedureType; path: string; input: unknown; ctx: unknown }, op?: Operation) {
    try {
      reply(sender, { id, kind: 'error', error: toIpcError(cause, call) }, op);
    } catch (sendError) {
      log('warn', `IPC error answer to ${describeSender(sender)} could not be sent: ${(sendError as Error)?.message}`);
    }
  }

  /** Sends one data answer; a value that cannot be cloned becomes an error instead of a silent hang. */
  function replyData(sender: IpcSender, id: number, data: unknown, op: Operation): boolean {
    try {
      return reply(sender, { id, kind: 'data', data }, op);
    } catch (cause) {
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'the result could not be sent over IPC (not plain data)', cause });
    }
  }

  async function stream(sender: IpcSender, id: number, iterable: AsyncIterable<unknown>, op: Operation): Promise<void> {
    const iterator = iterable[Symbol.asyncIterator]();
    const aborted = abortedOf(op.controller.signal);
    try {
      if (!reply(sender, { id, kind: 'started' }, op)) return;
      for (;;) {
        const next = await Promise.race([iterator.next(), aborted]);
        if (next === ABORTED || next.done) return;
        const value = isTrackedEnvelope(next.value) ? { id: next.value[0], data: next.value[1] } : next.value;
        if (!replyData(sender, id, value, op)) return;
      }
    } finally {
      // Lets the generator run its `finally` (e.g. unsubscribe from the cache). Not awaited: a
      // generator that ignores its abort signal must not keep this operation open.
      void Promise.resolve()
        .then(() => iterator.return?.())
        .catch(() => undefined);
    }
  }

  async function run(sender: IpcSender, request: Extract<IpcRequest, { kind: 'request' }>): Promise<void> {
    const { id, type, path, input } = request;
    let ops = bySender.get(sender.id);
    if (!ops) {
      ops = new Map();
      bySender.set(sender.id, ops);
    }
    if (ops.has(id)) {
      // Answering would reach the operation already running under this id; drop it instead.
      log('warn', `IPC duplicate id ${id} from ${describeSender(sender)} dropped`);
      return;
    }
    let ctx: unknown;
    if (ops.size >= maxOperations) {
      replyError(sender, id, new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `more than ${maxOperations} IPC operations running` }), { type, path, input, ctx });
      return;
    }
    const op: Operation = { controller: new AbortController(), silent: false };
    ops.set(id, op);
    let failed = false;
    try {
      ctx = await createContext({ sender });
      if (op.controller.signal.aborted) return;
      const call = callTRPCProcedure({
        router,
        path,
        type,
        ctx,
        getRawInput: async () => input,
        signal: op.controller.signal,
        batchIndex: 0,
      });
      // A stop settles the operation at once, even if the procedure ignores its abort signal.
      const result: unknown = await Promise.race([call, abortedOf(op.controller.signal)]);
      if (op.controller.signal.aborted) {
        // A stopped query's answer is no longer awaited by anyone; a subscription that was never
        // iterated still has to be closed.
        if (type === 'subscription' && isAsyncIterable(result)) void closeIterable(result);
        else void call.then((late) => (isAsyncIterable(late) ? closeIterable(late) : undefined), () => undefined);
        return;
      }
      if (type !== 'subscription') {
        replyData(sender, id, result, op);
        return;
      }
      if (!isAsyncIterable(result) && !isObservable(result)) {
        throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `subscription ${path} did not return an async iterable or observable` });
      }
      const iterable = isObservable(result) ? observableToAsyncIterable(result, op.controller.signal) : result;
      await stream(sender, id, iterable, op);
    } catch (cause) {
      // After a stop nobody awaits an error; a stopped subscription still gets its `complete`.
      if (!op.controller.signal.aborted) {
        failed = true;
        replyError(sender, id, cause, { type, path, input, ctx }, op);
      }
    } finally {
      if (bySender.get(sender.id)?.get(id) === op) {
        ops.delete(id);
        if (ops.size === 0) bySender.delete(sender.id);
      }
      if (type === 'subscription' && !failed) {
        try {
          reply(sender, { id, kind: 'complete' }, op);
        } catch {
          // Nothing more to tell a sender that cannot be reached.
        }
      }
    }
  }

  return {
    async handle(message, sender) {
      if (!gate.admit(sender)) return;
      const parsed = parseIpcRequest(message);
      if (!parsed.ok) {
        malformed += 1;
        log('warn', `IPC malformed message from ${describeSender(sender)}: ${parsed.reason}`);
        // Answer when there is an id to answer, so a buggy caller fails instead of waiting forever.
        if (parsed.id !== undefined) {
          replyError(sender, parsed.id, new TRPCError({ code: 'BAD_REQUEST', message: `malformed IPC request: ${parsed.reason}` }), {
            type: 'query',
            path: '',
            input: undefined,
            ctx: undefined,
          });
        }
        return;
      }
      const { request } = parsed;
      if (request.kind === 'stop') {
        bySender.get(sender.id)?.get(request.id)?.controller.abort();
        return;
      }
      await run(sender, request);
    },
    releaseSender: release,
    close() {
      for (const senderId of [...bySender.keys()]) release(senderId);
    },
    stats() {
      let active = 0;
      for (const ops of bySender.values()) active += ops.size;
      return { refused: gate.refused(), malformed, active };
    },
  };
}
