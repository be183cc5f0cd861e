// The desktop app's configuration: the same variables as the headless server, except where it listens.
// A shell often exports HOST or PORT for other tools (dev servers, containers); the desktop app must not
// bind its REST API beyond loopback, or to a port meant for something else, because of them.
import { loadConfig, type Config } from '../src/config.js';

/** Where the desktop app reads its listen address from; HOST and PORT themselves are ignored. */
export const DESKTOP_VARIABLES = { HOST: 'EXPLORER_HOST', PORT: 'EXPLORER_PORT' } as const;

export function loadDesktopConfig(env: Record<string, string | undefined>): Config {
  return loadConfig(env, { variables: DESKTOP_VARIABLES });
}
