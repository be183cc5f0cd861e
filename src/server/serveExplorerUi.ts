// The built explorer UI under /app/: its files, and the app shell for client-side routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { HTML_CSP } from './securityPolicy.js';
import { sendError } from './sendResponse.js';
import { resolveInside, serveFile } from './serveStatic.js';

export const isExplorerUiPath = (p: string) => p === '/app' || p.startsWith('/app/');

export async function serveExplorerUi(req: IncomingMessage, res: ServerResponse, pathname: string, rendererDir: string | undefined): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, `${req.method} is not supported here`, { Allow: 'GET, HEAD' });
  if (!rendererDir) return sendError(res, 404, 'the explorer UI is not built: run `npm run build`');
  res.setHeader('Content-Security-Policy', HTML_CSP);
  if (pathname === '/app') {
    res.writeHead(308, { Location: '/app/' });
    res.end();
    return;
  }
  const rel = pathname.slice('/app/'.length) || 'index.html';
  const file = resolveInside(rendererDir, rel);
  if (file && (await serveFile(req, res, file))) return;
  // Client-side routes fall back to the app shell; missing assets stay 404.
  if (!path.extname(rel) && (await serveFile(req, res, path.join(rendererDir, 'index.html')))) return;
  return sendError(res, 404, 'Not found');
}
