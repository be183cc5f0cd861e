// Where the window may navigate and what goes to the system browser: the app's page stays in, plain
// https goes out, everything else goes nowhere.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen, externalUrl, type AppLocation } from '../../main/navigationPolicy.js';

const ENTRY = pathToFileURL('/opt/mbe/out/renderer/index.html').href;
const app: AppLocation = { appEntryUrl: ENTRY };
const dev: AppLocation = { appEntryUrl: ENTRY, devServerUrl: 'http://localhost:5173' };

describe('decideNavigation', () => {
  it('allows the app page when only the route or query changes', () => {
    expect(decideNavigation(ENTRY, app)).toEqual({ allow: true });
    expect(decideNavigation(`${ENTRY}#/leaderboards`, app)).toEqual({ allow: true });
    expect(decideNavigation(`${ENTRY}?q=1#/models`, app)).toEqual({ allow: true });
  });

  it('allows the dev server origin when a dev server is used', () => {
    expect(decideNavigation('http://localhost:5173/', dev)).toEqual({ allow: true });
    expect(decideNavigation('http://localhost:5173/index.html#/x', dev)).toEqual({ allow: true });
    expect(decideNavigation('http://localhost:5174/', dev).allow).toBe(false);
  });

  it('denies other files and schemes without opening anything', () => {
    for (const url of [
      'file:///etc/passwd',
      pathToFileURL('/opt/mbe/out/renderer/other.html').href,
      'javascript:alert(1)',
      'data:text/html,<h1>x</h1>',
      'about:blank',
      'vscode://file/etc/passwd',
      'ms-settings:',
      'http://example.com/',
      'ftp://example.com/',
      'chrome://settings',
      'not a url',
    ]) {
      expect(decideNavigation(url, app), url).toEqual({ allow: false });
    }
  });

  it('denies an https page in the window but hands it to the browser', () => {
    expect(decideNavigation('https://huggingface.co/meta-llama/Llama-3.1-8B', app)).toEqual({
      allow: false,
      openExternal: 'https://huggingface.co/meta-llama/Llama-3.1-8B',
    });
  });

  it('denies and opens nothing when the URL hides its host behind credentials', () => {
    expect(decideNavigation('https://evil.com@app', app)).toEqual({ allow: false });
    expect(decideNavigation('https://huggingface.co:pw@evil.example/', app)).toEqual({ allow: false });
    expect(decideNavigation('http://evil.com@localhost:5173/', dev)).toEqual({ allow: false });
  });
});

describe('decideWindowOpen', () => {
  it('always denies a new window, and sends https links to the browser', () => {
    expect(decideWindowOpen('https://huggingface.co/datasets/cais/mmlu')).toEqual({ action: 'deny', openExternal: 'https://huggingface.co/datasets/cais/mmlu' });
    expect(decideWindowOpen(ENTRY)).toEqual({ action: 'deny' });
  });

  it('opens nothing for file:, javascript:, http:, custom schemes or credentials', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'JavaScript:alert(1)', 'http://example.com/', 'smb://host/share', 'https://evil.com@app', 'https://', '']) {
      expect(decideWindowOpen(url), url).toEqual({ action: 'deny' });
    }
  });
});

describe('externalUrl', () => {
  it('normalizes an https URL when it is allowed out', () => {
    expect(externalUrl('HTTPS://HuggingFace.co/models?sort=likes')).toBe('https://huggingface.co/models?sort=likes');
  });

  it('refuses anything but https', () => {
    expect(externalUrl('http://huggingface.co/')).toBeUndefined();
    expect(externalUrl(' javascript:alert(1)')).toBeUndefined();
    expect(externalUrl('file:///C:/Windows/System32/calc.exe')).toBeUndefined();
  });
});
