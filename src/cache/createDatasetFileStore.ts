// The fetched dataset lives in its own gzip file next to the small state: written rarely, atomically
// (temp + fsync + rename), with the previous file kept until the new one has been read back.
import { copyFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';
import { checkSnapshotFile, readSnapshotFile } from '../snapshot/readSnapshotFile.js';
import { SnapshotFileError } from '../snapshot/snapshotErrors.js';
import { writeSnapshotFile } from '../snapshot/writeSnapshotFile.js';
import { hashFile } from './createVersionFileStore.js';
import { moveAside } from './moveAside.js';
import type { RecoveryNotice } from './storagePort.js';

export const DATASET_FILE_NAME = 'hub-dataset.json.gz';
/** The layer of imported model-zoo metafiles, kept apart from the fetched dataset. */
export const METAFILE_DATASET_FILE_NAME = 'metafile-dataset.json.gz';

export interface DatasetFileStore {
  readonly file: string;
  /** The saved dataset, or undefined when there is none. Unreadable files are moved aside and reported. */
  load(): Promise<{ snapshot?: SnapshotFile; recovered: RecoveryNotice[] }>;
  save(snapshot: SnapshotFile): Promise<void>;
  /** SHA-256 of the file that load() reads first (the current file, else the previous copy), or "none". */
  fingerprint?(): Promise<string>;
}

const exists = async (f: string) => stat(f).then(() => true, () => false);

export function createDatasetFileStore(options: {
  dir: string;
  now?: () => Date;
  fileName?: string;
  /** How fingerprint() hashes a file (a cache of hashes by stat); SHA-256 of its bytes by default. */
  hash?: (file: string) => Promise<string | undefined>;
}): DatasetFileStore {
  const file = path.join(options.dir, options.fileName ?? DATASET_FILE_NAME);
  const hash = options.hash ?? hashFile;
  const previous = `${file}.previous`;
  const now = options.now ?? (() => new Date());

  async function tryRead(f: string, recovered: RecoveryNotice[]): Promise<SnapshotFile | undefined> {
    if (!(await exists(f))) return undefined;
    try {
      return await readSnapshotFile(f);
    } catch (error) {
      const at = now();
      // Bad bytes are set aside; a file that cannot be read at all (permissions, a folder) is left where it is.
      const unreadable = error instanceof SnapshotFileError && error.problem === 'unreadable';
      const movedTo = unreadable ? undefined : await moveAside(f, at).catch(() => undefined);
      recovered.push({ file: f, movedTo, reason: (error as Error).message, at: at.toISOString() });
      return undefined;
    }
  }

  return {
    file,
    async fingerprint() {
      return (await hash(file)) ?? (await hash(previous)) ?? 'none';
    },
    async load() {
      const recovered: RecoveryNotice[] = [];
      const snapshot = (await tryRead(file, recovered)) ?? (await tryRead(previous, recovered));
      return { snapshot, recovered };
    },
    async save(snapshot) {
      const hadCurrent = await exists(file);
      if (hadCurrent) await copyFile(file, previous);
      try {
        await writeSnapshotFile(file, snapshot, { gzip: true });
        // Read back before the previous copy may go: every record checked, none kept (the data is in memory already).
        await checkSnapshotFile(file);
      } catch (error) {
        if (hadCurrent) await copyFile(previous, file).catch(() => undefined);
        throw error;
      }
      if (hadCurrent) await rm(previous, { force: true });
    },
  };
}
