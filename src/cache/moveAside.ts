// A file that cannot be read is renamed `<name>.corrupt-<timestamp>` and kept, never deleted:
// whatever it held may still be recoverable by hand.
import { rename } from 'node:fs/promises';
import { renameSync } from 'node:fs';

export function corruptName(file: string, now: Date): string {
  return `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
}

export async function moveAside(file: string, now = new Date()): Promise<string> {
  const target = corruptName(file, now);
  await rename(file, target);
  return target;
}

export function moveAsideSync(file: string, now = new Date()): string {
  const target = corruptName(file, now);
  renameSync(file, target);
  return target;
}
