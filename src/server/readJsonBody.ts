// Request bodies: JSON only (which also blocks cross-site "simple" form posts), bounded in size and
// nesting, read before any procedure runs.
import type { IncomingMessage } from 'node:http';

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** Deepest nesting of arrays/objects in a JSON text, counted outside strings, without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Deeper JSON than any real request needs would overflow the stack when re-serialized. */
export const MAX_JSON_DEPTH = 64;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; detail: string };

/** The checks made before a body is read: JSON media type and declared size. */
export function checkBodyHeaders(req: IncomingMessage, maxBytes: number): BodyResult | undefined {
  const type = mediaType(req);
  if (type !== 'application/json') {
    req.resume();
    return { ok: false, status: 415, detail: type ? `Content-Type "${type}" is not supported: send application/json` : 'Content-Type is required: send application/json' };
  }
  if (Number(req.headers['content-length'] ?? NaN) > maxBytes) {
    req.resume();
    return { ok: false, status: 413, detail: tooLarge(maxBytes) };
  }
  return undefined;
}

export const tooLarge = (maxBytes: number) => `request body is larger than ${maxBytes} bytes`;

/** Parses a JSON text; an empty body counts as `{}` — browser clients send exactly that to POST /api/refresh. */
export function parseJsonText(text: string): BodyResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: {} };
  if (jsonDepth(trimmed) > MAX_JSON_DEPTH) return { ok: false, status: 400, detail: `body: JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch (error) {
    return { ok: false, status: 400, detail: `body: not valid JSON (${(error as Error).message})` };
  }
}

/** Reads a small REST request body into memory (large imports are staged on disk instead: stageImportBody). */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const refused = checkBodyHeaders(req, maxBytes);
  if (refused) return refused;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return { ok: false, status: 413, detail: tooLarge(maxBytes) };
    chunks.push(chunk);
  }
  return parseJsonText(Buffer.concat(chunks).toString('utf8'));
}
