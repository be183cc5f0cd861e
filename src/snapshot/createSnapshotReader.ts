// Reads a snapshot's JSON bytes piece by piece. A small scanner follows the nesting (outside strings)
// to find where each record of the top-level `models` array starts and ends; each record is parsed on
// its own (JSON.parse) and validated on its own (HubRecordSchema) as soon as it is complete, and
// everything else (the small top-level fields) is parsed once at the end. No string of the whole file
// and no second copy of the tree exists; what is kept is the validated records. The fields before
// `models` are checked when it starts, so a file that is not a snapshot of this version is refused
// before its records are read, and a bad record ends the read at once, naming it.
import { HubRecordSchema } from '../schemas/hubSchemas.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotFileSchema, type SnapshotFile } from '../schemas/snapshotSchemas.js';
import { SnapshotFileError } from './snapshotErrors.js';

type Record_ = SnapshotFile['models'][number];

/** Models arrays this module built: every record in them passed HubRecordSchema, so they are not checked again. */
const validatedModels = new WeakSet<object>();

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

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Format and version first, so a file from elsewhere or from a newer app is told so, not given a list of schema differences. */
function checkFormatAndVersion(data: unknown, name: string): asserts data is Record<string, unknown> {
  if (!isObject(data)) {
    throw new SnapshotFileError(name, 'wrong_format', `not a snapshot file (top level is ${describe(data)}, expected an object)`);
  }
  if (data.format === undefined) throw new SnapshotFileError(name, 'wrong_format', 'not a snapshot file (format is missing)');
  if (data.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotFileError(name, 'wrong_format', `not a snapshot file (format is ${describe(data.format)}, expected "${SNAPSHOT_FORMAT}")`);
  }
  if (data.version === undefined) throw new SnapshotFileError(name, 'unsupported_version', 'snapshot version is missing');
  if (data.version !== SNAPSHOT_VERSION) {
    throw new SnapshotFileError(name, 'unsupported_version', `snapshot version ${describe(data.version)} is not supported (this app reads version ${SNAPSHOT_VERSION})`);
  }
}

const invalid = (name: string, path: readonly PropertyKey[], message: string) =>
  new SnapshotFileError(name, 'invalid', `invalid snapshot at ${formatIssuePath(path)}: ${message}`);

/** One record checked; its first problem as an error, or the validated copy. */
function checkRecord(value: unknown, index: number, name: string): Record_ | SnapshotFileError {
  const parsed = HubRecordSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return invalid(name, ['models', index, ...(issue?.path ?? [])], issue?.message ?? 'invalid');
}

/** Everything but the records: format and version first, then the schema (the records counted as checked). */
function checkHead(data: unknown, models: Record_[], name: string): SnapshotFile {
  checkFormatAndVersion(data, name);
  // data.models is an empty array here (its records are checked apart), or not an array at all.
  const parsed = SnapshotFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(name, issue?.path ?? [], issue?.message ?? 'invalid');
  }
  parsed.data.models = models;
  validatedModels.add(models);
  return parsed.data;
}

/**
 * Checks parsed JSON as a snapshot (format and version first, then the top-level fields, then each
 * record). Records the snapshot reader already checked (the same models array) are not checked again.
 */
export function validateSnapshotData(data: unknown, name: string): SnapshotFile {
  checkFormatAndVersion(data, name);
  const given = data.models;
  if (Array.isArray(given) && validatedModels.has(given)) return checkHead({ ...data, models: [] }, given as Record_[], name);
  const head = checkHead({ ...data, models: Array.isArray(given) ? [] : given }, [], name);
  const models: Record_[] = [];
  (given as unknown[]).forEach((value, index) => {
    const record = checkRecord(value, index, name);
    if (record instanceof SnapshotFileError) throw record;
    models.push(record);
  });
  validatedModels.add(models);
  return { ...head, models };
}

export interface SnapshotReaderOptions {
  /** What to call the input in error messages (a path, or an upload's file name). */
  name: string;
  /** false: check every record but keep none (a written file read back); the result's models are then empty. */
  keepModels?: boolean;
  /** Deepest nesting accepted (an upload's limit); files this app wrote are read without one. */
  maxDepth?: number;
}

export interface SnapshotReader {
  /** Feeds the next bytes of the (decompressed) file. Throws a SnapshotFileError at the first problem it can tell. */
  write(bytes: Buffer): void;
  /** The end of the file: the validated snapshot, or a SnapshotFileError naming the first problem. */
  end(): SnapshotFile;
  /** Records read so far. */
  readonly models: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const BOM = [0xef, 0xbb, 0xbf];

const concat = (parts: Buffer[]) => (parts.length === 1 ? parts[0] : Buffer.concat(parts));

export function createSnapshotReader(options: SnapshotReaderOptions): SnapshotReader {
  const { name } = options;
  const keep = options.keepModels !== false;
  const maxDepth = options.maxDepth ?? Infinity;
  // Where the scanner is: nesting depth and string state, over bytes (UTF-8 continuation bytes are never ASCII).
  let depth = 0;
  let inString = false;
  let escaped = false;
  let offset = 0; // bytes before the current piece
  let started = false; // a non-space byte was seen
  let bomChecked = false;
  let topIsObject = false;
  // Top-level keys: after "{" or "," at depth 1 the next string is a key.
  let expectKey = false;
  let keyParts: Buffer[] | undefined;
  let keyFrom = -1;
  let lastKey: string | undefined;
  // Everything outside the records, parsed at the end; the records one at a time.
  const headParts: Buffer[] = [];
  let inModels = false;
  let elementParts: Buffer[] = [];
  let elementStart = 0; // file offset of the current record, for messages
  let models: Record_[] = [];
  let count = 0;
  let recordProblem: SnapshotFileError | undefined;
  let headIsSnapshot = false; // format and version were read before the records, and are right

  const notJson = (what: string, cause?: unknown) => new SnapshotFileError(name, 'not_json', `not JSON (${what})`, { cause });

  /** At the start of "models": the fields before it, if they parse, must make this a snapshot of this version. */
  function checkEarly() {
    let early: unknown;
    try {
      early = JSON.parse(`${concat(headParts).toString('utf8')}]}`);
    } catch {
      return; // judged at the end, with the whole text
    }
    if (!isObject(early) || early.format === undefined) return;
    // A wrong format is told at once; a missing version may still come after the records.
    checkFormatAndVersion({ ...early, version: early.version ?? SNAPSHOT_VERSION }, name);
    if (early.version === undefined) return;
    headIsSnapshot = true;
    // Top-level fields read so far are reported first, as they come first in the file.
    const head = SnapshotFileSchema.omit({ models: true }).partial().safeParse(early);
    if (!head.success) {
      const issue = head.error.issues[0];
      throw invalid(name, issue?.path ?? [], issue?.message ?? 'invalid');
    }
  }

  function finishRecord(parts: Buffer[], atClose: boolean) {
    const bytes = concat(parts);
    let from = 0;
    let to = bytes.length;
    while (from < to && isSpace(bytes[from])) from++;
    while (to > from && isSpace(bytes[to - 1])) to--;
    if (from === to) {
      // "[]" has no record; an empty place between commas is not JSON.
      if (count === 0 && atClose) return;
      throw notJson(`a record is missing in models, at byte ${elementStart}`);
    }
    const index = count++;
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8', from, to));
    } catch (error) {
      throw notJson(`${(error as Error).message}, in models[${index}], which starts at byte ${elementStart + from}`, error);
    }
    if (recordProblem) return;
    const record = checkRecord(value, index, name);
    if (record instanceof SnapshotFileError) {
      recordProblem = record;
      models = [];
      if (headIsSnapshot) throw record;
    } else if (keep) models.push(record);
  }
  function write(piece: Buffer) {
    let bytes = piece;
    if (!bomChecked && bytes.length > 0) {
      bomChecked = true;
      if (bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b)) bytes = bytes.subarray(3);
    }
    let headFrom = inModels ? -1 : 0;
    let elementFrom = inModels ? 0 : -1;
    if (keyParts && keyFrom === -1) keyFrom = 0;
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (keyParts) {
            keyParts.push(bytes.subarray(keyFrom, i + 1));
            try {
              lastKey = JSON.parse(concat(keyParts).toString('utf8')) as string;
            } catch {
              lastKey = undefined; // the head's JSON.parse names the problem at the end
            }
            keyParts = undefined;
            keyFrom = -1;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      started = true;
      if (c === QUOTE) {
        inString = true;
        if (depth === 1 && expectKey && topIsObject) {
          keyParts = [];
          keyFrom = i;
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        depth++;
        if (depth > maxDepth) {
          throw invalid(name, inModels ? ['models', count] : [], `JSON nested deeper than ${maxDepth} levels (at byte ${offset + i})`);
        }
        if (depth === 1 && c === OPEN_OBJECT) {
          topIsObject = true;
          expectKey = true;
        } else if (depth === 2 && c === OPEN_ARRAY && topIsObject && lastKey === 'models' && !expectKey) {
          // The records start: the head keeps "[", the records are read one by one.
          headParts.push(bytes.subarray(headFrom, i + 1));
          headFrom = -1;
          inModels = true;
          elementFrom = i + 1;
          elementParts = [];
          elementStart = offset + i + 1;
          // A second "models" key replaces the first, as in JSON.parse.
          models = [];
          count = 0;
          recordProblem = undefined;
          checkEarly();
        }
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (inModels && depth === 2) {
          elementParts.push(bytes.subarray(elementFrom, i));
          finishRecord(elementParts, true);
          inModels = false;
          elementFrom = -1;
          headFrom = i;
        }
        depth--;
        if (depth < 0) throw notJson(`unexpected "${String.fromCharCode(c)}" at byte ${offset + i}`);
      } else if (c === COMMA) {
        if (depth === 1) expectKey = true;
        else if (inModels && depth === 2) {
          elementParts.push(bytes.subarray(elementFrom, i));
          finishRecord(elementParts, false);
          elementParts = [];
          elementFrom = i + 1;
          elementStart = offset + i + 1;
        }
      } else if (c === COLON && depth === 1) expectKey = false;
    }
    if (inModels) elementParts.push(bytes.subarray(elementFrom));
    else headParts.push(bytes.subarray(headFrom));
    if (keyParts) {
      keyParts.push(bytes.subarray(keyFrom));
      keyFrom = -1;
    }
    offset += bytes.length;
  }

  return {
    get models() {
      return count;
    },
    write,
    end() {
      if (!started) throw notJson('the file is empty');
      if (inString || depth !== 0) throw notJson('unexpected end of the JSON text');
      let data: unknown;
      try {
        data = JSON.parse(concat(headParts).toString('utf8'));
      } catch (error) {
        // Its position would count the text without the records: left out.
        throw notJson((error as Error).message.replace(/,? (in JSON )?at position \d+.*$/s, ''), error);
      }
      checkFormatAndVersion(data, name);
      const snapshot = checkHead(data, models, name);
      if (recordProblem) throw recordProblem;
      return snapshot;
    },
  };
}
