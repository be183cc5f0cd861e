// A snapshot import's body goes to a temporary file as it arrives, never into a list of buffers: the
// size limit is checked as it streams. Once complete, the file is read back as a stream by the snapshot
// reader (gzip bodies decompressed on the way, under the same limit): the records are validated one by
// one as they are parsed, so no string of the whole body and no second copy of its tree exists. The
// temporary file is removed whatever happens.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';
import { readSnapshotFile } from '../snapshot/readSnapshotFile.js';
import { SnapshotFileError } from '../snapshot/snapshotErrors.js';
import { checkBodyHeaders, MAX_JSON_DEPTH, tooLarge } from './readJsonBody.js';

export type StagedImport = { ok: true; value: SnapshotFile } | { ok: false; status: 400 | 413 | 415; detail: string };

/** A refused body in the words a client reads: the reader's message, with "body" for what is not JSON or gzip. */
function refusal(error: SnapshotFileError): StagedImport {
  if (error.problem === 'too_large') return { ok: false, status: 413, detail: error.detail };
  if (error.problem === 'not_json') return { ok: false, status: 400, detail: `body: ${error.detail.replace(/^not JSON/, 'not valid JSON')}` };
  if (error.problem === 'not_gzip') return { ok: false, status: 400, detail: `body: ${error.detail}` };
  return { ok: false, status: 400, detail: error.detail };
}

/**
 * Stages the body of `req` and reads it as a snapshot (validated). `maxBytes` bounds the body and
 * what it decompresses to; its nesting is bounded as every request body's is (MAX_JSON_DEPTH).
 */
export async function stageImportBody(req: IncomingMessage, maxBytes: number, tempRoot = tmpdir()): Promise<StagedImport> {
  const refused = checkBodyHeaders(req, maxBytes);
  if (refused) return refused as StagedImport;
  const dir = await mkdtemp(path.join(tempRoot, 'mbe-import-'));
  const file = path.join(dir, 'body.json');
  try {
    let size = 0;
    const out = createWriteStream(file, { mode: 0o600 });
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) return { ok: false, status: 413, detail: tooLarge(maxBytes) };
        if (!out.write(chunk)) await once(out, 'drain');
      }
    } finally {
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    }
    try {
      return { ok: true, value: await readSnapshotFile(file, { maxBytes, maxDepth: MAX_JSON_DEPTH, name: 'the file' }) };
    } catch (error) {
      // A staged file that cannot be read back is this server's problem, not the client's.
      if (error instanceof SnapshotFileError && error.problem !== 'unreadable') return refusal(error);
      throw error;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
