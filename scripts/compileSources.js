// Compiles src/ into dist/ as plain JavaScript, one file per module (esbuild; no bundling, no type
// check — `npm run typecheck` and tsc's declarations in `npm run build:lib` do that). Plain JS itself,
// so `npm run serve` can bring dist/ up to date before it starts without loading a TypeScript loader.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
// The settings of tsconfig.json that change emitted code.
const TSCONFIG = { compilerOptions: { target: 'ES2023', useDefineForClassFields: true, verbatimModuleSyntax: false } };

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const outputOf = (file) => path.join(DIST, path.relative(SRC, file)).replace(/\.ts$/, '.js');
const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/** The sources whose compiled file is missing or older than they are. */
function staleSources() {
  return sources(SRC).filter((file) => mtime(outputOf(file)) < mtime(file));
}

/**
 * Compiles every source (or only the stale ones); returns how many files were written. `clean` empties
 * dist/ first, so a module that was removed from src/ does not live on in the package.
 */
export async function compileSources({ onlyStale = false, clean = false } = {}) {
  if (clean) rmSync(DIST, { recursive: true, force: true });
  const files = onlyStale ? staleSources() : sources(SRC);
  if (files.length === 0) return 0;
  // Loaded only when there is something to compile: `npm run serve` on an up-to-date dist/ does not pay for it.
  const { transform } = await import('esbuild');
  await Promise.all(
    files.map(async (file) => {
      const result = await transform(await readFile(file, 'utf8'), {
        loader: 'ts',
        format: 'esm',
        platform: 'node',
        target: 'node20',
        sourcefile: path.relative(ROOT, file),
        tsconfigRaw: TSCONFIG,
      });
      const out = outputOf(file);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, result.code);
    }),
  );
  return files.length;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const count = await compileSources({ clean: process.argv.includes('--clean') });
  if (!process.argv.includes('--quiet')) console.log(`compiled ${count} module${count === 1 ? '' : 's'} of src/ into dist/`);
}
