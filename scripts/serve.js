// `npm run serve`: the headless server, run as compiled JavaScript from dist/. Modules changed since
// the last build are compiled first (esbuild, a fraction of a second); a fresh clone has dist/ from
// the `prepare` step of `npm install`, and an empty dist/ is filled the same way.
import { compileSources } from './compileSources.js';

await compileSources({ onlyStale: true });
const [{ serve }, { ConfigError }] = await Promise.all([import('../dist/server/serve.js'), import('../dist/config.js')]);
try {
  await serve();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof ConfigError ? 2 : 1);
}
