// Says what holds a port the server could not take: this app already running there (then where to
// open it) or another program, and how to choose another port.
import { appInfo } from '../appInfo.js';

/**
 * Asks http://host:port/ whether it is this app; true only for its own root answer. Asked twice: a
 * kept-alive connection the server has just closed fails the first attempt without saying anything.
 */
async function isOurServer(url: string): Promise<boolean> {
  return (await askOnce(url)) || askOnce(url);
}

async function askOnce(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(2000), headers: { accept: 'application/json' } });
    const body = (await response.json()) as { message?: unknown; docs?: unknown };
    return body.message === `${appInfo().productName} API` && body.docs === '/docs';
  } catch {
    return false;
  }
}

export async function describeBusyPort(host: string, port: number): Promise<string> {
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  const another = `To run another one, pick a free port: PORT=${port + 1} npm run serve (PORT=0 takes any free port).`;
  if (await isOurServer(url)) {
    return `${appInfo().productName} is already running on port ${port}: open ${url}/app/ (API ${url}/, docs ${url}/docs). ${another}`;
  }
  return `Port ${port} on ${host} is already in use by another program. Pick another port: PORT=${port + 1} npm run serve (PORT=0 takes any free port).`;
}

/** The error serve() throws for a busy port: the words above, and the code callers may check. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  readonly code = 'EADDRINUSE';
}
