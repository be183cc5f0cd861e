// Environment strings → Config: defaults, and refusals that name the variable in plain words.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('reads whole numbers and keeps the defaults when a variable is unset or empty', () => {
    expect(loadConfig({ PORT: '8080', MAX_MODELS_PER_TASK: '', DATA_DIR: '/tmp/x' })).toMatchObject({ PORT: 8080, MAX_MODELS_PER_TASK: 50, HUB_CONCURRENCY: 4 });
  });

  it.each([
    ['PORT', 'lots', 'expected a whole number from 0 to 65535'],
    ['PORT', '80.5', 'expected a whole number from 0 to 65535'],
    ['PORT', '70000', 'expected a whole number from 0 to 65535'],
    ['MAX_MODELS_PER_TASK', '0', 'expected a whole number from 1 to 100000'],
    ['HUB_CONCURRENCY', '1e3', 'expected a whole number from 1 to 16'],
  ])('refuses %s=%s saying "%s" when it is not a whole number in range', (key, value, words) => {
    const error = (() => {
      try {
        loadConfig({ [key]: value, DATA_DIR: '/tmp/x' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`Invalid configuration:\n  ${key}=${JSON.stringify(value)}: ${words}`);
    expect((error as Error).message).not.toMatch(/NaN/);
  });

  it('reads BENCHMARKS as official (default), none or a list of dataset ids, and refuses anything else naming it', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/x' }).BENCHMARKS).toBe('official');
    expect(loadConfig({ DATA_DIR: '/tmp/x', BENCHMARKS: 'None' }).BENCHMARKS).toBe('none');
    expect(loadConfig({ DATA_DIR: '/tmp/x', BENCHMARKS: 'Idavidrein/gpqa, cais/hle,Idavidrein/gpqa' }).BENCHMARKS).toEqual(['Idavidrein/gpqa', 'cais/hle']);
    expect(() => loadConfig({ DATA_DIR: '/tmp/x', BENCHMARKS: 'gpqa diamond' })).toThrow(/BENCHMARKS="gpqa diamond": a benchmark is a Hub dataset id/);
    expect(loadConfig({ DATA_DIR: '/tmp/x', BENCHMARK_FINE_TUNES: 'yes', BENCHMARK_MODEL_LOOKUPS: '0' })).toMatchObject({ BENCHMARK_FINE_TUNES: true, BENCHMARK_MODEL_LOOKUPS: 0 });
  });
});
