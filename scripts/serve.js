// `npm run serve`: the headless server, run as compiled JavaScript from dist/. Modules changed since
// the last build are compiled first (esbuild, a fraction of a second); a fresh clone has dist/ from
// the `prepare` step of `npm install`, and an empty dist/ is filled the same way.
import { compileSources } from './compileSources.js';

await compileSources({ onlyStale: true });
const { serveFromCommandLine } = await import('../dist/server/serve.js');
await serveFromCommandLine();
