// Child process: splits a cold start into node+tsx boot, module import (tsx compile unless cached), startServer and the first /api/benchmarks answer.
import { request } from 'node:http';

const bootMs = performance.now();
const { loadConfig } = await import('../../src/config.js');
const { startServer } = await import('../../src/server/startServer.js');
const importedMs = performance.now();
const config = loadConfig({ OFFLINE: '1', DATA_DIR: process.argv[2], PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
const app = await startServer({ config, refreshOnStart: false });
const startedMs = performance.now();
await new Promise<void>((resolve, reject) => {
  request(`${app.server.url}/api/benchmarks`, (res) => {
    res.resume();
    res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
  })
    .on('error', reject)
    .end();
});
const answeredMs = performance.now();
process.stdout.write(
  `${JSON.stringify({ bootMs, importMs: importedMs - bootMs, startServerMs: startedMs - importedMs, firstRequestMs: answeredMs - startedMs, totalMs: answeredMs })}\n`,
);
await app.close();
process.exit(0);
