// Before any browser test: the UI must be built (out/renderer), once for the whole run.
import { ensureRendererBuilt } from './ensureRendererBuilt.js';

export default async function setup() {
  await ensureRendererBuilt((line) => console.log(`[e2e] ${line}`));
}
