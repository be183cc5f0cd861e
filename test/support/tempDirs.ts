// Real directories under the OS temp dir for tests that need files (DATA_DIR, stores); each test
// file creates what it needs and removes all of it afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDirs {
  make(): Promise<string>;
  cleanup(): Promise<void>;
}

export function createTempDirs(prefix: string): TempDirs {
  const made: string[] = [];
  return {
    async make() {
      const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
      made.push(dir);
      return dir;
    },
    async cleanup() {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
