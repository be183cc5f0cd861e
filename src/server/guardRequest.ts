// The checks every request passes before it reaches a route: security headers, Host (DNS
// rebinding), Origin and Fetch Metadata (other sites' pages), CORS and preflights, and the API
// token or browser session cookie when one is required.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkFetchSite, checkHost, checkOrigin, checkToken, corsHeaders, SECURITY_HEADERS, type SecurityPolicy } from './securityPolicy.js';
import { sendError } from './sendResponse.js';

const SECURITY_HEADER_ENTRIES = Object.entries(SECURITY_HEADERS);

/** true when the request was answered here (refused, a preflight, or by beforeToken). */
export function guardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  policy: SecurityPolicy,
  hooks: { beforeToken?: (req: IncomingMessage, res: ServerResponse) => boolean } = {},
): boolean {
  for (const [k, v] of SECURITY_HEADER_ENTRIES) res.setHeader(k, v);
  for (const check of [checkHost, checkOrigin, checkFetchSite]) {
    const verdict = check(req.headers, policy);
    if (!verdict.ok) {
      sendError(res, verdict.status, verdict.detail);
      return true;
    }
  }
  for (const [k, v] of Object.entries(corsHeaders(req.headers, policy))) res.setHeader(k, v);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { Allow: 'GET, POST, OPTIONS' });
    res.end();
    return true;
  }
  if (hooks.beforeToken?.(req, res)) return true;
  const token = checkToken(req.headers, policy);
  if (!token.ok) {
    sendError(res, token.status, token.detail, { 'WWW-Authenticate': 'Bearer' });
    return true;
  }
  return false;
}
