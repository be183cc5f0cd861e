// Renderer side of the IPC transport: a terminating tRPC client link that sends each operation over
// the preload bridge and turns the answers back into results, or TRPCClientErrors shaped like HTTP's.
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { IpcBridge, IpcError, IpcResponse } from './ipcProtocol.js';

// Shared by every link in this page, so two clients on one bridge never reuse each other's ids.
let lastId = 0;

function isResponse(value: unknown): value is IpcResponse {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'number' && typeof (value as { kind?: unknown }).kind === 'string';
}

/** The same error shape the HTTP transport delivers: `error.data.code`, `error.data.httpStatus`, `error.shape.detail`. */
export function ipcErrorToClientError<TRouter extends AnyRouter>(error: IpcError): TRPCClientError<TRouter> {
  const code = (TRPC_ERROR_CODES_BY_KEY as Record<string, number>)[error.code] ?? TRPC_ERROR_CODES_BY_KEY.INTERNAL_SERVER_ERROR;
  return TRPCClientError.from<TRouter>({
    error: {
      message: error.message,
      code,
      data: { code: error.code, httpStatus: error.httpStatus, ...(error.path !== undefined ? { path: error.path } : {}) },
      ...(error.detail !== undefined ? { detail: error.detail } : {}),
    },
  });
}

function abortError(signal: AbortSignal | null | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

export function ipcLink<TRouter extends AnyRouter>(bridge: IpcBridge): TRPCLink<TRouter> {
  const pending = new Map<number, (message: IpcResponse) => void>();
  let detach: (() => void) | undefined;

  // Listen only while something is pending, so an idle client holds no listener on the bridge.
  const track = (id: number, onMessage: (message: IpcResponse) => void) => {
    pending.set(id, onMessage);
    detach ??= bridge.onMessage((message) => {
      if (isResponse(message)) pending.get(message.id)?.(message);
    });
  };
  const untrack = (id: number) => {
    pending.delete(id);
    if (pending.size === 0 && detach) {
      const off = detach;
      detach = undefined;
      off();
    }
  };

  return () =>
    ({ op }) =>
      observable((observer) => {
        const id = ++lastId;
        const { type, path, input } = op;
        let done = false;
        const finish = () => {
          done = true;
          untrack(id);
          op.signal?.removeEventListener('abort', onAbort);
        };

        if (op.signal?.aborted) {
          observer.error(TRPCClientError.from<TRouter>(abortError(op.signal)));
          return () => undefined;
        }

        track(id, (message) => {
          switch (message.kind) {
            case 'started':
              if (type === 'subscription') observer.next({ result: { type: 'started' } });
              break;
            case 'data':
            case 'json': {
              let data: unknown;
              try {
                data = message.kind === 'json' ? JSON.parse(message.json) : message.data;
              } catch (cause) {
                finish();
                observer.error(TRPCClientError.from<TRouter>(new Error('the answer over IPC is not valid JSON', { cause })));
                break;
              }
              if (type === 'subscription') {
                observer.next({ result: { type: 'data', data } });
              } else {
                finish();
                observer.next({ result: { type: 'data', data } });
                observer.complete();
              }
              break;
            }
            case 'error':
              finish();
              observer.error(ipcErrorToClientError<TRouter>(message.error));
              break;
            case 'complete':
              finish();
              if (type === 'subscription') observer.next({ result: { type: 'stopped' } });
              observer.complete();
              break;
          }
        });

        const stop = () => {
          if (done) return;
          finish();
          try {
            bridge.send({ id, kind: 'stop' });
          } catch {
            // The bridge is gone; the main process releases this page's operations on its own.
          }
        };
        // The caller's AbortSignal: the client leaves cancelling to the link (as httpLink does).
        function onAbort() {
          if (done) return;
          stop();
          if (type === 'subscription') observer.complete();
          else observer.error(TRPCClientError.from<TRouter>(abortError(op.signal)));
        }

        op.signal?.addEventListener('abort', onAbort, { once: true });
        try {
          bridge.send({ id, kind: 'request', type, path, input });
        } catch (cause) {
          // e.g. an input that cannot be structured-cloned: fail this call, not the page.
          finish();
          observer.error(TRPCClientError.from<TRouter>(cause instanceof Error ? cause : new Error(String(cause))));
        }

        return stop;
      });
}
