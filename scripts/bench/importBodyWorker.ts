// Child process: writes a snapshot import body of about `bytes` bytes (plain JSON) to `file`, made of
// generated-scale records (scripts/makeScaleData.ts: copies of the bundled Open LLM Leaderboard and timm
// records with their own ids, marked as generated); prints {"file","bytes","models"}. A file already
// there from an earlier run with the same size target is reused.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { makeScaleSnapshot } from '../makeScaleData.js';

const [target, file] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isFinite(target) || target <= 0 || !file) throw new Error('usage: importBodyWorker.ts BYTES FILE');

const meta = `${file}.models`;
if (existsSync(file) && existsSync(meta)) {
  process.stdout.write(`${JSON.stringify({ file, bytes: statSync(file).size, models: Number(readFileSync(meta, 'utf8')) })}\n`);
} else {
  // Bytes per model from a sample, then as many models as fill the target.
  const SAMPLE = 2_000;
  const sample = await makeScaleSnapshot(SAMPLE);
  const perModel = Buffer.byteLength(JSON.stringify(sample)) / SAMPLE;
  const models = Math.max(1, Math.round(target / perModel));
  const text = JSON.stringify(await makeScaleSnapshot(models));
  await writeFile(file, text);
  await writeFile(meta, String(models));
  process.stdout.write(`${JSON.stringify({ file, bytes: Buffer.byteLength(text), models })}\n`);
}
