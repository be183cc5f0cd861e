// Large encoded answers kept on disk with their dataset version, so a start does not serialize again
// what the last run already did. One gzip file per answer under `answers/<version>/`, keyed by the
// version id, the code that made the answer and the procedure with its input. Guarded by a format
// version, those keys and a SHA-256 of the header and the compressed bytes: another key is ignored (and
// recomputed), a damaged file is reported and never served. Written in the background, atomically
// (temp + rename); a new saved version removes the answers of the others.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import { writeFileAtomically } from './writeFileAtomically.js';

const gzipAsync = promisify(gzip);

export const ANSWERS_DIR_NAME = 'answers';
export const ANSWER_FILE_FORMAT = 'ml-benchmark-explorer.answer';
/** Bump when the file layout changes; a file of another format version is recomputed. */
export const ANSWER_FILE_FORMAT_VERSION = 1;
/** gzip level of stored answers, the level a gzip client gets them at. */
export const ANSWER_GZIP_LEVEL = 6;

/**
 * An answer's gzip bytes, made once (off the event loop) and kept on the answer: what a gzip client is
 * sent and what is stored are the same bytes.
 */
export function answerGzip(answer: { identity: Uint8Array; gzip?: Promise<Uint8Array> }): Promise<Uint8Array> {
  return (answer.gzip ??= gzipAsync(answer.identity, { level: ANSWER_GZIP_LEVEL }));
}
/**
 * Answers at least this large are kept: below it serializing costs a few milliseconds, less than
 * reading, checking and gunzipping a file, and the many small focused queries would only fill the disk.
 */
export const MIN_STORED_ANSWER_BYTES = 1024 * 1024;
/** At most this many answers are kept per version (inputs are the caller's: they must not fill the disk). */
export const MAX_STORED_ANSWERS = 32;

export interface AnswerFileHeader {
  format: typeof ANSWER_FILE_FORMAT;
  format_version: number;
  version_id: string;
  /** Fingerprint of the code that made the answer (pipeline, analytics, schemas, cache and api). */
  code: string;
  /** The procedure and its parsed input, as the response cache keys it. */
  key: string;
  /** Strong validator of the identity bytes, as encodeResponse makes it. */
  etag: string;
  identity_bytes: number;
  gzip_bytes: number;
  /** SHA-256 (hex) of this header without this field, a newline, then the gzip bytes. */
  sha256: string;
}

/** A stored answer read back: the gzip bytes as stored, the identity bytes gunzipped on first use. */
export interface StoredAnswer {
  etag: string;
  identityBytes: number;
  gzip: Uint8Array;
}

export type AnswerLoad =
  | { state: 'loaded'; answer: StoredAnswer; file: string }
  | { state: 'missing' }
  | { state: 'stale'; reason: string }
  | { state: 'corrupt'; file: string; reason: string };

export interface AnswerFileStore {
  /** Directories looked in, first to last; only the first is written to. */
  readonly dirs: readonly string[];
  load(versionId: string, key: string): Promise<AnswerLoad>;
  /** Keeps a large answer on disk in the background (one write at a time); small ones are not kept. */
  keep(versionId: string, key: string, answer: { etag: string; identity: Uint8Array; gzip?: Promise<Uint8Array> }): void;
  /** Removes the answers of every version but this one (from the written directory only). */
  keepOnly(versionId: string): Promise<void>;
  /** Resolves when the writes started so far are done. */
  flush(): Promise<void>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Where one answer lives under a directory: a folder per version, a file per key (both hashed: ids and inputs are free text). */
export function answerPath(dir: string, versionId: string, key: string): string {
  return path.join(dir, sha256(versionId).slice(0, 24), `${sha256(key).slice(0, 32)}.json.gz`);
}

function checksum(header: Omit<AnswerFileHeader, 'sha256'>, gz: Uint8Array): string {
  return createHash('sha256').update(JSON.stringify(header)).update('\n').update(gz).digest('hex');
}

/** The bytes of an answer file: one header line, then the gzip bytes. */
export function encodeAnswerFile(fields: Omit<AnswerFileHeader, 'format' | 'format_version' | 'gzip_bytes' | 'sha256'>, gz: Uint8Array): Uint8Array[] {
  const unsigned: Omit<AnswerFileHeader, 'sha256'> = { format: ANSWER_FILE_FORMAT, format_version: ANSWER_FILE_FORMAT_VERSION, ...fields, gzip_bytes: gz.length };
  const header: AnswerFileHeader = { ...unsigned, sha256: checksum(unsigned, gz) };
  return [Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), Buffer.from(gz.buffer, gz.byteOffset, gz.byteLength)];
}

class AnswerFileError extends Error {}

/** Checks an answer file's bytes against what is asked for; throws AnswerFileError when they are damaged. */
export function decodeAnswerFile(input: Uint8Array, want: { versionId: string; code: string; key: string }): { stale: string } | { answer: StoredAnswer } {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const nl = bytes.indexOf(0x0a);
  if (nl < 0 || nl > 65_536) throw new AnswerFileError('no header line');
  let header: AnswerFileHeader;
  try {
    header = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as AnswerFileHeader;
  } catch {
    throw new AnswerFileError('the header is not JSON');
  }
  if (header?.format !== ANSWER_FILE_FORMAT) throw new AnswerFileError('not an answer file');
  if (header.format_version !== ANSWER_FILE_FORMAT_VERSION) return { stale: `format version ${header.format_version}, this app writes ${ANSWER_FILE_FORMAT_VERSION}` };
  if (header.version_id !== want.versionId) return { stale: 'made for another dataset version' };
  if (header.code !== want.code) return { stale: 'made by other code' };
  if (header.key !== want.key) return { stale: 'made for another query' };
  const gz = bytes.subarray(nl + 1);
  if (gz.length !== header.gzip_bytes) throw new AnswerFileError(`truncated (${gz.length} of ${header.gzip_bytes} bytes)`);
  const { sha256: stored, ...unsigned } = header;
  if (checksum(unsigned, gz) !== stored) throw new AnswerFileError('checksum mismatch (the file was changed or damaged)');
  if (!Number.isSafeInteger(header.identity_bytes) || header.identity_bytes < 0 || typeof header.etag !== 'string') throw new AnswerFileError('bad header fields');
  return { answer: { etag: header.etag, identityBytes: header.identity_bytes, gzip: gz } };
}

/** The identity bytes of a stored answer (gzip also checks its own CRC and length). */
export function gunzipAnswer(answer: StoredAnswer): Uint8Array {
  const identity = gunzipSync(answer.gzip);
  if (identity.length !== answer.identityBytes) throw new AnswerFileError(`gunzipped to ${identity.length} bytes, the header says ${answer.identityBytes}`);
  return identity;
}

export function createAnswerFileStore(options: {
  /** Written to: next to the saved version in DATA_DIR. */
  dir: string;
  /** Read only, after `dir`: the prebuilt answers of the bundled data (never written, never moved). */
  readOnlyDirs?: string[];
  /** Fingerprint of the code that makes answers: part of every key. */
  code: () => string;
  minBytes?: number;
  maxPerVersion?: number;
  log?: (level: 'info' | 'warn', message: string) => void;
}): AnswerFileStore {
  const dirs = [options.dir, ...(options.readOnlyDirs ?? [])];
  const minBytes = options.minBytes ?? MIN_STORED_ANSWER_BYTES;
  const maxPerVersion = options.maxPerVersion ?? MAX_STORED_ANSWERS;
  const log = options.log ?? (() => undefined);
  let writes: Promise<void> = Promise.resolve();
  const queued = new Set<string>();

  async function write(versionId: string, key: string, answer: { etag: string; identity: Uint8Array; gzip?: Promise<Uint8Array> }) {
    const file = answerPath(options.dir, versionId, key);
    const folder = path.dirname(file);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const present = (await readdir(folder)).filter((n) => n.endsWith('.json.gz'));
    if (present.length >= maxPerVersion && !present.includes(path.basename(file))) return;
    const gz = await answerGzip(answer);
    const chunks = encodeAnswerFile({ version_id: versionId, code: options.code(), key, etag: answer.etag, identity_bytes: answer.identity.length }, gz);
    await writeFileAtomically(file, chunks);
  }

  return {
    dirs,
    async load(versionId, key) {
      const want = { versionId, code: options.code(), key };
      let staleReason: string | undefined;
      for (const dir of dirs) {
        const file = answerPath(dir, versionId, key);
        let bytes: Buffer;
        try {
          bytes = await readFile(file);
        } catch {
          continue;
        }
        try {
          const decoded = decodeAnswerFile(bytes, want);
          if ('answer' in decoded) return { state: 'loaded', answer: decoded.answer, file };
          staleReason ??= decoded.stale;
        } catch (error) {
          // Recomputed (and, in DATA_DIR, written over); a read-only one stays as it is.
          const reason = `the stored answer ${file} could not be used (${(error as Error).message}); it is computed again`;
          log('warn', reason);
          return { state: 'corrupt', file, reason };
        }
      }
      return staleReason ? { state: 'stale', reason: staleReason } : { state: 'missing' };
    },
    keep(versionId, key, answer) {
      if (answer.identity.length < minBytes) return;
      const id = `${versionId}\u0000${key}`;
      if (queued.has(id)) return;
      queued.add(id);
      writes = writes
        .then(() => write(versionId, key, answer))
        .catch((error: unknown) => log('warn', `could not keep the answer to ${key} on disk: ${(error as Error).message}`))
        .finally(() => queued.delete(id));
    },
    async keepOnly(versionId) {
      await writes;
      const keep = path.basename(path.dirname(answerPath(options.dir, versionId, '')));
      let names: string[];
      try {
        names = await readdir(options.dir);
      } catch {
        return;
      }
      await Promise.all(names.filter((n) => n !== keep).map((n) => rm(path.join(options.dir, n), { recursive: true, force: true }).catch(() => undefined)));
    },
    flush: () => writes,
  };
}

