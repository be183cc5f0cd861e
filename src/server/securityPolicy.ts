// Transport-level checks for the localhost server, decided before any procedure runs:
// Host allow-list (DNS rebinding), Origin allow-list (CORS), Fetch Metadata (no-Origin cross-site
// GETs such as <img> or no-cors fetches), and an API token (or the browser session cookie it
// derives) when the server is reachable beyond loopback. Pure functions, so each rule is testable on its own.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

export interface SecurityPolicy {
  port: number;
  /** Extra host names (with no port) accepted in the Host header, e.g. the bound LAN address. */
  extraHosts: string[];
  corsOrigins: string[];
  /** Required as `Authorization: Bearer …` when set (non-loopback binding). */
  apiToken?: string;
}

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; detail: string };

/** Sets worked out once per policy object (a server keeps one per port), not on every request. */
const hostSets = new WeakMap<SecurityPolicy, Set<string>>();
const originSets = new WeakMap<SecurityPolicy, Set<string>>();

export function allowedHosts(policy: SecurityPolicy): Set<string> {
  let set = hostSets.get(policy);
  if (!set) {
    const names = [...LOOPBACK_NAMES, ...policy.extraHosts];
    set = new Set(names.map((n) => `${n}:${policy.port}`.toLowerCase()));
    hostSets.set(policy, set);
  }
  return set;
}

export function allowedOrigins(policy: SecurityPolicy): Set<string> {
  let set = originSets.get(policy);
  if (!set) {
    const own = [...LOOPBACK_NAMES, ...policy.extraHosts].map((n) => `http://${n}:${policy.port}`);
    set = new Set([...own, ...policy.corsOrigins].map((o) => o.replace(/\/$/, '').toLowerCase()));
    originSets.set(policy, set);
  }
  return set;
}

export function checkHost(headers: IncomingHttpHeaders, policy: SecurityPolicy): Verdict {
  const host = (headers.host ?? '').trim().toLowerCase();
  if (!host) return { ok: false, status: 403, detail: 'Host header is required' };
  if (!allowedHosts(policy).has(host)) {
    return { ok: false, status: 403, detail: `Host "${host}" is not allowed: this server answers only to its own loopback address` };
  }
  return { ok: true };
}

export function checkOrigin(headers: IncomingHttpHeaders, policy: SecurityPolicy): Verdict {
  const origin = headers.origin;
  if (origin === undefined) return { ok: true };
  if (!allowedOrigins(policy).has(origin.replace(/\/$/, '').toLowerCase())) {
    return { ok: false, status: 403, detail: `Origin "${origin}" is not allowed (see CORS_ORIGINS)` };
  }
  return { ok: true };
}

/**
 * A browser sends `Sec-Fetch-Site` with every request. "cross-site" and "same-site" requests come from
 * another page — an <img>, a link, a no-cors fetch, none of which sends an Origin — and are refused
 * unless they carry an allowed Origin (a CORS call from an allowed dev server). "same-origin" (the UI
 * and docs), "none" (typed in the address bar, a bookmark) and clients that send none pass.
 */
export function checkFetchSite(headers: IncomingHttpHeaders, policy: SecurityPolicy): Verdict {
  const site = headers['sec-fetch-site'];
  if (site !== 'cross-site' && site !== 'same-site') return { ok: true };
  const origin = headers.origin;
  if (origin !== undefined && allowedOrigins(policy).has(origin.replace(/\/$/, '').toLowerCase())) return { ok: true };
  return { ok: false, status: 403, detail: `a ${site} request is refused (Sec-Fetch-Site: ${site}) unless its Origin is allowed (see CORS_ORIGINS); open the explorer from its own address` };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time comparison (of fixed-length digests, so length leaks nothing either). */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export const SESSION_COOKIE = 'mbe_session';

/** The browser session cookie's value: derived from the API token, so a new token ends every session. */
export function sessionCookieValue(apiToken: string): string {
  return createHmac('sha256', apiToken).update('browser session').digest('base64url');
}

/** A cookie's value from a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function checkToken(headers: IncomingHttpHeaders, policy: SecurityPolicy): Verdict {
  if (!policy.apiToken) return { ok: true };
  const auth = headers.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
  if (m && tokenMatches(m[1], policy.apiToken)) return { ok: true };
  // The cookie set by /login: SameSite=Strict, so no other site's page can send it.
  const session = cookieValue(headers.cookie, SESSION_COOKIE);
  if (session && tokenMatches(session, sessionCookieValue(policy.apiToken))) return { ok: true };
  return { ok: false, status: 401, detail: 'a valid API token is required: Authorization: Bearer <token>, or sign in a browser through the /login address printed at start' };
}

export function corsHeaders(headers: IncomingHttpHeaders, policy: SecurityPolicy): Record<string, string> {
  const origin = headers.origin;
  if (!origin || !allowedOrigins(policy).has(origin.replace(/\/$/, '').toLowerCase())) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'content-type, authorization, trpc-accept',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

/** Sent with every response. The CSP lets the UI and docs load only their own files. */
export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const HTML_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";
