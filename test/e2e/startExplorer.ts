// Starts the real explorer server in-process for a browser test: temp DATA_DIR, port 0, the built UI at /app/.
import { loadConfig } from '../../src/config.js';
import { startServer, type StartedApp } from '../../src/server/startServer.js';
import { createTempDirs } from '../support/tempDirs.js';
import { rendererOutDir } from './ensureRendererBuilt.js';

export interface RunningExplorer {
  app: StartedApp;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The UI's start page. */
  appUrl: string;
  close(): Promise<void>;
}

export async function startExplorer(env: Record<string, string> = {}): Promise<RunningExplorer> {
  const dirs = createTempDirs('mbe-e2e');
  const dataDir = await dirs.make();
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, OFFLINE: '1', LOG_LEVEL: 'silent', ...env });
  const app = await startServer({ config, rendererDir: rendererOutDir });
  return {
    app,
    url: app.server.url,
    appUrl: `${app.server.url}/app/`,
    async close() {
      await app.close();
      await dirs.cleanup();
    },
  };
}
