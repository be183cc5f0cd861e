// Snapshot import memory: a body of N MB of generated-scale records (importBodyWorker.ts) posted to
// POST /api/snapshot/import of the server as `npm run serve` runs it (OFFLINE, empty DATA_DIR), with the
// server's peak RSS over the request (VmHWM of /proc/<pid>/status, reset through clear_refs just before
// it), its CPU time over the request (/proc/<pid>/stat) and the wall time until the answer.
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Row } from './table.js';
import { BENCH_DIR, compileStaleSources, fmtBytes, fmtInt, fmtMs, fmtRatio, httpGet, runWorker, sleep, withServe } from './util.js';

const kb = (field: string, pid: number) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
/** User + system CPU time of a process in ms (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms). */
const cpuMsOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

function postFile(url: string, file: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': bytes } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

interface ImportRun {
  bodyBytes: number;
  models: number;
  rssBeforeBytes: number;
  peakRssBytes: number;
  rssAfterBytes: number;
  wallMs: number;
  cpuMs: number;
  dataCount: number;
}

async function timeImport(file: string, bodyBytes: number, models: number, dataDir: string): Promise<ImportRun> {
  return withServe({ OFFLINE: '1', DATA_DIR: dataDir }, { pollMs: 50, timeoutMs: 600_000 }, async (server) => {
    await server.waitFor('/health', async () => (await httpGet(`${server.url}/health`)).status === 200);
    // Settled: the start-up save of the bundled version (3 s after start) is over.
    await sleep(5_000);
    const rssBeforeBytes = kb('VmRSS', server.pid);
    writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
    const cpu0 = cpuMsOf(server.pid);
    const t0 = performance.now();
    const res = await postFile(`${server.url}/api/snapshot/import`, file, bodyBytes);
    const wallMs = performance.now() - t0;
    const cpuMs = cpuMsOf(server.pid) - cpu0;
    const peakRssBytes = kb('VmHWM', server.pid);
    const rssAfterBytes = kb('VmRSS', server.pid);
    if (res.status !== 200) throw new Error(`import answered ${res.status}: ${res.body.slice(0, 300)}`);
    const dataCount = (JSON.parse(res.body) as { data_count: number }).data_count;
    return { bodyBytes, models, rssBeforeBytes, peakRssBytes, rssAfterBytes, wallMs, cpuMs, dataCount };
  });
}

/** `sizesMb`: the body sizes to post, in MB (10^6 bytes). */
export async function benchImport(tmp: string, log: (s: string) => void, sizesMb: number[]): Promise<Row[]> {
  const rows: Row[] = [];
  const section = '7. Snapshot import: POST /api/snapshot/import of generated-scale records to OFFLINE `npm run serve` (empty DATA_DIR); server peak RSS over the request (VmHWM)';
  compileStaleSources();
  for (const mb of sizesMb) {
    // Kept in the OS temp folder and reused: generating the body takes a while.
    const file = path.join(tmpdir(), `ml-bench-import-${mb}mb.json`);
    const body = await runWorker<{ file: string; bytes: number; models: number }>(path.join(BENCH_DIR, 'importBodyWorker.ts'), [String(mb * 1e6), file], { timeoutMs: 600_000 });
    const dir = path.join(tmp, `import-${mb}`);
    const run = await timeImport(body.file, body.bytes, body.models, dir);
    log(`  ${fmtBytes(run.bodyBytes)} (${fmtInt(run.models)} models): peak RSS ${fmtBytes(run.peakRssBytes)}, wall ${fmtMs(run.wallMs)}, CPU ${fmtMs(run.cpuMs)}`);
    rows.push({
      section,
      name: `${fmtBytes(run.bodyBytes)} body, ${fmtInt(run.models)} models`,
      value: fmtBytes(run.peakRssBytes),
      detail: `${fmtRatio(run.peakRssBytes / run.bodyBytes)} the body · RSS before ${fmtBytes(run.rssBeforeBytes)}, after ${fmtBytes(run.rssAfterBytes)} · wall ${fmtMs(run.wallMs)} · server CPU ${fmtMs(run.cpuMs)} · now ${fmtInt(run.dataCount)} models`,
      data: { ...run },
    });
  }
  return rows;
}
