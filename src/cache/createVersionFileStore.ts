// The built dataset version on disk, so a start opens the last refresh's work instead of redoing it:
// records, results and leaderboards as columns (see columnarCodec), the small analytics as JSON, the
// unique strings as UTF-8 bytes with their ends.
// Guarded by a format version, the key of the sources it was built from and a SHA-256 of its bytes:
// a stale file (other format, other sources) is ignored and rebuilt; a damaged one is moved aside and
// reported, never served and never deleted. Written atomically (temp + fsync + rename).
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Analytics, DatasetVersion } from '../pipeline/buildDatasetVersion.js';
import type { BenchmarkRecord, Leaderboard } from '../schemas/benchmarkSchemas.js';
import { decodeTable, encodeTable, StringTable, type EncodeContext, type TableRows, type TableSpec } from './columnarCodec.js';
import { moveAside } from './moveAside.js';
import { writeFileAtomically } from './writeFileAtomically.js';
import type { RecoveryNotice } from './storagePort.js';

export const VERSION_FILE_NAME = 'dataset-version.bin';
export const VERSION_FILE_FORMAT = 'ml-benchmark-explorer.dataset-version';
/** Bump when the file layout changes; a file of another format version is rebuilt from its sources. */
export const VERSION_FILE_FORMAT_VERSION = 2;

export interface VersionFileHeader {
  format: typeof VERSION_FILE_FORMAT;
  format_version: number;
  /** What the version was built from (see versionSourceKey): sources and pipeline code. */
  source_key: string;
  /** SHA-256 (hex) of every byte after the header line. */
  sha256: string;
  manifest_bytes: number;
  body_bytes: number;
}

/** A persisted version and whatever else the cache keeps with it (its layers' descriptions). */
export interface PersistedVersion<Extra> {
  version: DatasetVersion;
  extra: Extra;
}

export type VersionLoad<Extra> =
  | { state: 'loaded'; persisted: PersistedVersion<Extra> }
  | { state: 'missing' }
  | { state: 'stale'; reason: string }
  | { state: 'corrupt'; notice: RecoveryNotice };

export interface VersionFileStore<Extra> {
  readonly file: string;
  /** The persisted version when its format and source key match; a damaged file is moved aside. */
  load(sourceKey: string): Promise<VersionLoad<Extra>>;
  save(version: DatasetVersion, extra: Extra, sourceKey: string): Promise<void>;
}

interface Manifest<Extra> {
  /** The unique strings are the first two binary parts: their UTF-8 bytes end to end, and each one's end (u32). */
  string_count: number;
  string_bytes: number;
  tables: TableSpec[];
  version: Pick<DatasetVersion, 'id' | 'builtAt' | 'buildMs' | 'enrich' | 'benchmarks' | 'communityEvals'> & { analytics: Omit<Analytics, 'leaderboards'> };
  extra: Extra;
}

class VersionFileError extends Error {}

const ALIGN = 8;
const padTo = (n: number) => (n + ALIGN - 1) & ~(ALIGN - 1);

/** Encodes a version: the header line, then the manifest JSON and the columns, each 8-byte aligned. */
export async function encodeVersion<Extra>(version: DatasetVersion, extra: Extra, sourceKey: string): Promise<Uint8Array[]> {
  const ctx: EncodeContext = { strings: new StringTable(), refTables: new Map(), parts: [] };
  const results: object[] = [];
  for (const r of version.records) for (const e of r.evaluation_results) results.push(e);
  const tables = [
    await encodeTable('results', results, ctx),
    await encodeTable('infos', version.records.map((r) => r.model_info), ctx),
    await encodeTable('records', version.records, ctx),
    await encodeTable('entries', version.analytics.leaderboards.flatMap((lb) => lb.entries), ctx),
    await encodeTable('boards', version.analytics.leaderboards, ctx),
  ];
  const { leaderboards: _boards, ...analytics } = version.analytics;
  // Strings as bytes, not JSON: opening slices them out of the file instead of parsing megabytes of text.
  const strings = ctx.strings.strings;
  const stringEnds = new Uint32Array(strings.length);
  let stringBytes = 0;
  for (let i = 0; i < strings.length; i++) stringEnds[i] = stringBytes += Buffer.byteLength(strings[i], 'utf8');
  const stringData = Buffer.allocUnsafe(stringBytes);
  for (let i = 0, at = 0; i < strings.length; i++) at += stringData.write(strings[i], at, 'utf8');
  const manifest: Manifest<Extra> = {
    string_count: strings.length,
    string_bytes: stringBytes,
    tables,
    version: {
      id: version.id,
      builtAt: version.builtAt,
      buildMs: version.buildMs,
      enrich: version.enrich,
      benchmarks: version.benchmarks,
      communityEvals: version.communityEvals,
      analytics,
    },
    extra,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const chunks: Buffer[] = [manifestBytes, Buffer.alloc(padTo(manifestBytes.length) - manifestBytes.length)];
  for (const part of [stringData, stringEnds, ...ctx.parts]) {
    const bytes = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
    chunks.push(bytes, Buffer.alloc(padTo(bytes.length) - bytes.length));
  }
  const hash = createHash('sha256');
  let bodyBytes = 0;
  for (const c of chunks) {
    hash.update(c);
    bodyBytes += c.length;
  }
  const header: VersionFileHeader = {
    format: VERSION_FILE_FORMAT,
    format_version: VERSION_FILE_FORMAT_VERSION,
    source_key: sourceKey,
    sha256: hash.digest('hex'),
    manifest_bytes: manifestBytes.length,
    body_bytes: bodyBytes,
  };
  // The header line is padded so the body starts 8-byte aligned.
  let line = JSON.stringify(header);
  line += ' '.repeat(padTo(line.length + 1) - line.length - 1) + '\n';
  return [Buffer.from(line, 'utf8'), ...chunks];
}

/** Reads the header line only; throws VersionFileError when it is not one of these files. */
export function readHeader(input: Uint8Array): { header: VersionFileHeader; bodyAt: number } {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const nl = bytes.indexOf(0x0a);
  if (nl < 0 || nl > 4096) throw new VersionFileError('not a dataset version file (no header line)');
  let header: VersionFileHeader;
  try {
    header = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as VersionFileHeader;
  } catch {
    throw new VersionFileError('not a dataset version file (header is not JSON)');
  }
  if (header?.format !== VERSION_FILE_FORMAT) throw new VersionFileError('not a dataset version file (format)');
  return { header, bodyAt: nl + 1 };
}

const TYPED = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f64: Float64Array } as const;

/** Opening runs beside a listening server: it lets requests in between slices of this many rows or bytes. */
const ROWS_PER_SLICE = 8192;
const BYTES_PER_SLICE = 8 * 1024 * 1024;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** SHA-256 (hex) of `bytes`, hashed in slices with the event loop let in between. */
async function sha256Sliced(bytes: Uint8Array): Promise<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.length; at += BYTES_PER_SLICE) {
    hash.update(bytes.subarray(at, Math.min(bytes.length, at + BYTES_PER_SLICE)));
    if (at + BYTES_PER_SLICE < bytes.length) await yieldToEventLoop();
  }
  return hash.digest('hex');
}

/** `obj[key]` made by `make` when first read (or set), a plain value after; `made()` says whether it is. */
function lazyProperty<T extends object, K extends keyof T>(obj: T, key: K, make: () => T[K]): { made: () => boolean } {
  let value: T[K] | undefined;
  let made = false;
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get: () => (made ? value : ((made = true), (value = make()))),
    set: (v: T[K]) => {
      made = true;
      value = v;
    },
  });
  return { made: () => made };
}

/** Builds every row of a table in the background, a slice at a time, until done or `done()` says another reader did. */
function buildRecordsLater(table: TableRows, done: () => boolean): void {
  let from = 0;
  const slice = () => {
    if (done()) return;
    const to = Math.min(table.length, from + ROWS_PER_SLICE);
    for (let i = from; i < to; i++) table.at(i);
    from = to;
    if (from < table.length) setImmediate(slice);
  };
  setImmediate(slice);
}

/**
 * Rebuilds the version from a file's bytes whose header has been checked. The boards are built now
 * (their entries when read), the records just after (their results when read); the index by model id
 * on first use.
 */
export async function decodeVersion<Extra>(input: Uint8Array, header: VersionFileHeader, bodyAt: number): Promise<PersistedVersion<Extra>> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const body = bytes.subarray(bodyAt);
  if (body.length !== header.body_bytes) throw new VersionFileError(`truncated (${body.length} of ${header.body_bytes} bytes)`);
  const digest = await sha256Sliced(body);
  if (digest !== header.sha256) throw new VersionFileError('checksum mismatch (the file was changed or damaged)');
  const manifest = JSON.parse(body.subarray(0, header.manifest_bytes).toString('utf8')) as Manifest<Extra>;
  await yieldToEventLoop();
  // Typed arrays need aligned offsets: a buffer that does not start aligned is copied once.
  const base = body.byteOffset % ALIGN === 0 ? body : Buffer.from(body);
  let at = padTo(header.manifest_bytes);
  const stringData = base.subarray(at, at + manifest.string_bytes);
  at += padTo(manifest.string_bytes);
  const stringEnds = new Uint32Array(base.buffer as ArrayBuffer, base.byteOffset + at, manifest.string_count);
  at += padTo(stringEnds.byteLength);
  const strings = new Array<string>(manifest.string_count);
  for (let i = 0, from = 0; i < strings.length; i++) {
    const to = stringEnds[i];
    if (to < from || to > stringData.length) throw new VersionFileError('string table out of bounds');
    strings[i] = stringData.toString('utf8', from, to);
    from = to;
  }
  await yieldToEventLoop();
  const decoded = new Map<string, TableRows>();
  // Records build their results, and leaderboards their entries, when first read: a start reads
  // neither; a focused query reads a board's entries one by one (itemsOf), only those it answers with.
  const lazy: Record<string, string[]> = { records: ['evaluation_results'], boards: ['entries'] };
  for (const spec of manifest.tables) {
    const parts = spec.parts.map((p) => {
      const T = TYPED[p.type];
      const arr = new T(base.buffer as ArrayBuffer, base.byteOffset + at, p.length);
      at += padTo(arr.byteLength);
      return arr;
    });
    decoded.set(spec.name, decodeTable(spec, parts, strings, decoded, { lazy: lazy[spec.name] }));
  }
  const recordRows = decoded.get('records')!;
  const leaderboards = decoded.get('boards')!.all() as Leaderboard[];
  const v = manifest.version;
  const version: DatasetVersion = {
    id: v.id,
    records: undefined as unknown as BenchmarkRecord[],
    analytics: { ...v.analytics, leaderboards },
    enrich: v.enrich,
    includesSynthetic: false,
    builtAt: v.builtAt,
    buildMs: v.buildMs,
    byId: undefined as unknown as DatasetVersion['byId'],
    leaderboardByKey: new Map(leaderboards.map((lb) => [lb.key, lb])),
    benchmarks: v.benchmarks ?? [],
    communityEvals: v.communityEvals ?? null,
    // Every record has one model_info (the infos table, row for row) and each names its task.
    recordStats: { count: recordRows.length, taskTypes: decoded.get('infos')!.distinct('task_type') ?? [] },
  };
  // The records are built after opening, a slice at a time (buildRecordsLater), so the requests that
  // waited for the data are answered first; a reader that comes earlier builds the rest at once.
  const records = lazyProperty(version, 'records', () => recordRows.all() as BenchmarkRecord[]);
  buildRecordsLater(recordRows, records.made);
  // The model page's index: built by the first lookup, not by a start (a third of opening 100k models).
  lazyProperty(version, 'byId', () => new Map(version.records.map((r) => [r.model_info.model_id.toLowerCase(), r])));
  return { version, extra: manifest.extra };
}

export function createVersionFileStore<Extra>(options: {
  dir: string;
  fileName?: string;
  now?: () => Date;
  /** A file in a read-only place (the prebuilt version of the bundled data): a damaged one is reported, not moved. */
  readOnly?: boolean;
}): VersionFileStore<Extra> {
  const file = path.join(options.dir, options.fileName ?? VERSION_FILE_NAME);
  const now = options.now ?? (() => new Date());
  return {
    file,
    async load(sourceKey) {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
        return { state: 'stale', reason: `cannot read ${file}: ${(error as Error).message}` };
      }
      try {
        const { header, bodyAt } = readHeader(bytes);
        if (header.format_version !== VERSION_FILE_FORMAT_VERSION) return { state: 'stale', reason: `format version ${header.format_version}, this app writes ${VERSION_FILE_FORMAT_VERSION}` };
        if (header.source_key !== sourceKey) return { state: 'stale', reason: 'built from other sources or by other code' };
        return { state: 'loaded', persisted: await decodeVersion<Extra>(bytes, header, bodyAt) };
      } catch (error) {
        const at = now();
        if (options.readOnly) {
          const reason = `the prebuilt dataset version could not be used (${(error as Error).message}); the data was built from its sources`;
          return { state: 'corrupt', notice: { file, reason, at: at.toISOString() } };
        }
        const movedTo = await moveAside(file, at).catch(() => undefined);
        const reason = `the saved dataset version could not be used (${(error as Error).message}); it was rebuilt from its sources`;
        return { state: 'corrupt', notice: { file, movedTo, reason, at: at.toISOString() } };
      }
    },
    async save(version, extra, sourceKey) {
      await writeFileAtomically(file, await encodeVersion(version, extra, sourceKey));
    },
  };
}

/** SHA-256 of a file's bytes, or undefined when it does not exist. */
export async function hashFile(file: string): Promise<string | undefined> {
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return createHash('sha256').update(await readFile(file)).digest('hex');
  } catch {
    return undefined;
  }
}
