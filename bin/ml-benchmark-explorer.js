#!/usr/bin/env node
// Installed command: runs the compiled CLI in dist/, written by `npm run build:lib` (which `npm install`
// runs as `prepare` in a clone, and `npm pack` before packing). No TypeScript loader at run time.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/cli.js', import.meta.url);
if (!existsSync(entry)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `ml-benchmark-explorer: the command line is not built (${fileURLToPath(entry)} is missing).\n` +
      `Run \`npm run build:lib\` in ${root} first.\n`,
  );
  process.exit(1);
}
await import(entry.href);
