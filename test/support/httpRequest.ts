// Plain node:http requests (no fetch: it decompresses bodies and fixes Host and Origin headers on
// its own), so tests see exactly the bytes and headers the server sent.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json<T = any>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** false: send no Host header at all. */
  setHost?: boolean;
  /** Send the body with chunked transfer encoding (no Content-Length). */
  chunked?: boolean;
}

export function request(url: string, options: RequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.body !== undefined && !options.chunked && headers['Content-Length'] === undefined) {
      headers['Content-Length'] = Buffer.byteLength(options.body);
    }
    const req = httpRequest(url, { method: options.method ?? 'GET', headers, agent: false, setHost: options.setHost ?? true }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

/** Sends raw bytes on a fresh socket and returns everything the server answered until it closed. */
export function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** The status code of a raw HTTP/1.x answer ("HTTP/1.1 403 Forbidden" → 403). */
export function rawStatus(answer: string): number {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
  return m ? Number(m[1]) : 0;
}

/** The body of a raw answer (after the blank line). */
export function rawBody(answer: string): string {
  const at = answer.indexOf('\r\n\r\n');
  return at < 0 ? '' : answer.slice(at + 4);
}

/** Stack-trace fragments that must never appear in a response: "    at fn (/x/y.ts:1:2)". */
export const STACK_TRACE = /\bat [^\n]*\.(?:ts|js|mjs|cjs):\d+|\n\s+at /;
