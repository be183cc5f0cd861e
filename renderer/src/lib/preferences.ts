// Small persisted UI state (theme, synthetic opt-in, the compare tray) with React subscriptions.
import { useSyncExternalStore } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';

export interface Preferences {
  theme: ThemePreference;
  /** Off by default: generated fill-ins are never shown unless the analyst asks for them. */
  includeSynthetic: boolean;
  /** Model ids picked for side-by-side comparison (at most MAX_COMPARE). */
  compare: string[];
}

export const MAX_COMPARE = 4;
const STORAGE_KEY = 'mbe.preferences.v1';
const DEFAULTS: Preferences = { theme: 'system', includeSynthetic: false, compare: [] };

function load(): Preferences {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return DEFAULTS;
    const p = JSON.parse(raw) as Partial<Preferences>;
    return {
      theme: p.theme === 'light' || p.theme === 'dark' ? p.theme : 'system',
      includeSynthetic: p.includeSynthetic === true,
      compare: Array.isArray(p.compare) ? p.compare.filter((x): x is string => typeof x === 'string').slice(0, MAX_COMPARE) : [],
    };
  } catch {
    return DEFAULTS;
  }
}

let state: Preferences = load();
const listeners = new Set<() => void>();

export function getPreferences(): Preferences {
  return state;
}

export function setPreferences(update: Partial<Preferences>) {
  state = { ...state, ...update };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Storage may be unavailable (private mode); the choice still holds for this session.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePreferences(): Preferences {
  return useSyncExternalStore(subscribe, getPreferences, getPreferences);
}

export function toggleCompare(id: string) {
  const list = state.compare;
  if (list.includes(id)) setPreferences({ compare: list.filter((x) => x !== id) });
  else if (list.length < MAX_COMPARE) setPreferences({ compare: [...list, id] });
}
