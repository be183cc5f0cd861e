// Name and version of the app, read once from the package.json above this module (works from
// src/ under tsx and from a built tree).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    if (dirname(dir) === dir) throw new Error(`packageRoot: no package.json with a data/ folder above ${from}`);
  }
}

let cached: { name: string; productName: string; version: string } | undefined;

export function appInfo() {
  if (!cached) {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string; productName?: string };
    cached = { name: pkg.name, productName: pkg.productName ?? 'ML Benchmark Explorer', version: pkg.version };
  }
  return cached;
}
