import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiText } from '../../scripts/writeOpenApi.js';

const committed = path.resolve(import.meta.dirname, '../../openapi.json');

describe('openapi.json', () => {
  it('matches the router (run `npm run openapi` after changing an endpoint)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(openApiText());
  });

  it('documents the five seed paths and the focused queries', () => {
    const doc = JSON.parse(readFileSync(committed, 'utf8'));
    for (const p of ['/', '/health', '/api/benchmarks', '/api/refresh', '/api/cache-status', '/api/models', '/api/models/{model_id}', '/api/leaderboards']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(Object.keys(doc.paths['/api/refresh'])).toEqual(['post']);
  });
});
