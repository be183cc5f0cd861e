// A file replaced whole or not at all: written to a temp file beside it, flushed to disk, renamed over
// it, and its folder flushed so the rename survives a crash. A failed write leaves the old file and no
// temp file behind.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomically(file: string, chunks: Iterable<Uint8Array>, options: { mode?: number } = {}): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'w', options.mode ?? 0o600);
    try {
      for (const c of chunks) await handle.write(c);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  // Not every platform can open a folder to flush it; the rename is as durable as it gets there.
  const dir = await open(path.dirname(file), 'r').catch(() => undefined);
  await dir?.sync().catch(() => undefined);
  await dir?.close();
}
