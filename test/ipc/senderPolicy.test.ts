// Which IPC senders may reach the router: only our window's main frame showing our own page.
import { describe, expect, it } from 'vitest';
import { isAllowedSender, isAppUrl, type SenderPolicy } from '../../src/ipc/senderPolicy.js';

const ENTRY = 'file:///opt/ml%20benchmark/out/renderer/index.html';
const policy: SenderPolicy = { windowIds: [3], appEntryUrl: ENTRY };
const devPolicy: SenderPolicy = { windowIds: [3], appEntryUrl: ENTRY, devServerUrl: 'http://localhost:5173/' };
const main = (url: string, id = 3) => ({ id, frame: { url, isMainFrame: true } });

describe('isAllowedSender', () => {
  it('allows the main frame of our window at the app entry when routes and queries vary', () => {
    expect(isAllowedSender(main(ENTRY), policy)).toBe(true);
    expect(isAllowedSender(main(`${ENTRY}#/models?task=x`), policy)).toBe(true);
    expect(isAllowedSender(main(`${ENTRY}?theme=dark`), policy)).toBe(true);
    expect(isAllowedSender(main('file:///opt/ml benchmark/out/renderer/index.html'), policy)).toBe(true);
  });

  it('refuses a subframe when it shows our own page', () => {
    expect(isAllowedSender({ id: 3, frame: { url: ENTRY, isMainFrame: false } }, policy)).toBe(false);
  });

  it('refuses an unknown window when it shows our page', () => {
    expect(isAllowedSender(main(ENTRY, 4), policy)).toBe(false);
    expect(isAllowedSender(main(ENTRY), { ...policy, windowIds: [] })).toBe(false);
  });

  it('refuses a sender whose frame is gone', () => {
    expect(isAllowedSender({ id: 3, frame: null }, policy)).toBe(false);
  });

  it('refuses our window when it shows another origin or another file', () => {
    for (const url of [
      'https://evil.example/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'file:///opt/ml%20benchmark/out/renderer/other.html',
      'file:///opt/ml%20benchmark/out/renderer/index.html/../../../../etc/passwd',
      'file://remote-host/opt/ml%20benchmark/out/renderer/index.html',
      'data:text/html,<script>1</script>',
      'about:blank',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAllowedSender(main(url), policy), url).toBe(false);
    }
  });

  it('allows the dev server origin only, and no longer the file, when a dev server is given', () => {
    expect(isAllowedSender(main('http://localhost:5173/'), devPolicy)).toBe(true);
    expect(isAllowedSender(main('http://localhost:5173/#/leaderboards'), devPolicy)).toBe(true);
    expect(isAllowedSender(main('http://localhost:5174/'), devPolicy)).toBe(false);
    expect(isAllowedSender(main('http://127.0.0.1:5173/'), devPolicy)).toBe(false);
    expect(isAllowedSender(main('https://localhost:5173/'), devPolicy)).toBe(false);
    expect(isAllowedSender(main('http://evil.com@localhost:5173/'), devPolicy)).toBe(false);
    expect(isAllowedSender(main('http://localhost:5173@evil.com/'), devPolicy)).toBe(false);
    expect(isAllowedSender(main(ENTRY), devPolicy)).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('refuses everything when the dev server URL is not http(s)', () => {
    expect(isAppUrl('file:///x', { appEntryUrl: ENTRY, devServerUrl: 'file:///x' })).toBe(false);
  });

  it('refuses everything when the entry URL is not a file URL', () => {
    expect(isAppUrl('https://app.example/', { appEntryUrl: 'https://app.example/' })).toBe(false);
  });
});
