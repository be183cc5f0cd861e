// The typed client for CommonJS callers: dist/client/createExplorerClient.cjs (one file, @trpc/client
// left as a dependency) and its types, next to the ESM build tsc writes (npm run build:lib).
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'dist', 'client');

await build({
  entryPoints: [path.join(root, 'src', 'client', 'createExplorerClient.ts')],
  outfile: path.join(dir, 'createExplorerClient.cjs'),
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
// The declarations only import types, which TypeScript reads the same from CommonJS.
copyFileSync(path.join(dir, 'createExplorerClient.d.ts'), path.join(dir, 'createExplorerClient.d.cts'));
