// Child process: opens the cache on DATA_DIR (argv[2]) and waits until its dataset version is saved, so
// the timed starts that follow open a saved version (rebuilt here if the code or the data changed).
// Through the compiled modules the server runs: the saved version is keyed by the code that built it.
import { openBenchmarkCache } from '../../dist/cache/openBenchmarkCache.js';
import { loadConfig } from '../../dist/config.js';

const t0 = performance.now();
const cache = await openBenchmarkCache({ config: loadConfig({ OFFLINE: '1', DATA_DIR: process.argv[2], LOG_LEVEL: 'silent' }) });
await cache.whenSaved();
const status = cache.status();
await cache.close();
process.stdout.write(`${JSON.stringify({ models: status.data_count, results: status.result_count, ms: performance.now() - t0 })}\n`);
