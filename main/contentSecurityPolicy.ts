// The renderer's Content Security Policy: the page may load only the app's own files and talk to no
// server at all (inside Electron the data comes over IPC). A looser variant exists only for the dev server.

export interface CspOptions {
  /** The renderer dev server (ELECTRON_RENDERER_URL): allows its inline React-refresh preamble and HMR socket. */
  devServerUrl?: string;
  /**
   * For a <meta http-equiv> tag: leaves out the directives browsers ignore there (frame-ancestors),
   * which would only print a console warning.
   */
  forMetaTag?: boolean;
}

type Directives = Record<string, string[]>;

function devSocketOrigin(devServerUrl: string): string | undefined {
  try {
    const url = new URL(devServerUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  } catch {
    return undefined;
  }
}

export function contentSecurityPolicyDirectives(options: CspOptions = {}): Directives {
  const directives: Directives = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    // Same as the HTTP server's policy for the same built UI: libraries set inline styles.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    // 'self' only: inside Electron the UI talks to the router over IPC, not to the local REST server.
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  if (options.devServerUrl) {
    const socket = devSocketOrigin(options.devServerUrl);
    // Vite's dev page injects an inline module preamble for React refresh and keeps an HMR socket open.
    directives['script-src'] = ["'self'", "'unsafe-inline'"];
    if (socket) directives['connect-src'] = ["'self'", socket];
  }
  if (options.forMetaTag) delete directives['frame-ancestors'];
  return directives;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  return Object.entries(contentSecurityPolicyDirectives(options))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
