// Reads metafiles from disk for an import or the snapshot build: one YAML file, or every *.yml /
// *.yaml file under a folder (paths relative to it, posix separators, sorted). Bounded, so a wrong
// folder (a home directory) is refused instead of read whole.
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { MetafileText } from './convertMetafiles.js';

export const METAFILE_LIMITS = {
  /** Files in one import. */
  maxFiles: 5000,
  /** Bytes of one file. */
  maxFileBytes: 8 * 1024 * 1024,
  /** Bytes of all files together. */
  maxTotalBytes: 64 * 1024 * 1024,
} as const;

export class MetafileReadError extends Error {
  override name = 'MetafileReadError';
}

const YAML_FILE = /\.ya?ml$/i;
/** Folders that never hold a zoo's metafiles and can be huge. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '__pycache__', '.venv', 'venv']);

export async function readMetafileTree(target: string, limits = METAFILE_LIMITS): Promise<{ root: string; files: MetafileText[] }> {
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MetafileReadError(`${target}: ${code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`);
  }
  const files: MetafileText[] = [];
  let total = 0;
  const add = async (full: string, rel: string) => {
    const size = (await stat(full)).size;
    if (size > limits.maxFileBytes) throw new MetafileReadError(`${rel}: larger than ${limits.maxFileBytes} bytes; not a metafile`);
    total += size;
    if (total > limits.maxTotalBytes) throw new MetafileReadError(`${target}: the YAML files together are larger than ${limits.maxTotalBytes} bytes`);
    if (files.length >= limits.maxFiles) throw new MetafileReadError(`${target}: more than ${limits.maxFiles} YAML files; point at the zoo's folder`);
    files.push({ path: rel, text: await readFile(full, 'utf8') });
  };
  if (info.isFile()) {
    await add(target, path.basename(target));
    return { root: path.dirname(target), files };
  }
  if (!info.isDirectory()) throw new MetafileReadError(`${target}: not a file or folder`);
  const walk = async (dir: string, rel: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      // Symbolic links are not followed: they could lead out of the folder or in circles.
      if ((await lstat(full)).isSymbolicLink()) continue;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) await walk(full, r);
      } else if (e.isFile() && YAML_FILE.test(e.name)) await add(full, r);
    }
  };
  await walk(target, '');
  if (files.length === 0) throw new MetafileReadError(`${target}: no .yml or .yaml files in this folder`);
  return { root: target, files };
}
