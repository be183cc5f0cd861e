// Writes a snapshot file atomically (temp file in the same directory, fsync, rename, fsync of the
// directory) so a crash or a failed write never leaves a half-written file under the real name. The JSON
// is produced a record at a time and streamed through gzip to the file: no string or buffer of the
// whole file exists, whatever the size of the dataset.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { HubRecordSchema } from '../schemas/hubSchemas.js';
import { SnapshotFileSchema, type SnapshotFile } from '../schemas/snapshotSchemas.js';
import { formatIssuePath } from './createSnapshotReader.js';
import { SnapshotFileError } from './snapshotErrors.js';

export interface WriteSnapshotOptions {
  /** Compress with gzip; defaults to true when the path ends in .gz. */
  gzip?: boolean;
}

/** Characters of JSON text gathered before they are handed on (to gzip or the file). */
const PIECE = 1 << 20;

/** Validated before writing: a file this app cannot read back is worse than no file. Nothing is copied. */
function checkWritable(snapshot: SnapshotFile, name: string): void {
  const refuse = (path: readonly PropertyKey[], message: string) => {
    throw new SnapshotFileError(name, 'invalid', `refusing to write an invalid snapshot (${formatIssuePath(path)}: ${message})`);
  };
  const models = snapshot.models;
  const head = SnapshotFileSchema.safeParse({ ...snapshot, models: Array.isArray(models) ? [] : models });
  if (!head.success) refuse(head.error.issues[0]?.path ?? [], head.error.issues[0]?.message ?? 'invalid');
  models.forEach((record, index) => {
    const check = HubRecordSchema.safeParse(record);
    if (!check.success) refuse(['models', index, ...(check.error.issues[0]?.path ?? [])], check.error.issues[0]?.message ?? 'invalid');
  });
}

/** The JSON text of `snapshot`, exactly as JSON.stringify writes it (keys in their order), in pieces of about PIECE characters. */
function* jsonPieces(snapshot: SnapshotFile): Generator<Buffer> {
  let text = '{';
  let first = true;
  for (const [key, value] of Object.entries(snapshot)) {
    if (key === 'models' && Array.isArray(value)) {
      text += `${first ? '' : ','}"models":[`;
      for (let i = 0; i < value.length; i++) {
        text += (i ? ',' : '') + JSON.stringify(value[i]);
        if (text.length >= PIECE) {
          yield Buffer.from(text, 'utf8');
          text = '';
        }
      }
      text += ']';
    } else {
      const json = JSON.stringify(value);
      // Left out as JSON.stringify leaves out an undefined value.
      if (json === undefined) continue;
      text += `${first ? '' : ','}${JSON.stringify(key)}:${json}`;
    }
    first = false;
  }
  yield Buffer.from(`${text}}`, 'utf8');
}

/** The bytes of the file, as a stream: compact JSON in the given key order, gzip level 9 when asked. */
function snapshotBytes(snapshot: SnapshotFile, options: { gzip: boolean; name: string }): Readable {
  checkWritable(snapshot, options.name);
  const json = Readable.from(
    (function* () {
      try {
        yield* jsonPieces(snapshot);
      } catch (err) {
        throw new SnapshotFileError(options.name, 'not_serializable', `cannot serialize snapshot (${(err as Error).message})`, { cause: err });
      }
    })(),
    { objectMode: false },
  );
  // Node's gzip header has no mtime and no file name, so equal input gives equal bytes.
  return options.gzip ? pipeline(json, createGzip({ level: 9 }), () => undefined) : json;
}

/** Serializes exactly as written to disk: compact JSON in the given key order, gzip level 9. */
export async function serializeSnapshot(snapshot: SnapshotFile, options: { gzip: boolean; name?: string }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of snapshotBytes(snapshot, { gzip: options.gzip, name: options.name ?? 'snapshot' })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
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
  // Checked before any file is touched: an invalid snapshot leaves nothing behind.
  const bytes = snapshotBytes(snapshot, { gzip: compress, name: path });

  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const handle = await open(temp, 'wx');
    try {
      for await (const chunk of bytes) await handle.write(chunk as Buffer);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    renamed = true;
    await syncDirectory(dir);
  } finally {
    bytes.destroy();
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}
