// Writes a snapshot file atomically (temp file in the same directory, fsync, rename, fsync of the
// directory) so a crash or a failed write never leaves a half-written file under the real name.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { SnapshotFileSchema, type SnapshotFile } from '../schemas/snapshotSchemas.js';
import { formatIssuePath } from './parseSnapshot.js';
import { SnapshotFileError } from './snapshotErrors.js';

// The async variant runs on the libuv pool, so compressing a large dataset does not stall the
// event loop; its output is byte-identical to gzipSync's.
const gzip = promisify(gzipCallback);

export interface WriteSnapshotOptions {
  /** Compress with gzip; defaults to true when the path ends in .gz. */
  gzip?: boolean;
}

/** Serializes exactly as written to disk: compact JSON in the given key order, gzip level 9. */
export async function serializeSnapshot(snapshot: SnapshotFile, options: { gzip: boolean; name?: string }): Promise<Buffer> {
  const name = options.name ?? 'snapshot';
  // Validated before writing: a file this app cannot read back is worse than no file.
  const check = SnapshotFileSchema.safeParse(snapshot);
  if (!check.success) {
    const issue = check.error.issues[0];
    const where = issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'invalid';
    throw new SnapshotFileError(name, 'invalid', `refusing to write an invalid snapshot (${where})`);
  }
  let json: string;
  try {
    json = JSON.stringify(snapshot);
  } catch (err) {
    throw new SnapshotFileError(name, 'not_serializable', `cannot serialize snapshot (${(err as Error).message})`, { cause: err });
  }
  const bytes = Buffer.from(json, 'utf8');
  // Node's gzip header has no mtime and no file name, so equal input gives equal bytes.
  return options.gzip ? gzip(bytes, { level: 9 }) : bytes;
}

async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Windows cannot open or fsync a directory; the rename is as durable as it gets there.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw err;
  } finally {
    await handle?.close();
  }
}

/** Writes `snapshot` to `path`, replacing any existing file only once the new one is complete. */
export async function writeSnapshotFile(path: string, snapshot: SnapshotFile, options: WriteSnapshotOptions = {}): Promise<void> {
  const compress = options.gzip ?? path.toLowerCase().endsWith('.gz');
  // Serialized before any file is touched: a failure here leaves nothing behind.
  const bytes = await serializeSnapshot(snapshot, { gzip: compress, name: path });

  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    renamed = true;
    await syncDirectory(dir);
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}
