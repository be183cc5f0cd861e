// The way in for a browser when the server needs a token (HOST beyond loopback): a browser cannot add
// an Authorization header to a page load, so /login trades a one-time code (printed at start) or the
// API token for an HttpOnly, SameSite=Strict session cookie, then sends the browser to the explorer.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestTarget } from './requestTarget.js';
import { sendError } from './sendResponse.js';
import { SESSION_COOKIE, sessionCookieValue, tokenMatches, type SecurityPolicy } from './securityPolicy.js';

export const LOGIN_PATH = '/login';
/** Codes not yet used; older ones are dropped beyond this. */
const MAX_OPEN_CODES = 16;
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

export interface BrowserLogin {
  /** A fresh code for one sign-in: `/login?code=…`. */
  issueCode(): string;
  /** Answers GET /login; false when the path is another one. */
  handle(req: IncomingMessage, res: ServerResponse, url: RequestTarget, policy: SecurityPolicy): boolean;
}

export function createBrowserLogin(): BrowserLogin {
  const open: string[] = [];
  return {
    issueCode() {
      const code = randomBytes(24).toString('base64url');
      open.push(code);
      if (open.length > MAX_OPEN_CODES) open.shift();
      return code;
    },
    handle(req, res, url, policy) {
      if (url.pathname !== LOGIN_PATH) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendError(res, 405, `${req.method} is not supported here`, { Allow: 'GET' });
        return true;
      }
      if (!policy.apiToken) {
        redirect(res, nextPath(url));
        return true;
      }
      const code = url.searchParams.get('code');
      const token = url.searchParams.get('token');
      const codeAt = code ? open.findIndex((c) => tokenMatches(c, code)) : -1;
      if (codeAt >= 0) open.splice(codeAt, 1); // one use
      else if (!(token && tokenMatches(token, policy.apiToken))) {
        sendError(res, 401, 'this sign-in address is not valid (a code works once): use the /login address printed at the last start, or /login?token=<API token>');
        return true;
      }
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${sessionCookieValue(policy.apiToken)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MAX_AGE_SECONDS}`);
      redirect(res, nextPath(url));
      return true;
    },
  };
}

/** Where to go after signing in: a path on this server (never another site), the explorer by default. */
function nextPath(url: RequestTarget): string {
  const next = url.searchParams.get('next');
  return next && /^\/(?![/\\])/.test(next) ? next : '/app/';
}

function redirect(res: ServerResponse, location: string) {
  // 303: the address with the code is not kept in the history as the page that was shown.
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}
