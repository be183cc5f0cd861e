// A busy port in words: the real explorer on one loopback port, a plain HTTP server on another,
// and serve() started on each of them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { describeBusyPort, PortInUseError } from '../../src/server/describeBusyPort.js';
import { serve } from '../../src/server/serve.js';
import { startServer, type StartedApp } from '../../src/server/startServer.js';
import { createTempDirs } from '../support/tempDirs.js';

const temp = createTempDirs('busy-port');
let explorer: StartedApp;
let other: Server;
let otherPort: number;

beforeAll(async () => {
  explorer = await startServer({ config: loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: await temp.make(), OFFLINE: '1', LOG_LEVEL: 'silent' }) });
  other = createServer((_req, res) => res.end('not an explorer'));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherPort = (other.address() as AddressInfo).port;
});
afterAll(async () => {
  await explorer?.close();
  await new Promise<void>((resolve) => (other ? other.close(() => resolve()) : resolve()));
  await temp.cleanup();
});

describe('describeBusyPort', () => {
  it('says the explorer already runs there, with its URL and how to pick another port, when the port is ours', async () => {
    const port = explorer.server.port;
    const text = await describeBusyPort('127.0.0.1', port);
    expect(text).toContain(`ML Benchmark Explorer is already running on port ${port}: open http://127.0.0.1:${port}/app/`);
    expect(text).toContain(`PORT=${port + 1} npm run serve`);
  });

  it('says another program holds the port and how to pick another when it is not ours', async () => {
    const text = await describeBusyPort('127.0.0.1', otherPort);
    expect(text).toBe(`Port ${otherPort} on 127.0.0.1 is already in use by another program. Pick another port: PORT=${otherPort + 1} npm run serve (PORT=0 takes any free port).`);
  });

  it('makes serve() reject with these words, not a bare EADDRINUSE, when the port is taken', async () => {
    for (const port of [explorer.server.port, otherPort]) {
      const env = { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: await temp.make(), OFFLINE: '1', LOG_LEVEL: 'silent' };
      const error = await serve(env).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toBe(await describeBusyPort('127.0.0.1', port));
      expect((error as Error).message).not.toContain('EADDRINUSE');
    }
  });
});
