// Loading and error states in words, shared by every view.
import { TRPCClientError } from '@trpc/client';

export function Loading({ what }: { what: string }) {
  return (
    <div className="card empty" role="status" aria-live="polite">
      Loading {what}…
    </div>
  );
}

/** The server's own explanation (`detail`) when it sent one; never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const shape = error.shape as { detail?: string } | undefined;
    if (shape?.detail) return shape.detail;
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (!status && /fetch|network|load failed/i.test(error.message)) return 'the explorer service cannot be reached; is it still running?';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function ErrorNote({ error, what }: { error: unknown; what: string }) {
  return (
    <div className="callout bad" role="alert">
      <strong>Could not load {what}.</strong> {describeError(error)}
    </div>
  );
}
