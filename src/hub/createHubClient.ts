// The Hugging Face Hub client: model listings and single models, with Link paging, retries,
// rate-limit waits and a self-imposed request budget, so a refresh never runs into the Hub's 429s.
//
// got runs the requests: retries (its retry loop, Retry-After, attempt counts, timeouts), paging
// (got.paginate) and the per-attempt hooks. Ours are what got has no notion of: the request budget, the
// wait the Hub's `RateLimit` header asks for (t=) shared by every call, the cap on any wait, the limit
// on requests in flight, the stats, and waits through an injectable clock (got's retry timer cannot
// be replaced, so our calculateDelay does the wait and hands got a 1 ms one).
import type { IncomingHttpHeaders } from 'node:http';
import got, { HTTPError, ParseError, RequestError, TimeoutError, type Response } from 'got';
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
  'evalResults',
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
  /** Datasets matching a Hub filter (`benchmark:official`), following Link paging; raw items with an `id`. */
  listDatasets(filter: string, options?: ListDatasetsOptions): Promise<HubDatasetInfo[]>;
  /** A benchmark's leaderboard rows as the Hub sends them (any JSON list), following Link paging. */
  getLeaderboard(datasetId: string, options?: LeaderboardOptions): Promise<unknown[]>;
  /** A file of a repo's main revision as text; undefined when the repo has no such file (404). */
  getRepoFile(repo: { type: 'dataset' | 'model'; id: string }, path: string, signal?: AbortSignal): Promise<string | undefined>;
  stats(): HubClientStats;
}

/** A dataset as `/api/datasets` lists it; other fields are kept as they come. */
export interface HubDatasetInfo {
  id: string;
  gated?: unknown;
  [key: string]: unknown;
}

/** Waits of these calls reach the client's own `onWait`. */
export interface ListDatasetsOptions {
  signal?: AbortSignal;
}

export interface LeaderboardOptions {
  /** false: fine-tunes too (`base_model=false`); the Hub's default lists only models without a declared base model. */
  baseModelsOnly?: boolean;
  signal?: AbortSignal;
}

/** A repo or file the Hub does not show: missing, or gated/private without a token that may see it. */
export class HubFileMissingError extends Error {
  override name = 'HubFileMissingError';
  constructor(
    message: string,
    /** The HTTP status the Hub answered. */
    readonly status: number,
  ) {
    super(message);
  }

  /** 401 or 403: the repo is there but not shown without a token that may read it (gated or private). */
  get refused(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

interface RequestSpec<T> {
  url: string;
  /** Names the call in error messages: `model list "text-generation" page 3`. */
  label: string;
  signal?: AbortSignal;
  onWait?: (wait: HubWait) => void;
  read: (body: unknown) => T;
  /** "text": `read` gets the body as it came (a YAML file), not parsed as JSON. */
  bodyAs?: 'text';
  /** Turns a non-retried error status into a specific error. */
  onStatus?: (status: number, headers: IncomingHttpHeaders) => Error | undefined;
}

/** One call (a request with its retries, or a listing with its pages), carried through got's `context`. */
interface CallState {
  spec: RequestSpec<unknown>;
  /** The request slot of the attempt in flight. */
  release?: () => void;
  /** A garbled body is worth one more try (a proxy cut it short), not the full retry budget. */
  malformedRetried: boolean;
}

const stateOf = (options: { context: Record<string, unknown> }) => (options.context as { hub: CallState }).hub;

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

  async function waitForRateLimit(url: string, spec: RequestSpec<unknown>): Promise<void> {
    for (let waitMs = pausedUntil - now(); waitMs > 0; waitMs = pausedUntil - now()) {
      counters.rateLimitWaits++;
      counters.rateLimitWaitMs += waitMs;
      report({ reason: 'rate-limit', waitMs, url }, spec.onWait);
      await sleep(waitMs, spec.signal);
    }
  }

  async function waitForBudget(url: string, spec: RequestSpec<unknown>): Promise<void> {
    for (let waitMs = budget.take(now()); waitMs > 0; waitMs = budget.take(now())) {
      counters.budgetWaits++;
      counters.budgetWaitMs += waitMs;
      report({ reason: 'budget', waitMs, url }, spec.onWait);
      await sleep(waitMs, spec.signal);
    }
  }

  /** got's beforeRequest hook, before every attempt: a slot, the 429 pause, the budget, the token. */
  async function beforeAttempt(request: { context: Record<string, unknown>; url?: unknown; headers: Record<string, unknown> }): Promise<void> {
    const state = stateOf(request);
    const { spec } = state;
    const url = String(request.url);
    const release = await limiter.acquire(spec.signal);
    try {
      await waitForRateLimit(url, spec);
      await waitForBudget(url, spec);
    } catch (error) {
      release();
      throw error;
    }
    state.release = release;
    counters.requests++;
    // The token goes to the endpoint's origin only, also when a next link points elsewhere.
    if (authorization && new URL(url).origin === endpointUrl.origin) request.headers.authorization = authorization;
    else delete request.headers.authorization;
  }

  const endAttempt = (state: CallState) => {
    state.release?.();
    state.release = undefined;
  };

  const backoff = (attempt: number) => Math.min(maxRetryWaitMs, BACKOFF_BASE_MS * 2 ** attempt);

  /**
   * got's calculateDelay, after every failed attempt: 0 ends the call, anything else retries it. The
   * wait itself happens here, through `sleep` (abortable, on the client's clock), or for a 429 as the
   * shared pause that beforeAttempt waits out.
   */
  async function retryDelay(error: RequestError, attemptCount: number, retryAfter: number | undefined): Promise<number> {
    const state = stateOf(error.options);
    // The slot of a 429 is given back only after the pause is set, so no other call slips through first.
    const waitMs = decideRetry(state, error, attemptCount, retryAfter);
    endAttempt(state);
    if (waitMs === undefined) return 0;
    counters.retries++;
    if (waitMs > 0) await sleep(waitMs, state.spec.signal);
    return 1;
  }

  /** How long to wait before the next attempt (0: at once, or after the shared 429 pause); undefined: no retry. */
  function decideRetry(state: CallState, error: RequestError, attemptCount: number, retryAfter: number | undefined): number | undefined {
    if (state.spec.signal?.aborted || attemptCount > retries) return undefined;
    const attempt = attemptCount - 1;
    if (error instanceof ParseError) {
      if (!(error.cause instanceof HubResponseError) || state.malformedRetried) return undefined;
      state.malformedRetried = true;
      return backoff(attempt);
    }
    // An answer with a status; a timeout or a reset while the body streams has a response but no HTTPError.
    if (error instanceof HTTPError) {
      const status = error.response.statusCode;
      if (!RETRY_STATUSES.has(status)) return undefined;
      if (status !== 429) return backoff(attempt);
      // The Hub's RateLimit header first, then Retry-After (which got reads), then backoff.
      const resetMs = Math.min(maxRetryWaitMs, parseRateLimitWait(error.response.headers) ?? retryAfter ?? backoff(attempt));
      pausedUntil = Math.max(pausedUntil, now() + resetMs);
      return 0;
    }
    // A Hub that cannot be reached at all gets one retry for a blip, not the whole budget.
    if (unreachableReason(error.code) && attemptCount >= UNREACHABLE_ATTEMPTS) return undefined;
    return isRetriableNetworkError(error) ? backoff(attempt) : undefined;
  }

  const http = got.extend({
    timeout: { request: timeoutMs },
    // Final error statuses come back as responses, mapped to our errors by settle().
    throwHttpErrors: false,
    responseType: 'json',
    headers: { 'user-agent': options.userAgent ?? 'ml-benchmark-explorer', accept: 'application/json' },
    retry: {
      limit: retries,
      methods: ['GET'],
      statusCodes: [...RETRY_STATUSES],
      errorCodes: [...RETRY_CODES],
      calculateDelay: ({ error, attemptCount, retryAfter }) => retryDelay(error, attemptCount, retryAfter),
    },
    hooks: {
      beforeRequest: [beforeAttempt],
      afterResponse: [
        (response) => {
          // A status got retries keeps its slot until retryDelay has seen it (and set any 429 pause).
          if (!RETRY_STATUSES.has(response.statusCode)) endAttempt(stateOf(response.request.options));
          return response;
        },
      ],
    },
  });

  /** Per-call options: the state for the hooks, the caller's signal, and the body read as JSON then by `read`. */
  const callOptions = (state: CallState) => ({
    // A signal of its own per call: a refresh's one signal would otherwise carry a listener per queued request.
    signal: state.spec.signal && AbortSignal.any([state.spec.signal]),
    context: { hub: state },
    parseJson: (text: string) => state.spec.read(state.spec.bodyAs === 'text' ? text : parseJson(text, state.spec.url, state.spec.label)),
  });

  const attemptsText = (count: number) => `after ${count} attempt${count === 1 ? '' : 's'}`;

  /** The value of a final response, or the error its status means. */
  function settle(response: Response<unknown>, spec: RequestSpec<unknown>): unknown {
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      if (response.rawBody.length === 0) throw new HubResponseError(`Hub sent an empty body for ${spec.label}`, { url: spec.url });
      return response.body;
    }
    const detail = errorDetail(response.rawBody.toString('utf8'));
    if (RETRY_STATUSES.has(status)) {
      throw new UpstreamError(`Hub answered HTTP ${status}${detail} to ${spec.label} (${attemptsText(response.retryCount + 1)})`, { url: spec.url, status });
    }
    throw spec.onStatus?.(status, response.headers) ?? new UpstreamError(`Hub answered HTTP ${status}${detail} to ${spec.label}`, { url: spec.url, status });
  }

  /** What a call rejects with when got gave up: ours, named, never got's own error types. */
  function failure(error: unknown, state: CallState): unknown {
    const { spec } = state;
    if (spec.signal?.aborted) return abortErrorFor(spec.signal);
    if (error instanceof ParseError && error.cause instanceof HubResponseError) return error.cause;
    if (!(error instanceof RequestError) || error instanceof HTTPError) return error;
    const attempts = attemptsText((error.request?.retryCount ?? 0) + 1);
    const why = unreachableReason(error.code);
    if (why) return new HubUnreachableError(endpointUrl.origin, why, { url: spec.url, code: error.code, cause: error, label: spec.label, attempts });
    return new UpstreamError(`${describeNetworkError(error, timeoutMs)} for ${spec.label} (${attempts})`, { url: spec.url, code: error.code, cause: error });
  }

  /** One resource, with retries; the shape new Hub calls use. */
  async function request<T>(spec: RequestSpec<T>): Promise<{ value: T; headers: IncomingHttpHeaders }> {
    throwIfAborted(spec.signal);
    const state: CallState = { spec, malformedRetried: false };
    let response: Response<unknown>;
    try {
      response = await http.get(spec.url, { ...callOptions(state), responseType: 'json' });
    } catch (error) {
      throw failure(error, state);
    } finally {
      endAttempt(state);
    }
    return { value: settle(response, spec) as T, headers: response.headers };
  }

  /**
   * Every page of a Link-paged list, through got's paginate (its retries per page). `readPage` gets each
   * page's items and the next link (our reader, not got's: the Hub's cursors may hold commas or
   * semicolons, which got's splits on) and says which items to keep and whether to follow the link.
   */
  async function paginateList<T>(
    first: string,
    pageSpec: (page: number, url: string) => RequestSpec<unknown[]>,
    readPage: (page: { items: unknown[]; page: number; link: string | undefined; visited: ReadonlySet<string> }) => { items: T[]; follow: boolean },
  ): Promise<T[]> {
    const state: CallState = { spec: pageSpec(1, first), malformedRetried: false };
    const visited = new Set<string>([first]);
    const out: T[] = [];
    let page = 0;
    let next: string | undefined;
    const transform = (response: Response<unknown>): T[] => {
      page++;
      const items = settle(response, state.spec) as unknown[];
      const link = nextLinkUrl(response.headers.link, state.spec.url);
      const read = readPage({ items, page, link, visited });
      next = read.follow ? link : undefined;
      if (next !== undefined) {
        visited.add(next);
        state.spec = pageSpec(page + 1, next);
        state.malformedRetried = false;
      }
      return read.items;
    };
    try {
      for await (const item of http.paginate<T, unknown>(first, {
        ...callOptions(state),
        pagination: {
          transform,
          paginate: () => (next === undefined ? false : { url: new URL(next) }),
          backoff: 0,
          requestLimit: Number.POSITIVE_INFINITY,
          stackAllItems: false,
        },
      })) {
        out.push(item);
      }
    } catch (error) {
      throw failure(error, state);
    } finally {
      endAttempt(state);
    }
    return out;
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
    throwIfAborted(signal);

    const pageSpec = (page: number, url: string): RequestSpec<unknown[]> => ({
      url,
      label: `model list "${task}" page ${page}`,
      signal,
      onWait: opts.onWait,
      read: (body) => {
        if (!Array.isArray(body)) throw new HubResponseError(`Hub sent ${describeJson(body)} instead of a list of models for model list "${task}" page ${page}`, { url });
        return body as unknown[];
      },
    });
    const first = listUrl(task, Math.min(limit, HUB_MAX_PAGE_SIZE));
    const seen = new Set<string>();
    let kept = 0;
    let invalid = 0;
    return paginateList<HubModel>(first, pageSpec, ({ items, page, link, visited }) => {
      const fresh: HubModel[] = [];
      let unseen = 0;
      for (const item of items) {
        if (kept + fresh.length >= limit) break;
        const id = idOf(item);
        if (id !== undefined) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        unseen++;
        const parsed = HubModelSchema.safeParse(item);
        if (parsed.success) {
          fresh.push(parsed.data);
        } else {
          invalid++;
          counters.invalidModels++;
        }
      }
      kept += fresh.length;
      let stopReason: ListStopReason | undefined;
      if (kept >= limit) stopReason = 'limit';
      else if (link === undefined || items.length === 0) stopReason = 'last-page';
      // A page of nothing new, or a next link we already followed, would page forever.
      else if (unseen === 0 || visited.has(link)) stopReason = 'pagination-loop';
      if (stopReason === 'pagination-loop') counters.paginationLoops++;
      opts.onPage?.({ page, models: kept, invalid, ...(stopReason ? { stopReason } : {}) });
      return { items: fresh, follow: stopReason === undefined };
    });
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

  const repoPath = (id: string) => {
    if (typeof id !== 'string' || id.trim() === '' || id.split('/').some((part) => part === '' || part === '.' || part === '..')) {
      throw new TypeError(`"${id}" is not a repo id`);
    }
    return id.split('/').map(encodeURIComponent).join('/');
  };

  /** Every item of a Link-paged list, through got's paginate; stops on a link already followed or an empty page. */
  async function pagedList(first: string, label: string, signal: AbortSignal | undefined): Promise<unknown[]> {
    throwIfAborted(signal);
    const pageSpec = (page: number, url: string): RequestSpec<unknown[]> => ({
      url,
      label: `${label} page ${page}`,
      signal,
      read: (body) => {
        if (!Array.isArray(body)) throw new HubResponseError(`Hub sent ${describeJson(body)} instead of a list for ${label} page ${page}`, { url });
        return body as unknown[];
      },
      onStatus: (status, h) =>
        status === 404 || status === 401 || status === 403 || h['x-error-code'] === 'RepoNotFound' || h['x-error-code'] === 'GatedRepo'
          ? new HubFileMissingError(`${label}: HTTP ${status}${h['x-error-code'] ? ` ${String(h['x-error-code'])}` : ''}`, status)
          : undefined,
    });
    return paginateList<unknown>(first, pageSpec, ({ items, link, visited }) => {
      const loop = link !== undefined && visited.has(link);
      if (loop) counters.paginationLoops++;
      return { items, follow: link !== undefined && items.length > 0 && !loop };
    });
  }

  async function listDatasets(filter: string, opts: ListDatasetsOptions = {}): Promise<HubDatasetInfo[]> {
    const url = new URL('api/datasets', base);
    url.searchParams.set('filter', filter);
    url.searchParams.set('limit', String(HUB_MAX_PAGE_SIZE));
    const items = await pagedList(url.toString(), `dataset list "${filter}"`, opts.signal);
    const seen = new Set<string>();
    const out: HubDatasetInfo[] = [];
    for (const item of items) {
      const id = idOf(item);
      if (id === undefined || seen.has(id.toLowerCase())) continue;
      seen.add(id.toLowerCase());
      out.push(item as HubDatasetInfo);
    }
    return out;
  }

  async function getLeaderboard(datasetId: string, opts: LeaderboardOptions = {}): Promise<unknown[]> {
    const url = new URL(`api/datasets/${repoPath(datasetId)}/leaderboard`, base);
    if (opts.baseModelsOnly === false) url.searchParams.set('base_model', 'false');
    return pagedList(url.toString(), `leaderboard of "${datasetId}"`, opts.signal);
  }

  async function getRepoFile(repo: { type: 'dataset' | 'model'; id: string }, path: string, signal?: AbortSignal): Promise<string | undefined> {
    const prefix = repo.type === 'dataset' ? 'datasets/' : '';
    const url = new URL(`${prefix}${repoPath(repo.id)}/resolve/main/${path.split('/').map(encodeURIComponent).join('/')}`, base).toString();
    try {
      const { value } = await request({
        url,
        label: `${path} of ${repo.type} "${repo.id}"`,
        signal,
        bodyAs: 'text',
        read: (body) => body as string,
        onStatus: (status, h) =>
          status === 404 || status === 401 || status === 403 || h['x-error-code'] === 'EntryNotFound' || h['x-error-code'] === 'RepoNotFound'
            ? new HubFileMissingError(`${path} of "${repo.id}": HTTP ${status}`, status)
            : undefined,
      });
      return value;
    } catch (error) {
      if (error instanceof HubFileMissingError && !error.refused) return undefined;
      throw error;
    }
  }

  return {
    endpoint,
    concurrency: limiter.max,
    listModels,
    getModel,
    listDatasets,
    getLeaderboard,
    getRepoFile,
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
