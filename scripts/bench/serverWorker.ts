// Child process: the real app server (startServer, offline, bundled snapshot) on a free loopback port; prints {"url"} when listening.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server/startServer.js';

const dataDir = process.argv[2] ?? mkdtempSync(path.join(tmpdir(), 'bench-server-'));
const config = loadConfig({ OFFLINE: '1', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
const app = await startServer({ config, refreshOnStart: false });
process.stdout.write(`${JSON.stringify({ url: app.server.url, models: app.cache.status().data_count })}\n`);
const stop = () => void app.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
