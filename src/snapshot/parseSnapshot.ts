// Turns the bytes of a snapshot file (gzip or plain JSON) into a validated SnapshotFile, or a
// SnapshotFileError naming the first problem: from memory (parseSnapshot) or streamed from a file
// (readSnapshotStream, used by readSnapshotFile), both through the one reader (createSnapshotReader).
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';
import { createSnapshotReader } from './createSnapshotReader.js';
import { SnapshotFileError } from './snapshotErrors.js';

export { formatIssuePath, validateSnapshotData } from './createSnapshotReader.js';

export interface ParseSnapshotOptions {
  /** Upper bound on the (decompressed) size in bytes; guards against gzip bombs in imports. */
  maxBytes?: number;
}

export const DEFAULT_MAX_SNAPSHOT_BYTES = 500 * 1024 * 1024;

/** Bytes handed to the reader at a time from memory. */
const PIECE = 1 << 20;

export const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

const tooLarge = (name: string, gzip: boolean, maxBytes: number, cause?: unknown) =>
  new SnapshotFileError(name, 'too_large', gzip ? `snapshot decompresses to more than ${maxBytes} bytes` : `snapshot is larger than ${maxBytes} bytes`, { cause });

const corruptGzip = (name: string, error: unknown) =>
  new SnapshotFileError(name, 'not_gzip', `corrupt gzip data (${(error as Error).message})`, { cause: error });

/** Decompresses if needed; text is encoded as UTF-8. */
function toBytes(input: Uint8Array | string, name: string, maxBytes: number): Buffer {
  if (typeof input === 'string') {
    if (input.length > maxBytes) throw tooLarge(name, false, maxBytes);
    return Buffer.from(input, 'utf8');
  }
  let bytes: Uint8Array = input;
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(name, true, maxBytes, err);
      throw corruptGzip(name, err);
    }
  } else if (bytes.length > maxBytes) throw tooLarge(name, false, maxBytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Parses and validates a snapshot held in memory.
 * @param input the file's bytes (gzip detected by its magic bytes) or its JSON text
 * @param name what to call the input in error messages (a path, or an upload's file name)
 */
export function parseSnapshot(input: Uint8Array | string, name: string, options: ParseSnapshotOptions = {}): SnapshotFile {
  const bytes = toBytes(input, name, options.maxBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES);
  const reader = createSnapshotReader({ name });
  for (let i = 0; i < bytes.length; i += PIECE) reader.write(bytes.subarray(i, i + PIECE));
  return reader.end();
}

export interface ReadSnapshotStreamOptions extends ParseSnapshotOptions {
  /** false: check every record but keep none (the result's models are empty; `counted` says how many there were). */
  keepModels?: boolean;
  /** Filled in with the number of records read. */
  counted?: { models: number };
  /** Deepest nesting accepted (an upload's limit); none by default. */
  maxDepth?: number;
}

/**
 * Reads a snapshot from a byte stream (gzip when `gzip`): decompressed, decoded and checked a piece at a
 * time, never held whole. The size limit applies to the decompressed bytes as they arrive, so a gzip
 * bomb stops at the limit. The stream is destroyed when reading stops early.
 */
export async function readSnapshotStream(source: Readable, gzip: boolean, name: string, options: ReadSnapshotStreamOptions = {}): Promise<SnapshotFile> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES;
  const reader = createSnapshotReader({ name, keepModels: options.keepModels, maxDepth: options.maxDepth });
  const bytes: Readable = gzip ? pipeline(source, createGunzip({ chunkSize: 64 * 1024 }), () => undefined) : source;
  let size = 0;
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(name, gzip, maxBytes);
      reader.write(chunk);
    }
  } catch (error) {
    if (error instanceof SnapshotFileError) throw error;
    if (gzip && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code!.startsWith('Z_')) throw corruptGzip(name, error);
    throw new SnapshotFileError(name, 'unreadable', `cannot read snapshot (${(error as Error).message})`, { cause: error });
  } finally {
    bytes.destroy();
    source.destroy();
  }
  const snapshot = reader.end();
  if (options.counted) options.counted.models = reader.models;
  return snapshot;
}
