// Where the window may go: nowhere but the app's own page. Links out open in the user's browser, and
// only when they are plain https; everything else (file:, javascript:, custom schemes) goes nowhere.
import { isAppUrl, type AppLocation } from '../src/ipc/senderPolicy.js';

export type { AppLocation } from '../src/ipc/senderPolicy.js';

export interface NavigationDecision {
  /** Let the window itself navigate there. */
  allow: boolean;
  /** Hand this URL to the system browser instead (shell.openExternal). */
  openExternal?: string;
}

/**
 * The URL the system browser may open, normalized, or undefined. https only: an http link could be
 * rewritten on the way, and other schemes launch local handlers. URLs with credentials are refused,
 * since `https://trusted.example@evil.example/` reads as one host and goes to another.
 */
export function externalUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || !parsed.hostname || parsed.username || parsed.password) return undefined;
  return parsed.href;
}

/** will-navigate / will-redirect: stay inside the app; an allowed link out goes to the browser. */
export function decideNavigation(url: string, location: AppLocation): NavigationDecision {
  if (isAppUrl(url, location)) return { allow: true };
  const external = externalUrl(url);
  return external ? { allow: false, openExternal: external } : { allow: false };
}

/** setWindowOpenHandler: the app never opens windows of its own; https links go to the browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternal?: string } {
  const external = externalUrl(url);
  return external ? { action: 'deny', openExternal: external } : { action: 'deny' };
}
