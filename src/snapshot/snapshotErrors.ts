// The one error the snapshot readers and writers throw, so callers (cache, import endpoint) can
// tell a bad file from a bug and report which file was bad and why.

/**
 * Why a snapshot file was rejected. Everything except `unreadable` means the bytes themselves are
 * bad (the cache may set such a file aside as *.corrupt-<timestamp>); `unreadable` means the file
 * could not be read at all (missing, permissions), so there is nothing to set aside.
 */
export type SnapshotFileProblem =
  | 'unreadable'
  | 'not_gzip'
  | 'too_large'
  | 'not_json'
  | 'wrong_format'
  | 'unsupported_version'
  | 'invalid'
  | 'not_serializable';

export class SnapshotFileError extends Error {
  override readonly name = 'SnapshotFileError';

  constructor(
    /** The file (or import name) the problem is in. */
    readonly file: string,
    readonly problem: SnapshotFileProblem,
    /** The first problem, in words, e.g. "not a snapshot file (format is missing)". */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${detail}`, options);
  }
}
