// Reads a snapshot file from disk (gzip or plain JSON) and validates it as it streams (no copy of the
// whole file in memory); every failure is a SnapshotFileError that names the file and the first problem.
import { open, type FileHandle } from 'node:fs/promises';
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';
import { DEFAULT_MAX_SNAPSHOT_BYTES, isGzip, readSnapshotStream, type ReadSnapshotStreamOptions } from './parseSnapshot.js';
import { SnapshotFileError } from './snapshotErrors.js';

export { parseSnapshot } from './parseSnapshot.js';

export interface ReadSnapshotFileOptions extends ReadSnapshotStreamOptions {
  /** What to call the file in error messages (default: its path). */
  name?: string;
}

function unreadable(name: string, err: unknown): SnapshotFileError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
  return new SnapshotFileError(name, 'unreadable', `cannot read snapshot (${why})`, { cause: err });
}

export async function readSnapshotFile(path: string, options: ReadSnapshotFileOptions = {}): Promise<SnapshotFile> {
  const name = options.name ?? path;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES;
  let handle: FileHandle | undefined;
  let gzip: boolean;
  try {
    handle = await open(path, 'r');
    // Checked before reading so an oversized file is refused without reading it.
    const { size } = await handle.stat();
    if (size > maxBytes) throw new SnapshotFileError(name, 'too_large', `snapshot is larger than ${maxBytes} bytes`);
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    gzip = isGzip(magic.subarray(0, bytesRead));
  } catch (err) {
    await handle?.close();
    if (err instanceof SnapshotFileError) throw err;
    throw unreadable(name, err);
  }
  // The stream owns the handle from here and closes it when it ends or is destroyed.
  const stream = handle.createReadStream({ start: 0, highWaterMark: 1 << 20 });
  return readSnapshotStream(stream, gzip, name, { ...options, maxBytes });
}

/** Reads a whole snapshot file and checks every record without keeping them: the number of models, or the first problem. */
export async function checkSnapshotFile(path: string, options: ReadSnapshotFileOptions = {}): Promise<number> {
  const counted = { models: 0 };
  await readSnapshotFile(path, { ...options, keepModels: false, counted });
  return counted.models;
}
