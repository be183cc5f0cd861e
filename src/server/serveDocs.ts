// The API's documents, offline: the OpenAPI document (built on first request), Swagger UI under
// /docs, ReDoc under /redoc, and the favicon.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { faviconIco, REDOC_HTML, REDOC_LOCAL_LOGO, REDOC_LOGO_SVG, redocBundleBytes, SWAGGER_HTML, SWAGGER_INIT_JS, swaggerUiDir } from './docsPages.js';
import { HTML_CSP } from './securityPolicy.js';
import { sendBytes, sendError, sendText } from './sendResponse.js';
import { resolveInside, serveFile } from './serveStatic.js';

export const isDocsPath = (p: string) => p === '/openapi.json' || p === '/docs' || p.startsWith('/docs/') || p === '/redoc' || p.startsWith('/redoc/') || p === '/favicon.ico';

/** Answers a docs path (see isDocsPath); GET and HEAD only. */
export function createDocsRoutes(version: string) {
  let openApiJson: Buffer | undefined;
  return async function serveDocs(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, `${req.method} is not supported here`, { Allow: 'GET, HEAD' });
    if (pathname === '/openapi.json') {
      if (!openApiJson) {
        const { createOpenApiDocument } = await import('../api/openApiDocument.js');
        openApiJson = Buffer.from(JSON.stringify(createOpenApiDocument({ version }), null, 2));
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': openApiJson.length });
      res.end(req.method === 'HEAD' ? undefined : openApiJson);
      return;
    }
    if (pathname === '/docs' || pathname.startsWith('/docs/')) {
      res.setHeader('Content-Security-Policy', HTML_CSP);
      if (pathname === '/docs' || pathname === '/docs/') return sendText(res, SWAGGER_HTML, 'text/html; charset=utf-8');
      if (pathname === '/docs/init.js') return sendText(res, SWAGGER_INIT_JS, 'text/javascript; charset=utf-8');
      const file = resolveInside(swaggerUiDir, pathname.slice('/docs/'.length));
      if (file && (await serveFile(req, res, file))) return;
      return sendError(res, 404, 'Not found');
    }
    if (pathname === '/redoc' || pathname === '/redoc/') {
      res.setHeader('Content-Security-Policy', HTML_CSP);
      return sendText(res, REDOC_HTML, 'text/html; charset=utf-8');
    }
    if (pathname === '/redoc/redoc.standalone.js') return sendBytes(req, res, redocBundleBytes(), 'text/javascript; charset=utf-8');
    if (pathname === REDOC_LOCAL_LOGO) return sendBytes(req, res, Buffer.from(REDOC_LOGO_SVG), 'image/svg+xml');
    if (pathname === '/favicon.ico') return sendBytes(req, res, faviconIco(), 'image/x-icon');
    return sendError(res, 404, 'Not found');
  };
}
