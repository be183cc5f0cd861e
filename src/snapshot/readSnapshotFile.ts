// Reads a snapshot file from disk (gzip or plain JSON) and validates it; every failure is a
// SnapshotFileError that names the file and the first problem.
import { open } from 'node:fs/promises';
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';
import { DEFAULT_MAX_SNAPSHOT_BYTES, parseSnapshot, type ParseSnapshotOptions } from './parseSnapshot.js';
import { SnapshotFileError } from './snapshotErrors.js';

export { parseSnapshot } from './parseSnapshot.js';

export async function readSnapshotFile(path: string, options: ParseSnapshotOptions = {}): Promise<SnapshotFile> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES;
  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      // Checked before reading so an oversized file is refused without loading it into memory.
      const { size } = await handle.stat();
      if (size > maxBytes) throw new SnapshotFileError(path, 'too_large', `snapshot is larger than ${maxBytes} bytes`);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof SnapshotFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new SnapshotFileError(path, 'unreadable', `cannot read snapshot (${why})`, { cause: err });
  }
  return parseSnapshot(bytes, path, options);
}
