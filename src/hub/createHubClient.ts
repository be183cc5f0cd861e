// The Hugging Face Hub client: model listings and single models, with Link paging, retries,
// rate-limit waits and a self-imposed request budget, so a refresh never runs into the Hub's 429s.
import type { IncomingHttpHeaders } from 'node:http';
import got, { RequestError, TimeoutError } from 'got';
import { HubModelSchema, type HubModel } from '../schemas/hubSchemas.js';
import { abortableSleep } from './abortableSleep.js';
import { createLimiter } from './createLimiter.js';
import { createRequestBudget } from './createRequestBudget.js';
import { abortErrorFor, HubModelNotFoundError, HubResponseError, HubUnreachableError, throwIfAborted, unreachableReason, UpstreamError } from './hubErrors.js';
import { nextLinkUrl } from './parseLinkHeader.js';
import { parseRateLimitWait } from './parseRateLimitWait.js';
import { describeRefusedTokenEndpoint, tokenMayBeSentTo } from './tokenEndpointPolicy.js';

/** Fields asked for with `expand=`; the Hub refuses expand mixed with full/cardData/config. */
export const HUB_MODEL_EXPAND = [
  'cardData',
  'config',
  'createdAt',
  'downloads',
  'likes',
  'library_name',
  'model-index',
  'pipeline_tag',
  'safetensors',
  'gguf',
  'tags',
  'lastModified',
] as const;

/** The largest page the Hub serves for /api/models. */
export const HUB_MAX_PAGE_SIZE = 500;

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_CODES = new Set([
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
]);
const BACKOFF_BASE_MS = 1000;
/** Attempts at a Hub that cannot be reached (DNS failure, refused, no route): one retry for a blip. */
const UNREACHABLE_ATTEMPTS = 2;

export interface HubClientOptions {
  /** Base URL of the Hub, e.g. https://huggingface.co (a path prefix is kept). */
  endpoint: string;
  /** Sent as `Authorization: Bearer` to the endpoint's origin only. */
  token?: string;
  /** Per attempt, headers and body included. */
  timeoutMs?: number;
  /** Extra attempts after the first. */
  retries?: number;
  /** Cap on any single retry wait (429 reset or backoff); the Hub's window is 5 minutes, so is the default. */
  maxRetryWaitMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Our own calls per fixed window; retries count too. Budget waits are not capped by maxRetryWaitMs. */
  requestBudget?: { limit: number; windowMs: number };
  /** Clock for the budget window and 429 pauses; `sleep(ms)` must let it advance by at least ms. */
  now?: () => number;
  /** Rejects with an AbortError when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  userAgent?: string;
  /** Called for every wait caused by rate limiting, whichever call caused it. */
  onWait?: (wait: HubWait) => void;
}

/** A wait due to rate limiting: the Hub answered 429 ("rate-limit") or our own budget ran out ("budget"). */
export interface HubWait {
  reason: 'rate-limit' | 'budget';
  waitMs: number;
  url: string;
}

export type ListStopReason = 'limit' | 'last-page' | 'pagination-loop';

export interface ListPageInfo {
  page: number;
  /** Valid models collected so far for this listing. */
  models: number;
  /** Items skipped so far because they did not match HubModelSchema. */
  invalid: number;
  /** Set on the last page: why paging stopped. */
  stopReason?: ListStopReason;
}

export interface ListModelsOptions {
  limit: number;
  signal?: AbortSignal;
  onPage?: (info: ListPageInfo) => void;
  onWait?: (wait: HubWait) => void;
}

export interface HubClientStats {
  /** Attempts sent, retries included. */
  requests: number;
  retries: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
  budgetWaits: number;
  budgetWaitMs: number;
  invalidModels: number;
  paginationLoops: number;
}

export interface HubClient {
  readonly endpoint: string;
  readonly concurrency: number;
  /** Models of one pipeline tag, most downloaded first, up to `limit`, without duplicate ids. */
  listModels(task: string, options: ListModelsOptions): Promise<HubModel[]>;
  getModel(id: string, signal?: AbortSignal): Promise<HubModel>;
  stats(): HubClientStats;
}

type Attempt =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; body: string }
  | { kind: 'network'; error: RequestError };

interface RequestSpec<T> {
  url: string;
  /** Names the call in error messages: `model list "text-generation" page 3`. */
  label: string;
  signal?: AbortSignal;
  onWait?: (wait: HubWait) => void;
  read: (body: unknown) => T;
  /** Turns a non-retried error status into a specific error. */
  onStatus?: (status: number, headers: IncomingHttpHeaders) => Error | undefined;
}

export function createHubClient(options: HubClientOptions): HubClient {
  const endpointUrl = parseEndpoint(options.endpoint);
  const endpoint = endpointUrl.toString().replace(/\/$/, '');
  const base = endpointUrl.toString().endsWith('/') ? endpointUrl.toString() : `${endpointUrl.toString()}/`;
  const timeoutMs = positive('timeoutMs', options.timeoutMs ?? 30_000);
  const retries = nonNegativeInteger('retries', options.retries ?? 5);
  const maxRetryWaitMs = nonNegative('maxRetryWaitMs', options.maxRetryWaitMs ?? 300_000);
  const limiter = createLimiter(options.concurrency ?? 4);
  const budget = createRequestBudget(options.requestBudget ?? { limit: 450, windowMs: 300_000 });
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  if (options.token && !tokenMayBeSentTo(endpointUrl)) throw new Error(describeRefusedTokenEndpoint(endpoint));
  const authorization = options.token ? `Bearer ${options.token}` : undefined;

  const http = got.extend({
    timeout: { request: timeoutMs },
    // Retries are ours: they must pass the budget, the shared 429 pause and the progress callback.
    retry: { limit: 0 },
    throwHttpErrors: false,
    responseType: 'text',
    headers: { 'user-agent': options.userAgent ?? 'ml-benchmark-explorer', accept: 'application/json' },
  });

  const counters: HubClientStats = {
    requests: 0,
    retries: 0,
    rateLimitWaits: 0,
    rateLimitWaitMs: 0,
    budgetWaits: 0,
    budgetWaitMs: 0,
    invalidModels: 0,
    paginationLoops: 0,
  };
  /** After a 429 every call waits until the Hub's window resets, not only the one that got it. */
  let pausedUntil = 0;

  const report = (wait: HubWait, onWait: ((wait: HubWait) => void) | undefined) => {
    options.onWait?.(wait);
    onWait?.(wait);
  };

  async function waitForRateLimit(spec: RequestSpec<unknown>): Promise<void> {
    for (let waitMs = pausedUntil - now(); waitMs > 0; waitMs = pausedUntil - now()) {
      counters.rateLimitWaits++;
      counters.rateLimitWaitMs += waitMs;
      report({ reason: 'rate-limit', waitMs, url: spec.url }, spec.onWait);
      await sleep(waitMs, spec.signal);
    }
  }

  async function waitForBudget(spec: RequestSpec<unknown>): Promise<void> {
    for (let waitMs = budget.take(now()); waitMs > 0; waitMs = budget.take(now())) {
      counters.budgetWaits++;
      counters.budgetWaitMs += waitMs;
      report({ reason: 'budget', waitMs, url: spec.url }, spec.onWait);
      await sleep(waitMs, spec.signal);
    }
  }

  async function sendOnce(url: string, signal: AbortSignal | undefined): Promise<Attempt> {
    const sameOrigin = new URL(url).origin === endpointUrl.origin;
    try {
      const response = await http.get(url, {
        signal,
        headers: authorization && sameOrigin ? { authorization } : {},
      });
      return { kind: 'response', status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      if (signal?.aborted) throw abortErrorFor(signal);
      if (error instanceof RequestError) return { kind: 'network', error };
      throw error;
    }
  }

  const backoff = (attempt: number) => Math.min(maxRetryWaitMs, BACKOFF_BASE_MS * 2 ** attempt);

  async function request<T>(spec: RequestSpec<T>): Promise<{ value: T; headers: IncomingHttpHeaders }> {
    const { url, label, signal } = spec;
    let malformedRetried = false;
    for (let attempt = 0; ; attempt++) {
      throwIfAborted(signal);
      const release = await limiter.acquire(signal);
      let result: Attempt;
      try {
        await waitForRateLimit(spec);
        await waitForBudget(spec);
        counters.requests++;
        result = await sendOnce(url, signal);
      } finally {
        release();
      }

      const attempts = `after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}`;
      const canRetry = attempt < retries;
      let backoffMs = 0;
      if (result.kind === 'network') {
        const why = unreachableReason(result.error.code);
        if (why && (attempt + 1 >= UNREACHABLE_ATTEMPTS || !canRetry)) {
          throw new HubUnreachableError(endpointUrl.origin, why, { url, code: result.error.code, cause: result.error, label, attempts });
        }
        const failure = new UpstreamError(`${describeNetworkError(result.error, timeoutMs)} for ${label} (${attempts})`, {
          url,
          code: result.error.code,
          cause: result.error,
        });
        if (!canRetry || !isRetriableNetworkError(result.error)) throw failure;
        backoffMs = backoff(attempt);
      } else if (result.status >= 200 && result.status < 300) {
        try {
          return { value: spec.read(parseJson(result.body, url, label)), headers: result.headers };
        } catch (error) {
          // A garbled body is worth one more try (a proxy cut it short), not the full retry budget.
          if (!(error instanceof HubResponseError) || !canRetry || malformedRetried) throw error;
          malformedRetried = true;
          backoffMs = backoff(attempt);
        }
      } else if (RETRY_STATUSES.has(result.status)) {
        if (!canRetry) {
          throw new UpstreamError(`Hub answered HTTP ${result.status}${errorDetail(result.body)} to ${label} (${attempts})`, {
            url,
            status: result.status,
          });
        }
        if (result.status === 429) {
          const waitMs = Math.min(maxRetryWaitMs, parseRateLimitWait(result.headers, now()) ?? backoff(attempt));
          pausedUntil = Math.max(pausedUntil, now() + waitMs);
        } else {
          backoffMs = backoff(attempt);
        }
      } else {
        throw (
          spec.onStatus?.(result.status, result.headers) ??
          new UpstreamError(`Hub answered HTTP ${result.status}${errorDetail(result.body)} to ${label}`, { url, status: result.status })
        );
      }
      counters.retries++;
      if (backoffMs > 0) await sleep(backoffMs, signal);
    }
  }

  function modelUrl(id: string): string {
    const url = new URL(`api/models/${id.split('/').map(encodeURIComponent).join('/')}`, base);
    for (const key of HUB_MODEL_EXPAND) url.searchParams.append('expand', key);
    return url.toString();
  }

  function listUrl(task: string, pageSize: number): string {
    const url = new URL('api/models', base);
    url.searchParams.set('pipeline_tag', task);
    url.searchParams.set('sort', 'downloads');
    url.searchParams.set('direction', '-1');
    url.searchParams.set('limit', String(pageSize));
    for (const key of HUB_MODEL_EXPAND) url.searchParams.append('expand', key);
    return url.toString();
  }

  async function listModels(task: string, opts: ListModelsOptions): Promise<HubModel[]> {
    if (typeof task !== 'string' || task.trim() === '') throw new TypeError('listModels: task must be a non-empty string');
    const { limit, signal } = opts;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`listModels: limit must be a positive integer, got ${limit}`);

    const models: HubModel[] = [];
    const seen = new Set<string>();
    const visited = new Set<string>();
    let invalid = 0;
    let url: string | undefined = listUrl(task, Math.min(limit, HUB_MAX_PAGE_SIZE));
    for (let page = 1; url !== undefined; page++) {
      const pageUrl: string = url;
      visited.add(pageUrl);
      const { value: items, headers } = await request({
        url: pageUrl,
        label: `model list "${task}" page ${page}`,
        signal,
        onWait: opts.onWait,
        read: (body) => {
          if (!Array.isArray(body)) throw new HubResponseError(`Hub sent ${describeJson(body)} instead of a list of models for model list "${task}" page ${page}`, { url: pageUrl });
          return body as unknown[];
        },
      });

      let fresh = 0;
      for (const item of items) {
        if (models.length >= limit) break;
        const id = idOf(item);
        if (id !== undefined) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        fresh++;
        const parsed = HubModelSchema.safeParse(item);
        if (parsed.success) {
          models.push(parsed.data);
        } else {
          invalid++;
          counters.invalidModels++;
        }
      }

      const next = nextLinkUrl(headers.link, pageUrl);
      let stopReason: ListStopReason | undefined;
      if (models.length >= limit) stopReason = 'limit';
      else if (next === undefined || items.length === 0) stopReason = 'last-page';
      // A page of nothing new, or a next link we already followed, would page forever.
      else if (fresh === 0 || visited.has(next)) stopReason = 'pagination-loop';
      if (stopReason === 'pagination-loop') counters.paginationLoops++;
      opts.onPage?.({ page, models: models.length, invalid, ...(stopReason ? { stopReason } : {}) });
      url = stopReason ? undefined : next;
    }
    return models;
  }

  async function getModel(id: string, signal?: AbortSignal): Promise<HubModel> {
    if (typeof id !== 'string' || id.trim() === '' || id.split('/').some((part) => part === '' || part === '.' || part === '..')) {
      throw new TypeError(`getModel: "${id}" is not a model id`);
    }
    const url = modelUrl(id);
    const { value } = await request({
      url,
      label: `model "${id}"`,
      signal,
      read: (body) => {
        const parsed = HubModelSchema.safeParse(body);
        if (!parsed.success) throw new HubResponseError(`Hub sent ${describeJson(body)} that is not a model for model "${id}"`, { url });
        return parsed.data;
      },
      // Anonymous calls get 401 + X-Error-Code: RepoNotFound for repos that do not exist (or are private).
      onStatus: (status, headers) =>
        status === 404 || headers['x-error-code'] === 'RepoNotFound' ? new HubModelNotFoundError(id, { url, status }) : undefined,
    });
    return value;
  }

  return {
    endpoint,
    concurrency: limiter.max,
    listModels,
    getModel,
    stats: () => ({ ...counters }),
  };
}

function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`createHubClient: endpoint "${endpoint}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`createHubClient: endpoint must be http(s), got ${url.protocol}`);
  url.search = '';
  url.hash = '';
  return url;
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`createHubClient: ${name} must be a positive number, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`createHubClient: ${name} must be a non-negative number, got ${value}`);
  return value;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!(Number.isInteger(value) && value >= 0)) throw new RangeError(`createHubClient: ${name} must be a non-negative integer, got ${value}`);
  return value;
}

function parseJson(body: string, url: string, label: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new HubResponseError(`Hub sent malformed JSON (${body.length} bytes) for ${label}`, { url, cause: error });
  }
}

function idOf(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function describeJson(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'a JSON array';
  return `a JSON ${typeof body}`;
}

/** The Hub's `{"error": "…"}` message, short enough for a log line. */
function errorDetail(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    const message = parsed && typeof parsed === 'object' ? (parsed as { error?: unknown }).error : undefined;
    if (typeof message === 'string' && message !== '') return ` ("${message.length > 200 ? `${message.slice(0, 200)}…` : message}")`;
  } catch {
    // not JSON: nothing worth quoting
  }
  return '';
}

function describeNetworkError(error: RequestError, timeoutMs: number): string {
  if (error instanceof TimeoutError) return `Hub did not answer within ${timeoutMs} ms`;
  return `Could not reach the Hub (${error.code || error.message})`;
}

function isRetriableNetworkError(error: RequestError): boolean {
  return error instanceof TimeoutError || error.name === 'ReadError' || RETRY_CODES.has(error.code);
}
