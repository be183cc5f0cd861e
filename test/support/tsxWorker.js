// Test support: runs a TypeScript worker entry in plain Node. tsx is registered in the worker thread
// itself (Node 20 cannot start a worker from a .ts file even with `--import tsx`), then the entry named
// by the first worker argument is loaded, with workerData and parentPort as usual.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
