// The desktop app listens where EXPLORER_HOST / EXPLORER_PORT say, never where a shell's generic HOST / PORT do.
import { describe, expect, it } from 'vitest';
import { loadDesktopConfig } from '../../main/desktopConfig.js';
import { ConfigError, ConfigSchema, loadConfig } from '../../src/config.js';

// The schema's own defaults (src/config.ts), not numbers copied here.
const defaults = ConfigSchema.parse({ DATA_DIR: '/tmp/x' });

describe('loadDesktopConfig', () => {
  it('ignores HOST and PORT from the shell when the prefixed variables are unset', () => {
    const config = loadDesktopConfig({ HOST: '0.0.0.0', PORT: '3000', DATA_DIR: '/tmp/x' });
    expect(config.HOST).toBe(defaults.HOST);
    expect(config.PORT).toBe(defaults.PORT);
    // The headless server does take them: the difference is the desktop app's alone.
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '3000', DATA_DIR: '/tmp/x' })).toMatchObject({ HOST: '0.0.0.0', PORT: 3000 });
  });

  it('listens where EXPLORER_HOST and EXPLORER_PORT say, whatever HOST and PORT say', () => {
    const config = loadDesktopConfig({ HOST: '0.0.0.0', PORT: '3000', EXPLORER_HOST: '::1', EXPLORER_PORT: '8123', DATA_DIR: '/tmp/x' });
    expect(config).toMatchObject({ HOST: '::1', PORT: 8123 });
  });

  it('reads every other setting under its usual name', () => {
    const config = loadDesktopConfig({ DATA_DIR: '/tmp/desk', OFFLINE: 'true', LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ DATA_DIR: '/tmp/desk', OFFLINE: true, LOG_LEVEL: 'warn' });
  });

  it('names EXPLORER_PORT when its value is not a port', () => {
    expect(() => loadDesktopConfig({ EXPLORER_PORT: 'lots', PORT: '3000' })).toThrow(ConfigError);
    expect(() => loadDesktopConfig({ EXPLORER_PORT: 'lots' })).toThrow(/^ {2}EXPLORER_PORT="lots": expected a whole number/m);
  });
});
