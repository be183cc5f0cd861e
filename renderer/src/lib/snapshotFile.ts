// Snapshot files in the browser: gzip an export before it is saved, and turn a chosen file (plain
// JSON or gzip-compressed JSON, told apart by its first bytes, not its name) back into data.

/** Thrown for a file that cannot be read here; the message is meant for people. */
export class SnapshotReadError extends Error {
  override name = 'SnapshotReadError';
}

/** `ml-benchmarks-2025-06-01.json.gz` (the local date), or `.json` when it is not compressed. */
export function snapshotFileName(date: Date, gzipped: boolean): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `ml-benchmarks-${day}.json${gzipped ? '.gz' : ''}`;
}

export function canCompress(): boolean {
  return typeof CompressionStream === 'function';
}

/** The JSON text as a gzip blob, compressed in the browser. */
export async function gzipText(text: string): Promise<Blob> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).blob();
}

/** gzip's magic bytes, 1f 8b. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The decoded text of a snapshot file, decompressed first when it is gzip. */
export async function readSnapshotText(file: Blob): Promise<string> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  let text: string;
  if (isGzip(head)) {
    if (typeof DecompressionStream !== 'function') {
      throw new SnapshotReadError('the file is gzip-compressed and this browser cannot decompress it; decompress it first (gunzip) and import the .json file');
    }
    try {
      text = await new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
    } catch (error) {
      throw new SnapshotReadError(`the file starts like gzip but could not be decompressed (${(error as Error).message || 'corrupt data'})`);
    }
  } else {
    text = await file.text();
  }
  return text.replace(/^\uFEFF/, '');
}

/** Parses the file's JSON; what it holds is checked by the server on import. */
export function parseSnapshotText(text: string): unknown {
  if (text.trim() === '') throw new SnapshotReadError('the file is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SnapshotReadError(`the file is not JSON (${(error as Error).message})`);
  }
}

/** How many models a parsed file says it holds, when it has a models list at all. */
export function modelCountOf(data: unknown): number | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const models = (data as { models?: unknown }).models;
  return Array.isArray(models) ? models.length : undefined;
}

/** 16_346_238 → "15.6 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
