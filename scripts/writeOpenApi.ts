// Writes openapi.json at the repository root from the router, for clients generated in other
// languages. A test fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createOpenApiDocument } from '../src/api/openApiDocument.js';
import { appInfo, packageRoot } from '../src/appInfo.js';

export function openApiText(): string {
  return `${JSON.stringify(createOpenApiDocument({ version: appInfo().version }), null, 2)}\n`;
}

const target = path.join(packageRoot(), 'openapi.json');
if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('scripts', 'writeOpenApi.ts'))) {
  writeFileSync(target, openApiText());
  console.log(`wrote ${target}`);
}
