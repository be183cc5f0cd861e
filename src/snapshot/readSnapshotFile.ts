// Reads a snapshot file from disk (gzip or plain JSON) and validates it as it streams (no copy of the
// whole file in memory); every failure is a SnapshotFileError that names the file and the first problem.
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
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
  let head: Buffer;
  try {
    handle = await open(path, 'r');
    // Checked before reading so an oversized file is refused without reading it.
    const { size } = await handle.stat();
    if (size > maxBytes) throw new SnapshotFileError(name, 'too_large', `snapshot is larger than ${maxBytes} bytes`);
    // Read in order, never at a position: a pipe (a snapshot streamed in) cannot seek.
    head = Buffer.alloc(64 * 1024);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(head, filled, head.length - filled, null);
      filled += bytesRead;
      if (bytesRead === 0 || filled >= 2) break;
    }
    head = head.subarray(0, filled);
    gzip = isGzip(head);
  } catch (err) {
    await handle?.close();
    if (err instanceof SnapshotFileError) throw err;
    throw unreadable(name, err);
  }
  // The rest streams on from where the first read stopped; the stream owns the handle and closes it.
  const rest = handle.createReadStream({ highWaterMark: 1 << 20 });
  const first = head;
  async function* bytes() {
    try {
      if (first.length > 0) yield first;
      yield* rest;
    } finally {
      rest.destroy();
    }
  }
  return readSnapshotStream(Readable.from(bytes(), { objectMode: false }), gzip, name, { ...options, maxBytes });
}

/** Reads a whole snapshot file and checks every record without keeping them: the number of models, or the first problem. */
export async function checkSnapshotFile(path: string, options: ReadSnapshotFileOptions = {}): Promise<number> {
  const counted = { models: 0 };
  await readSnapshotFile(path, { ...options, keepModels: false, counted });
  return counted.models;
}
