// HF_TOKEN travels only over https (or to a loopback test Hub): refused at configuration and by the
// Hub client itself, in words that name the endpoint and never show the token.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createHubClient } from '../../src/hub/createHubClient.js';
import { tokenMayBeSentTo } from '../../src/hub/tokenEndpointPolicy.js';

const TOKEN = 'hf_secretsecretsecretsecret';

describe('tokenMayBeSentTo', () => {
  it.each([
    ['https://huggingface.co', true],
    ['https://hub.example.com:8443/mirror', true],
    ['http://127.0.0.1:9000', true],
    ['http://localhost:9000', true],
    ['http://[::1]:9000', true],
    ['http://huggingface.co', false],
    ['http://192.168.1.20:8080', false],
    ['http://127.0.0.1.nip.io', false],
    ['http://localhost.evil.com', false],
  ])('%s → %s', (endpoint, expected) => {
    expect(tokenMayBeSentTo(new URL(endpoint))).toBe(expected);
  });
});

describe('loadConfig', () => {
  it('refuses HF_TOKEN with a plain-HTTP HF_ENDPOINT on another host, naming HF_ENDPOINT and not showing the token', () => {
    const load = () => loadConfig({ HF_TOKEN: TOKEN, HF_ENDPOINT: 'http://hub.example.com' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow('HF_ENDPOINT="http://hub.example.com": HF_TOKEN is sent only to https endpoints (or a loopback address)');
    try {
      load();
    } catch (error) {
      expect((error as Error).message).not.toContain(TOKEN);
    }
  });

  it('accepts HF_TOKEN with https or a loopback test Hub, and a plain-HTTP endpoint without a token', () => {
    expect(loadConfig({ HF_TOKEN: TOKEN }).HF_ENDPOINT).toBe('https://huggingface.co');
    expect(loadConfig({ HF_TOKEN: TOKEN, HF_ENDPOINT: 'http://127.0.0.1:9000' }).HF_TOKEN).toBe(TOKEN);
    expect(loadConfig({ HF_ENDPOINT: 'http://hub.example.com' }).HF_TOKEN).toBeUndefined();
  });
});

describe('createHubClient', () => {
  it('refuses a token for a plain-HTTP endpoint on another host before any request', () => {
    expect(() => createHubClient({ endpoint: 'http://hub.example.com', token: TOKEN })).toThrow(/^HF_TOKEN is sent only to https endpoints/);
    expect(() => createHubClient({ endpoint: 'http://hub.example.com' })).not.toThrow();
    expect(() => createHubClient({ endpoint: 'http://127.0.0.1:9000', token: TOKEN })).not.toThrow();
  });
});
