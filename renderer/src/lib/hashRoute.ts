// Hash-based routing (#/view/arg?key=value): every view is linkable and works under file:// too.
import { useSyncExternalStore } from 'react';

export interface Route {
  /** Path segments after "#/", decoded: "#/model/timm/vit" → ["model", "timm", "vit"]. */
  segments: string[];
  params: URLSearchParams;
}

const listeners = new Set<() => void>();
let cachedHash: string | undefined;
let cachedRoute: Route = { segments: [], params: new URLSearchParams() };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const query = q >= 0 ? raw.slice(q + 1) : '';
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { segments, params: new URLSearchParams(query) };
}

/** "#/model/org/name?x=1" — each segment encoded on its own, so ids with a slash stay readable. */
export function hrefFor(path: string, params?: Record<string, string | number | boolean | undefined | null> | URLSearchParams): string {
  const segs = path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  let query = '';
  if (params instanceof URLSearchParams) {
    query = params.toString();
  } else if (params) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined || v === null || v === '' || v === false) continue;
      p.set(k, v === true ? '1' : String(v));
    }
    query = p.toString();
  }
  return `#/${segs}${query ? `?${query}` : ''}`;
}

function current(): Route {
  const hash = window.location.hash;
  if (hash !== cachedHash) {
    cachedHash = hash;
    cachedRoute = parseHash(hash);
  }
  return cachedRoute;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('hashchange', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('hashchange', listener);
  };
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current, current);
}

/** Goes to a hash; `replace` rewrites the current history entry (typing in a filter should not flood Back). */
export function navigate(href: string, options: { replace?: boolean } = {}) {
  if (href === window.location.hash) return;
  if (options.replace) {
    history.replaceState(history.state, '', href);
    for (const l of listeners) l();
  } else {
    window.location.hash = href;
  }
}

/** Changes some query parameters of the current view, keeping the others. */
export function updateParams(changes: Record<string, string | number | boolean | undefined | null>, options: { replace?: boolean } = { replace: true }) {
  const route = current();
  const params = new URLSearchParams(route.params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === null || v === '' || v === false) params.delete(k);
    else params.set(k, v === true ? '1' : String(v));
  }
  navigate(hrefFor(route.segments.join('/'), params), options);
}
