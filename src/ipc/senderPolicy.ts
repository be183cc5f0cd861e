// Who may talk to the router over IPC: only the main frame of our own window, showing our own page.
// Pure, so every refusal case is tested without Electron; main/ reuses `isAppUrl` for navigation.

/** Where the app's page lives: the built index.html (file://), or the dev server when one is given. */
export interface AppLocation {
  /** file:// URL of the built renderer's index.html. */
  appEntryUrl: string;
  /** http(s) URL of the renderer dev server; when given, only its origin counts as the app. */
  devServerUrl?: string;
}

export interface SenderPolicy extends AppLocation {
  /** webContents ids of the app's own windows. */
  windowIds: Iterable<number>;
}

export interface SenderIdentity {
  id: number;
  frame: { url: string; isMainFrame: boolean } | null;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function decodedPath(url: URL): string | undefined {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
}

/**
 * Whether a URL is the app's own page. With a dev server: same http(s) origin. Otherwise: exactly
 * the entry file (any query or #route), and never another file: a file:// origin is opaque, so
 * "same origin" would admit every file on disk.
 */
export function isAppUrl(url: string, location: AppLocation): boolean {
  const target = parse(url);
  if (!target || target.username || target.password) return false;
  if (location.devServerUrl) {
    const dev = parse(location.devServerUrl);
    if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return false;
    return target.origin === dev.origin;
  }
  const entry = parse(location.appEntryUrl);
  if (!entry || entry.protocol !== 'file:' || target.protocol !== 'file:') return false;
  if (target.host !== entry.host) return false;
  const a = decodedPath(target);
  return a !== undefined && a === decodedPath(entry);
}

export function isAllowedSender(sender: SenderIdentity, policy: SenderPolicy): boolean {
  const frame = sender.frame;
  if (!frame || frame.isMainFrame !== true || typeof frame.url !== 'string') return false;
  if (![...policy.windowIds].includes(sender.id)) return false;
  return isAppUrl(frame.url, policy);
}
