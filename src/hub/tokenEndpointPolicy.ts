// Where a Hugging Face token may be sent: over https, or to a loopback address (a local test Hub).
// Over plain HTTP to any other host it would travel readable by everyone on the way.
import { isIP } from 'node:net';

export function tokenMayBeSentTo(endpoint: URL): boolean {
  if (endpoint.protocol === 'https:') return true;
  if (endpoint.protocol !== 'http:') return false;
  const host = endpoint.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

export function describeRefusedTokenEndpoint(endpoint: string): string {
  return `HF_TOKEN is sent only to https endpoints (or a loopback address): ${endpoint} is plain HTTP to another host. Use an https HF_ENDPOINT, or unset HF_TOKEN.`;
}
