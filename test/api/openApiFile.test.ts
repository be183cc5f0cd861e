import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiText } from '../../scripts/writeOpenApi.js';
import {
  OriginalBenchmarkResponseSchema,
  OriginalCacheStatusSchema,
  OriginalHealthSchema,
  OriginalRefreshSchema,
  OriginalRootSchema,
} from '../contract/originalContract.js';

const committed = path.resolve(import.meta.dirname, '../../openapi.json');

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
}

/**
 * Where the documented schema does not show a field of the original one with its type: every
 * property, required where the original requires it, through arrays, records and nullable unions.
 */
function undocumented(original: JsonSchema, documented: JsonSchema | undefined, at: string): string[] {
  if (documented === undefined) return [`${at}: missing`];
  if (original.anyOf) {
    const tries = original.anyOf.map((branch) => undocumented(branch, documented, at));
    return tries.find((t) => t.length === 0) ?? tries[0];
  }
  const problems: string[] = [];
  if (original.type && documented.type !== original.type && !(original.type === 'number' && documented.type === 'integer')) {
    problems.push(`${at}: ${documented.type ?? 'untyped'} instead of ${original.type}`);
  }
  if (original.enum && !(documented.enum && documented.enum.every((v) => original.enum!.includes(v)))) {
    problems.push(`${at}: ${documented.enum ? `enum ${JSON.stringify(documented.enum)}` : 'any value'} instead of one of ${JSON.stringify(original.enum)}`);
  }
  for (const [name, prop] of Object.entries(original.properties ?? {})) {
    if (original.required?.includes(name) && !documented.required?.includes(name)) problems.push(`${at}.${name}: not required`);
    problems.push(...undocumented(prop, documented.properties?.[name], `${at}.${name}`));
  }
  if (original.items) problems.push(...undocumented(original.items, documented.items, `${at}[]`));
  if (typeof original.additionalProperties === 'object' && original.additionalProperties.type) {
    problems.push(...undocumented(original.additionalProperties, documented.additionalProperties as JsonSchema | undefined, `${at}{}`));
  }
  return problems;
}

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

  it('shows every field of the original response models with its type when describing the seed endpoints', () => {
    const doc = JSON.parse(readFileSync(committed, 'utf8'));
    const response = (p: string, method: string) => doc.paths[p][method].responses['200'].content['application/json'].schema as JsonSchema;
    const models: [string, string, z.ZodType][] = [
      ['/api/benchmarks', 'get', OriginalBenchmarkResponseSchema],
      ['/', 'get', OriginalRootSchema],
      ['/health', 'get', OriginalHealthSchema],
      ['/api/refresh', 'post', OriginalRefreshSchema],
      ['/api/cache-status', 'get', OriginalCacheStatusSchema],
    ];
    const problems = models.flatMap(([p, method, schema]) =>
      undocumented(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema, response(p, method), p),
    );
    expect(problems).toEqual([]);
  });
});
