// The benchmark crawl's saved progress: which benchmarks were read in the current crawl (with their
// definition and leaderboard rows) and the metadata of models met only on leaderboards. Saved to a
// file in DATA_DIR (temp file + rename), so a restart or the next refresh continues where one stopped.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BenchmarkInfoSchema } from '../schemas/communityEvalsSchemas.js';
import { HubRecordSchema } from '../schemas/hubSchemas.js';
import { moveAside } from '../cache/moveAside.js';

export const CRAWL_STATE_FILE_NAME = 'benchmark-crawl.json';

/** A leaderboard row kept for its model: the Hub's evalResults entry shape plus the row's rank. */
export const StoredRowSchema = z.object({ model_id: z.string().min(1), rank: z.number(), entry: z.record(z.string(), z.unknown()) });
export type StoredRow = z.infer<typeof StoredRowSchema>;

export const CrawlStateSchema = z.object({
  version: z.literal(1),
  /** Changes when a crawl starts over; benchmarks read in an earlier crawl are kept until read again. */
  crawl_id: z.string(),
  /** What the crawl reads (benchmark selection, fine-tunes or not): a different one starts over. */
  settings: z.string(),
  started_at: z.string(),
  /** The benchmark ids of this crawl, once listed. */
  benchmark_ids: z.array(z.string()).nullable(),
  benchmarks: z.record(
    z.string(),
    z.object({ crawl_id: z.string(), info: BenchmarkInfoSchema, rows: z.array(StoredRowSchema), skipped: z.record(z.string(), z.number()) }),
  ),
  /** Metadata of models met only on leaderboards, by lower-case id. */
  models: z.record(z.string(), z.object({ fetched_at: z.string(), model: HubRecordSchema })),
  /** Models the Hub does not show (404), by lower-case id: not asked again in this crawl. */
  not_found: z.record(z.string(), z.string()),
  complete: z.boolean(),
});
export type CrawlState = z.infer<typeof CrawlStateSchema>;

export interface CrawlStateStore {
  load(): Promise<CrawlState | undefined>;
  save(state: CrawlState): Promise<void>;
  readonly file: string;
}

export function createMemoryCrawlStateStore(): CrawlStateStore {
  let saved: string | undefined;
  return {
    file: ':memory:',
    load: async () => (saved ? CrawlStateSchema.parse(JSON.parse(saved)) : undefined),
    save: async (state) => {
      saved = JSON.stringify(state);
    },
  };
}

/** The crawl state in `dir`; a file that cannot be read is moved aside and the crawl starts over. */
export function createCrawlStateFile(options: { dir: string; log?: (message: string) => void }): CrawlStateStore {
  const file = path.join(options.dir, CRAWL_STATE_FILE_NAME);
  let writing: Promise<void> = Promise.resolve();
  return {
    file,
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return undefined;
      }
      try {
        return CrawlStateSchema.parse(JSON.parse(text));
      } catch (error) {
        const movedTo = await moveAside(file).catch(() => undefined);
        options.log?.(`${file} could not be read (${(error as Error).message.split('\n')[0]}); moved to ${movedTo ?? '(not moved)'}; the benchmark crawl starts over`);
        return undefined;
      }
    },
    save(state) {
      // Writes run one after another; each replaces the file whole.
      const text = JSON.stringify(state);
      writing = writing.then(async () => {
        await mkdir(options.dir, { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        await writeFile(temp, text);
        await rename(temp, file);
      });
      return writing;
    },
  };
}
