// Turns the bytes of a snapshot file (gzip or plain JSON) into a validated SnapshotFile, or a
// SnapshotFileError naming the first problem. Used for files on disk and for uploaded imports.
import { gunzipSync } from 'node:zlib';
import type { z } from 'zod';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  SnapshotFileSchema,
  type SnapshotFile,
} from '../schemas/snapshotSchemas.js';
import { SnapshotFileError } from './snapshotErrors.js';

export interface ParseSnapshotOptions {
  /**
   * Upper bound on the decompressed size in bytes. Guards against gzip bombs in imports; the
   * default stays under V8's maximum string length, which JSON.parse could not go past anyway.
   */
  maxBytes?: number;
}

export const DEFAULT_MAX_SNAPSHOT_BYTES = 500 * 1024 * 1024;

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** "models[12].cardData" — the zod issue path as a reader would write it. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(top level)';
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid snapshot';
  return `invalid snapshot at ${formatIssuePath(issue.path)}: ${issue.message}`;
}

/** Decompresses if needed and decodes; plain JSON passes through as is. */
function toText(input: Uint8Array | string, name: string, maxBytes: number): string {
  if (typeof input === 'string') {
    if (input.length > maxBytes) {
      throw new SnapshotFileError(name, 'too_large', `snapshot is larger than ${maxBytes} bytes`);
    }
    return input;
  }
  let bytes: Uint8Array = input;
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') {
        throw new SnapshotFileError(name, 'too_large', `snapshot decompresses to more than ${maxBytes} bytes`, { cause: err });
      }
      throw new SnapshotFileError(name, 'not_gzip', `corrupt gzip data (${(err as Error).message})`, { cause: err });
    }
  } else if (bytes.length > maxBytes) {
    throw new SnapshotFileError(name, 'too_large', `snapshot is larger than ${maxBytes} bytes`);
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * Parses and validates a snapshot held in memory.
 * @param input the file's bytes (gzip detected by its magic bytes) or its JSON text
 * @param name what to call the input in error messages (a path, or an upload's file name)
 */
export function parseSnapshot(input: Uint8Array | string, name: string, options: ParseSnapshotOptions = {}): SnapshotFile {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES;
  const text = toText(input, name, maxBytes).replace(/^\uFEFF/, '');

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const what = text.trim() === '' ? 'the file is empty' : (err as Error).message;
    throw new SnapshotFileError(name, 'not_json', `not JSON (${what})`, { cause: err });
  }

  return validateSnapshotData(data, name);
}

/**
 * Checks parsed JSON as a snapshot: format and version first, so a file from elsewhere or from a
 * newer app gets a message that says so instead of a list of schema differences; then the schema.
 */
export function validateSnapshotData(data: unknown, name: string): SnapshotFile {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SnapshotFileError(name, 'wrong_format', `not a snapshot file (top level is ${describe(data)}, expected an object)`);
  }
  const top = data as Record<string, unknown>;
  if (top.format === undefined) {
    throw new SnapshotFileError(name, 'wrong_format', 'not a snapshot file (format is missing)');
  }
  if (top.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotFileError(name, 'wrong_format', `not a snapshot file (format is ${describe(top.format)}, expected "${SNAPSHOT_FORMAT}")`);
  }
  if (top.version === undefined) {
    throw new SnapshotFileError(name, 'unsupported_version', 'snapshot version is missing');
  }
  if (top.version !== SNAPSHOT_VERSION) {
    throw new SnapshotFileError(
      name,
      'unsupported_version',
      `snapshot version ${describe(top.version)} is not supported (this app reads version ${SNAPSHOT_VERSION})`,
    );
  }

  const parsed = SnapshotFileSchema.safeParse(data);
  if (!parsed.success) throw new SnapshotFileError(name, 'invalid', firstIssue(parsed.error));
  return parsed.data;
}
