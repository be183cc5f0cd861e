// Typed errors of the Hub client; the API layer maps them to its own codes at the edge.

/** The Hub could not be reached or kept answering with an error after every retry. */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
  /** HTTP status of the last answer; undefined when no answer came (network error, timeout). */
  readonly status?: number;
  readonly url: string;
  /** Network error code of the last attempt (ECONNRESET, ETIMEDOUT, …) when there was no answer. */
  readonly code?: string;

  constructor(message: string, details: { url: string; status?: number; code?: string; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.url = details.url;
    this.status = details.status;
    this.code = details.code;
  }
}

/** The Hub answered 2xx with a body that is not the JSON shape it documents (truncated, wrong type). */
export class HubResponseError extends UpstreamError {
  override name = 'HubResponseError';
}

/**
 * No connection to the Hub at all: its name does not resolve, nothing listens there, or no route
 * leads there. Retrying for minutes cannot help, so a refresh stops at the first such answer.
 */
export class HubUnreachableError extends UpstreamError {
  override name = 'HubUnreachableError';
  /** "DNS lookup failed", "connection refused", "network unreachable". */
  readonly why: string;
  /** The Hub's origin, e.g. https://huggingface.co. */
  readonly origin: string;
  /** The same cause with the request that met it, for the per-task details. */
  readonly detail: string;

  constructor(origin: string, why: string, details: { url: string; code?: string; cause?: unknown; label: string; attempts: string }) {
    super(`Could not reach the Hub at ${origin} (${why})`, details);
    this.origin = origin;
    this.why = why;
    this.detail = `${details.code ?? 'no answer'} for ${details.label} (${details.attempts})`;
  }
}

/** Why a network error means the Hub cannot be reached at all; undefined for other errors. */
export function unreachableReason(code: string | undefined): string | undefined {
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'DNS lookup failed';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'network unreachable';
    default:
      return undefined;
  }
}

/** The Hub does not know (or does not show) this model. Not retried. */
export class HubModelNotFoundError extends UpstreamError {
  override name = 'HubModelNotFoundError';
  readonly modelId: string;

  constructor(modelId: string, details: { url: string; status: number }) {
    super(`Model "${modelId}" was not found on the Hub (HTTP ${details.status})`, details);
    this.modelId = modelId;
  }
}

/** The error an aborted operation rejects with: the signal's reason, or a standard AbortError. */
export function abortErrorFor(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  return new DOMException('The operation was aborted', 'AbortError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortErrorFor(signal);
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
