// Child process: a bare node:http server answering recorded responses (same bytes, same paths, br when asked) as the speed-of-light reference.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedResponse {
  path: string;
  encoding: 'identity' | 'br';
  status: number;
  contentType: string;
  /** Base64 of the body exactly as the app sent it. */
  body: string;
}

const recorded = JSON.parse(readFileSync(process.argv[2], 'utf8')) as RecordedResponse[];
const byKey = new Map(recorded.map((r) => [`${r.encoding} ${r.path}`, { ...r, bytes: Buffer.from(r.body, 'base64') }]));

const server = createServer((req, res) => {
  const wantsBr = (req.headers['accept-encoding'] ?? '').includes('br');
  const hit = (wantsBr && byKey.get(`br ${req.url}`)) || byKey.get(`identity ${req.url}`);
  if (!hit) {
    res.writeHead(404).end();
    return;
  }
  const headers: Record<string, string | number> = { 'Content-Type': hit.contentType, 'Content-Length': hit.bytes.length };
  if (hit.encoding === 'br') headers['Content-Encoding'] = 'br';
  res.writeHead(hit.status, headers);
  res.end(hit.bytes);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
