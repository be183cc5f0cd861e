// Reads a snapshot's JSON text piece by piece: stream-json's tokenizer and assembler build the small
// top-level fields as usual, while each record of `models` is taken out as soon as it is complete and
// validated on its own (HubRecordSchema). No string of the whole file and no second copy of the tree
// exists; what is kept is the validated records. A bad record ends the read at once when the file has
// already said it is a snapshot of this version, so the message names it without reading further.
import { none } from 'stream-chain/defs.js';
import Assembler from 'stream-json/core/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { HubRecordSchema } from '../schemas/hubSchemas.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotFileSchema, type SnapshotFile } from '../schemas/snapshotSchemas.js';
import { SnapshotFileError } from './snapshotErrors.js';

type Record_ = SnapshotFile['models'][number];

/** Deeper JSON than any real snapshot has (Hub cards nest about ten levels) is refused, not rebuilt. */
export const MAX_SNAPSHOT_DEPTH = 64;

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
}

export interface SnapshotReader {
  /** Feeds the next piece of the JSON text. Throws a SnapshotFileError at the first problem it can tell. */
  write(text: string): void;
  /** The end of the text: the validated snapshot, or a SnapshotFileError naming the first problem. */
  end(): SnapshotFile;
  /** Records checked so far. */
  readonly models: number;
}

export function createSnapshotReader(options: SnapshotReaderOptions): SnapshotReader {
  const { name } = options;
  const keep = options.keepModels !== false;
  const tokenize = jsonParser({ streamValues: false });
  const assembler = new Assembler();
  let models: Record_[] = [];
  let modelsArray: unknown[] | undefined;
  let count = 0;
  let chars = 0;
  let tokens = 0;
  let recordProblem: SnapshotFileError | undefined;

  /** A bad record ends the read when the fields before it already make this a snapshot of this version. */
  function failFast(problem: SnapshotFileError) {
    const top = assembler.stack[0];
    if (!isObject(top) || top.format === undefined || top.version === undefined) return;
    checkFormatAndVersion(top, name);
    // Top-level fields read so far are reported first, as they come first in the file.
    const head = SnapshotFileSchema.omit({ models: true }).partial().safeParse(top);
    if (!head.success) {
      const issue = head.error.issues[0];
      throw invalid(name, issue?.path ?? [], issue?.message ?? 'invalid');
    }
    throw problem;
  }

  function take(value: unknown) {
    const index = count++;
    if (recordProblem) return;
    const record = checkRecord(value, index, name);
    if (record instanceof SnapshotFileError) {
      recordProblem = record;
      models = [];
      failFast(record);
    } else if (keep) models.push(record);
  }

  function consume(out: ReturnType<typeof tokenize>) {
    if (typeof out === 'symbol') return;
    const list = (out as { values: Token[] }).values;
    tokens += list.length;
    for (const token of list) {
      assembler.consume(token);
      const stack = assembler.stack;
      if (stack.length > 2 * MAX_SNAPSHOT_DEPTH) {
        throw invalid(name, assembler.path, `JSON nested deeper than ${MAX_SNAPSHOT_DEPTH} levels`);
      }
      // The top-level "models" array is being filled: each complete element leaves it at once.
      if (stack.length === 2 && stack[1] === 'models' && Array.isArray(assembler.current)) {
        const array = assembler.current as unknown[];
        if (array !== modelsArray) {
          // A second "models" key replaces the first, as in JSON.parse.
          modelsArray = array;
          models = [];
          count = 0;
          recordProblem = undefined;
        }
        if (array.length > 0) take(array.pop());
      }
    }
  }

  function notJson(error: unknown, atEnd: boolean): SnapshotFileError {
    const reason = (error as Error).message.replace(/^Parser (cannot parse input: )?/, '');
    const what = atEnd ? (tokens === 0 ? 'the file is empty' : 'unexpected end of the JSON text') : `${reason}, within the first ${chars} characters`;
    return new SnapshotFileError(name, 'not_json', `not JSON (${what})`, { cause: error });
  }

  return {
    get models() {
      return count;
    },
    write(text) {
      chars += text.length;
      let out;
      try {
        out = tokenize(text);
      } catch (error) {
        throw notJson(error, false);
      }
      consume(out);
    },
    end() {
      let out;
      try {
        // A flushable stage is flushed by calling it with stream-chain's `none`.
        out = (tokenize as unknown as (end: typeof none) => ReturnType<typeof tokenize>)(none);
      } catch (error) {
        throw notJson(error, true);
      }
      consume(out);
      if (tokens === 0) throw notJson(new Error('empty'), true);
      if (!assembler.done) throw notJson(new Error('unexpected end'), true);
      const data = assembler.current;
      checkFormatAndVersion(data, name);
      if (modelsArray && data.models !== modelsArray) {
        // "models" came twice and the last one is not an array: the schema says so below.
        models = [];
        recordProblem = undefined;
      }
      const snapshot = checkHead(data, models, name);
      if (recordProblem) throw recordProblem;
      return snapshot;
    },
  };
}
