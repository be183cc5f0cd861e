// Per-version response cache: the answer of a query that depends only on the dataset version and its
// input is serialized once (and compressed once per encoding, when first asked for) and reused until
// the version is replaced. It is filled by running the procedure through the router, so every
// middleware sees every call; an HTTP transport asks for bytes by giving the context a response slot.
import { createHash } from 'node:crypto';
import { createGunzip } from 'node:zlib';
import { gunzipAnswer, type StoredAnswer } from '../cache/createAnswerFileStore.js';

/** Typed as Uint8Array (Node's Buffer is one) so the typed client's types need no Node types. */
export interface EncodedResponse {
  /** Strong validator of the identity bytes (a hash of them). */
  readonly etag: string;
  /** The JSON bytes; an answer read back from disk gunzips them on first use. */
  readonly identity: Uint8Array;
  /** Their length, when it is known without making them (an answer read back from disk). */
  readonly identityLength?: number;
  gzip?: Promise<Uint8Array>;
  br?: Promise<Uint8Array>;
  /**
   * An answer read back from disk whose identity bytes are not made yet: streams them as they are
   * gunzipped (and keeps them once whole). Undefined once they are made.
   */
  streamIdentity?: () => AsyncIterable<Uint8Array>;
}

/** How many identity bytes an answer has, without gunzipping a stored one. */
export const identityLength = (encoded: EncodedResponse) => encoded.identityLength ?? encoded.identity.length;

/** Set on a request's context by an HTTP transport: the middleware puts the encoded answer here. */
export interface ResponseSlot {
  encoded?: EncodedResponse;
  /** true when the answer came from the cache without running the procedure. */
  hit?: boolean;
}

export interface ResponseCacheLimits {
  /** Answers kept per dataset version (least recently used goes first). */
  maxEntries: number;
  /** Identity bytes kept per dataset version. */
  maxBytes: number;
}

/** Room for the seed blob's four variants (with and without synthetic values and force_refresh) at 7,948 models (68 MB each). */
export const DEFAULT_RESPONSE_CACHE_BYTES = 320 * 1024 * 1024;

interface VersionEntries {
  entries: Map<string, Promise<EncodedResponse>>;
  sizes: Map<string, number>;
  bytes: number;
}

const byVersion = new WeakMap<object, VersionEntries>();

/** JSON with object keys sorted, so equal inputs give equal keys whatever the order of their fields. */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  ) ?? 'undefined';
}

export function encodeResponse(data: unknown): EncodedResponse {
  const identity = Buffer.from(JSON.stringify(data));
  return { etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 32)}"`, identity };
}

/**
 * An answer read back from disk (checked by its store): gzip clients get the stored bytes as they are;
 * the identity bytes are streamed as they are gunzipped the first time, and kept once whole.
 */
export function storedResponse(answer: StoredAnswer): EncodedResponse {
  let identity: Uint8Array | undefined;
  // The pieces of a whole gunzip that was streamed: joined only when the bytes are asked for as one.
  let pieces: Buffer[] | undefined;
  const encoded: EncodedResponse = {
    etag: answer.etag,
    identityLength: answer.identityBytes,
    get identity() {
      if (!identity) {
        identity = pieces ? Buffer.concat(pieces, answer.identityBytes) : gunzipAnswer(answer);
        pieces = undefined;
        delete encoded.streamIdentity;
      }
      return identity;
    },
    gzip: Promise.resolve(answer.gzip),
    async *streamIdentity() {
      if (identity || pieces) {
        yield* identity ? [identity] : pieces!;
        return;
      }
      const chunks: Buffer[] = [];
      let length = 0;
      // Large pieces: fewer, larger writes to the socket.
      const gunzip = createGunzip({ chunkSize: 1 << 20 });
      gunzip.end(answer.gzip);
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        length += chunk.length;
        yield chunk;
      }
      if (length !== answer.identityBytes) throw new Error(`the stored answer gunzipped to ${length} bytes, its header says ${answer.identityBytes}`);
      if (!identity) pieces = chunks;
    },
  };
  return encoded;
}

/**
 * The cached answer for key under version, or the one compute() resolves to (which is then cached).
 * Concurrent misses for one key share one computation; a failed computation is not kept.
 */
export async function cachedResponse(
  version: object,
  key: string,
  limits: ResponseCacheLimits,
  compute: () => Promise<EncodedResponse | undefined>,
): Promise<{ encoded?: EncodedResponse; hit: boolean }> {
  let v = byVersion.get(version);
  if (!v) {
    v = { entries: new Map(), sizes: new Map(), bytes: 0 };
    byVersion.set(version, v);
  }
  const existing = v.entries.get(key);
  if (existing) {
    v.entries.delete(key);
    v.entries.set(key, existing); // most recently used last
    return { encoded: await existing, hit: true };
  }
  const pending = compute().then((encoded) => {
    if (!encoded) throw new NotCacheable();
    return encoded;
  });
  v.entries.set(key, pending);
  let encoded: EncodedResponse;
  try {
    encoded = await pending;
  } catch (error) {
    if (v.entries.get(key) === pending) v.entries.delete(key);
    if (error instanceof NotCacheable) return { hit: false };
    throw error;
  }
  if (v.entries.get(key) === pending) {
    v.sizes.set(key, identityLength(encoded));
    v.bytes += identityLength(encoded);
    evict(v, limits);
  }
  return { encoded, hit: false };
}

function evict(v: VersionEntries, limits: ResponseCacheLimits) {
  for (const key of v.entries.keys()) {
    if (v.entries.size <= Math.max(1, limits.maxEntries) && v.bytes <= limits.maxBytes) break;
    if (v.entries.size === 1) break; // the newest answer stays, however large
    const size = v.sizes.get(key);
    if (size === undefined) continue; // still being computed
    v.entries.delete(key);
    v.sizes.delete(key);
    v.bytes -= size;
  }
}

class NotCacheable extends Error {}
