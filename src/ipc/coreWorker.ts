// Entry of the worker thread the desktop app runs its core in (built to out/main/coreWorker.js).
import { parentPort, workerData } from 'node:worker_threads';
import type { CoreWorkerData } from './coreWorkerProtocol.js';
import { runCoreWorker, type CorePort } from './runCoreWorker.js';

if (!parentPort) throw new Error('coreWorker runs as a worker thread (node:worker_threads)');
runCoreWorker(parentPort as unknown as CorePort, workerData as CoreWorkerData);
