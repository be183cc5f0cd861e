// Compression and ETags for answers held as bytes (the per-version response cache): br or gzip as
// the client accepts, made once per answer and encoding; 304 when the client already has it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants } from 'node:zlib';
import { identityLength, type EncodedResponse } from '../api/responseCache.js';
import { answerGzip } from '../cache/createAnswerFileStore.js';

const brotliAsync = promisify(brotliCompress);

/** If-None-Match per RFC 9110: "*", or any listed tag, weak or strong, equal to ours. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Picks br, then gzip, from an Accept-Encoding header (q=0 means refused). When the answer's gzip bytes
 * are at hand and its br bytes are not (an answer read back from disk), gzip is sent rather than
 * compressing the answer again.
 */
export function pickEncoding(accept: string | undefined, made: { br?: unknown; gzip?: unknown } = {}): 'br' | 'gzip' | 'identity' {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    offered.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (n: string) => (offered.get(n) ?? offered.get('*') ?? 0) > 0;
  if (ok('br') && !(made.gzip && !made.br && ok('gzip'))) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/** Below this, compressing costs more than it saves. */
const MIN_COMPRESS_BYTES = 1024;

export async function sendEncoded(req: IncomingMessage, res: ServerResponse, body: EncodedResponse, headers: Record<string, string> = {}) {
  const vary = res.getHeader('Vary');
  const common: Record<string, string> = { ...headers, Vary: vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding', 'Cache-Control': 'no-cache' };
  const encoding = identityLength(body) < MIN_COMPRESS_BYTES ? 'identity' : pickEncoding(req.headers['accept-encoding'], body);
  // One strong validator per representation: identity, gzip and br bytes differ.
  const etag = encoding === 'identity' ? body.etag : body.etag.replace(/"$/, `-${encoding}"`);
  common.ETag = etag;
  if (etagMatches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  // An answer read back from disk goes out as it is gunzipped, the first time identity is asked for.
  const stream = encoding === 'identity' ? body.streamIdentity : undefined;
  if (stream) {
    res.writeHead(200, { ...common, 'Content-Type': 'application/json', 'Content-Length': identityLength(body) });
    if (req.method === 'HEAD') return void res.end();
    return pipeline(stream(), res).catch(() => void res.destroy());
  }
  let bytes = body.identity;
  if (encoding === 'br') {
    body.br ??= brotliAsync(body.identity, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.identity.length } });
    bytes = await body.br;
  } else if (encoding === 'gzip') {
    bytes = await answerGzip(body);
  }
  res.writeHead(200, {
    ...common,
    'Content-Type': 'application/json',
    'Content-Length': bytes.length,
    ...(encoding !== 'identity' ? { 'Content-Encoding': encoding } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
