// Child process: the fake Hub (real loopback HTTP, real latency) with <perTask> generated models for each default task; answers "stats", "reset" and "latency <ms>" lines on stdin.
import { createInterface } from 'node:readline';
import { DEFAULT_TASKS } from '../../src/schemas/hubSchemas.js';
import { makeHubModels, startFakeHub } from '../../test/support/fakeHub.js';

const perTask = Number(process.argv[2] ?? 500);
const latencyMs = Number(process.argv[3] ?? 100);
const pageSize = Number(process.argv[4] ?? 500);

// Round-robin over the nine tasks: exactly perTask models per task.
const models = makeHubModels({ count: perTask * DEFAULT_TASKS.length, tasks: DEFAULT_TASKS, seed: 11 });
const hub = await startFakeHub({ models, pageSize, faults: latencyMs > 0 ? { latencyMs } : {} });
process.stdout.write(`${JSON.stringify({ url: hub.url, models: models.length })}\n`);

let cpuSince = process.cpuUsage();
const cpuMs = () => {
  const d = process.cpuUsage(cpuSince);
  return (d.user + d.system) / 1000;
};

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command.startsWith('latency ')) {
    const ms = Number(command.slice('latency '.length));
    hub.setFaults(ms > 0 ? { latencyMs: ms } : {});
    process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
  } else if (command === 'reset') {
    hub.clearRequests();
    cpuSince = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
  } else if (command === 'stats') {
    const requests = hub.requests;
    process.stdout.write(
      `${JSON.stringify({
        count: requests.length,
        maxInFlight: hub.maxInFlight(),
        at: requests.map((r) => r.at),
        notOk: requests.filter((r) => r.status !== 200).length,
        cpuMs: cpuMs(),
      })}\n`,
    );
  }
});
const stop = () => void hub.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
