// Environment → typed configuration, validated by one zod schema so a bad value fails at start
// with a message naming the variable, instead of surfacing later as odd behaviour.
import envPaths from 'env-paths';
import { z } from 'zod';
import { describeRefusedTokenEndpoint, tokenMayBeSentTo } from './hub/tokenEndpointPolicy.js';
import { DEFAULT_TASKS } from './schemas/hubSchemas.js';

const APP_NAME = 'ml-benchmark-explorer';

/** Strict boolean: "1/true/yes/on" and "0/false/no/off" only; anything else is an error, not true. */
const envBoolean = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off', '']))
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** Digits only: "lots", "1.5" and "8e3" are refused in words, never read as NaN or rounded. */
const intFrom = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `expected a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `expected a whole number from ${min} to ${max}`).max(max, `expected a whole number from ${min} to ${max}`));

const commaList = z
  .string()
  .transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean));

const TASK_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const DATASET_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$|^[A-Za-z0-9][\w.-]*$/;

/** `official`, `none`, or a comma list of benchmark dataset ids (`Idavidrein/gpqa,cais/hle`). */
const benchmarkSelection = z
  .string()
  .trim()
  .transform((s): 'official' | 'none' | string[] => {
    const lower = s.toLowerCase();
    if (lower === 'official' || lower === 'none') return lower;
    return [...new Set(s.split(',').map((t) => t.trim()).filter(Boolean))];
  })
  .pipe(
    z.union([
      z.literal('official'),
      z.literal('none'),
      z.array(z.string().regex(DATASET_ID, 'a benchmark is a Hub dataset id (e.g. Idavidrein/gpqa), or the words official or none')).min(1),
    ]),
  );

export const ConfigSchema = z.object({
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: intFrom(0, 65535).default(8000),
  HF_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://huggingface.co'),
  HF_TOKEN: z.string().trim().optional(),
  TASKS: commaList
    .pipe(z.array(z.string().regex(TASK_NAME, 'a task is lower-case letters, digits and hyphens (e.g. text-classification)')).min(1))
    .default([...DEFAULT_TASKS]),
  MAX_MODELS_PER_TASK: intFrom(1, 100_000).default(50),
  BENCHMARKS: benchmarkSelection.default('official'),
  BENCHMARK_FINE_TUNES: envBoolean.default(false),
  BENCHMARK_MODEL_LOOKUPS: intFrom(0, 100_000).default(200),
  CACHE_TTL_MINUTES: intFrom(1, 60 * 24 * 365).default(60),
  CACHE_MAX_ENTRIES: intFrom(1, 10_000).default(1000),
  HUB_CONCURRENCY: intFrom(1, 16).default(4),
  HUB_REQUESTS_PER_5_MIN: intFrom(1, 100_000).default(450),
  DATA_DIR: z.string().trim().min(1).default(() => envPaths(APP_NAME, { suffix: '' }).data),
  OFFLINE: envBoolean.default(false),
  LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
  CORS_ORIGINS: commaList
    .pipe(z.array(z.url()))
    .default(['http://localhost:3000', 'http://localhost:5173', 'http://127.0.0.1:3000', 'http://127.0.0.1:5173']),
  API_TOKEN: z.string().trim().min(16).optional(),
}).superRefine((c, ctx) => {
  // Named on HF_ENDPOINT: the message shows the variable's value, and the token's must not be shown.
  if (c.HF_TOKEN && !tokenMayBeSentTo(new URL(c.HF_ENDPOINT))) ctx.addIssue({ code: 'custom', path: ['HF_ENDPOINT'], message: describeRefusedTokenEndpoint(c.HF_ENDPOINT) });
});
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const KEYS = Object.keys(ConfigSchema.shape) as (keyof Config)[];

export interface LoadConfigOptions {
  /**
   * The variable each setting is read from, where it is not the setting's own name. The desktop app
   * reads HOST and PORT from EXPLORER_HOST and EXPLORER_PORT; a shell's generic HOST or PORT is ignored.
   */
  variables?: Partial<Record<keyof Config, string>>;
}

/** Reads only the variables this app knows; empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env, options: LoadConfigOptions = {}): Config {
  const variable = (key: keyof Config) => options.variables?.[key] ?? key;
  const input: Record<string, string> = {};
  for (const key of KEYS) {
    const v = env[variable(key)];
    if (v !== undefined && v.trim() !== '') input[key] = v;
  }
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = variable(String(i.path[0] ?? '') as keyof Config);
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
