// The API token that guards a server reachable beyond loopback: generated once per install,
// stored owner-only (0600) in DATA_DIR, or taken from API_TOKEN.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const API_TOKEN_FILE = 'api-token';

export function loadOrCreateApiToken(dataDir: string): { token: string; file: string; created: boolean } {
  const file = path.join(dataDir, API_TOKEN_FILE);
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 32) {
      chmodSync(file, 0o600);
      return { token, file, created: false };
    }
  }
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, file, created: true };
}
