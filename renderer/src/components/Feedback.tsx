// Loading and error states in words, shared by every view.
import { TRPCClientError } from '@trpc/client';
import { hrefFor } from '../lib/hashRoute';

// Moves made inside the explorer: only then does "Back" go back in history (it would otherwise leave the app).
let moves = 0;
window.addEventListener('hashchange', () => moves++);

/** "← Back": to the previous view when there is one in this session, else to the leaderboards. */
export function BackLink() {
  return (
    <a
      className="back-link small"
      href={hrefFor('leaderboards')}
      onClick={(e) => {
        if (moves === 0) return;
        e.preventDefault();
        window.history.back();
      }}
    >
      ← Back
    </a>
  );
}

/** A long step under way (an import being read and checked): an indeterminate bar and what it is doing. */
export function BusyStep({ step }: { step: string }) {
  return (
    <div className="stack" style={{ gap: 6, marginTop: 10 }}>
      <div className="progress indeterminate" aria-hidden="true">
        <span />
      </div>
      <div className="small">{step}</div>
    </div>
  );
}

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

export function ErrorNote({ error, what, back = false }: { error: unknown; what: string; back?: boolean }) {
  return (
    <div className="stack" style={{ gap: 8 }}>
      {back && <BackLink />}
      <div className="callout bad" role="alert">
        <strong>Could not load {what}.</strong> {describeError(error)}
      </div>
    </div>
  );
}
