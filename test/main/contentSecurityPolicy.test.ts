// The renderer's CSP: only the app's own files, no network peers, nothing to embed; looser only for the dev server.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyDirectives } from '../../main/contentSecurityPolicy.js';

function parse(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const policy = parse(contentSecurityPolicy());

  it('denies by default and allows scripts only from the app itself', () => {
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
  });

  it('connects to nothing but the app itself when the UI uses IPC', () => {
    expect(policy['connect-src']).toEqual(["'self'"]);
  });

  it('embeds nothing and cannot be framed, rebased or used to post forms', () => {
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['frame-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'none'"]);
    expect(policy['form-action']).toEqual(["'none'"]);
  });

  it('names no remote host, no wildcard and no eval in any directive', () => {
    const all = Object.values(policy).flat();
    expect(all.filter((v) => /^(https?:|wss?:|\*)|\*/.test(v))).toEqual([]);
    expect(all).not.toContain("'unsafe-eval'");
    expect(policy['script-src']).not.toContain("'unsafe-inline'");
  });

  it('leaves out frame-ancestors when the policy goes into a meta tag', () => {
    const meta = parse(contentSecurityPolicy({ forMetaTag: true }));
    expect(meta['frame-ancestors']).toBeUndefined();
    expect(meta['script-src']).toEqual(["'self'"]);
  });

  it('allows the inline refresh preamble and the HMR socket only when a dev server is given', () => {
    const d = contentSecurityPolicyDirectives({ devServerUrl: 'http://localhost:5173/' });
    expect(d['script-src']).toContain("'unsafe-inline'");
    expect(d['connect-src']).toEqual(["'self'", 'ws://localhost:5173']);
    expect(d['script-src']).not.toContain("'unsafe-eval'");
  });

  it('is one line of directives separated by semicolons', () => {
    expect(contentSecurityPolicy()).not.toMatch(/[\n\r]/);
    expect(contentSecurityPolicy()).toMatch(/^default-src 'none'; /);
  });
});
