// Small writers shared by every route: JSON, errors with a `detail`, and bytes held in memory.
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': bytes.length });
  res.end(bytes);
}

const CODE_BY_STATUS: Record<number, string> = { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_SUPPORTED', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 500: 'INTERNAL_SERVER_ERROR' };

export function sendError(res: ServerResponse, status: number, detail: string, headers: Record<string, string> = {}) {
  sendJson(res, status, { detail, message: detail, code: CODE_BY_STATUS[status] ?? 'ERROR' }, headers);
}

/** Bytes held in memory (a patched bundle, an icon), cached by the browser until they change. */
export function sendBytes(req: IncomingMessage, res: ServerResponse, bytes: Buffer, type: string) {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': bytes.length, 'Cache-Control': 'max-age=3600' });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

export function sendText(res: ServerResponse, text: string, type: string) {
  const bytes = Buffer.from(text);
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': bytes.length, 'Cache-Control': 'no-cache' });
  res.end(bytes);
}
