// A large import's body goes to a temporary file as it arrives, never into a list of buffers: the
// size limit is checked as it streams, and the JSON is read back from the file only once complete.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { checkBodyHeaders, parseJsonText, tooLarge, type BodyResult } from './readJsonBody.js';

export async function stageImportBody(req: IncomingMessage, maxBytes: number, tempRoot = tmpdir()): Promise<BodyResult> {
  const refused = checkBodyHeaders(req, maxBytes);
  if (refused) return refused;
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
    return parseJsonText(await readFile(file, 'utf8'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
