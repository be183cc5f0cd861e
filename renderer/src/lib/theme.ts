// Light and dark: follows the system unless the analyst picks one; charts read the resolved colors.
import { useEffect, useState } from 'react';
import { getPreferences, setPreferences, usePreferences, type ThemePreference } from './preferences';

const media = () => window.matchMedia('(prefers-color-scheme: dark)');

export function resolvedTheme(pref: ThemePreference = getPreferences().theme): 'light' | 'dark' {
  if (pref !== 'system') return pref;
  return media().matches ? 'dark' : 'light';
}

/** Puts the preference on <html data-theme> (CSS falls back to the system setting without it). */
export function applyTheme(pref: ThemePreference = getPreferences().theme) {
  const root = document.documentElement;
  if (pref === 'system') delete root.dataset.theme;
  else root.dataset.theme = pref;
}

export function cycleTheme() {
  const order: ThemePreference[] = ['system', 'light', 'dark'];
  const next = order[(order.indexOf(getPreferences().theme) + 1) % order.length];
  setPreferences({ theme: next });
  applyTheme(next);
}

/** The theme in effect, updated when the preference or the system setting changes. */
export function useResolvedTheme(): 'light' | 'dark' {
  const { theme } = usePreferences();
  const [systemDark, setSystemDark] = useState(() => media().matches);
  useEffect(() => {
    const m = media();
    const on = () => setSystemDark(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

/** A CSS color (e.g. "var(--accent)") resolved to rgb(...) in the current theme, for canvas drawing. */
export function cssColor(value: string, within: Element = document.body): string {
  const probe = document.createElement('span');
  probe.style.color = value;
  probe.style.display = 'none';
  within.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}
