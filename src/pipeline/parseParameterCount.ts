// Parameter count from the weights' metadata (safetensors.total, gguf.total) or, failing that,
// from an explicit size in the model's name ("7b", "1.3B", "125m", "8x7b"). Never from unrelated
// tokens: "apache-2.0", "v0.1" or "32k" are not sizes.
import type { ModelInfo } from '../schemas/benchmarkSchemas.js';

export type ParameterSource = ModelInfo['parameter_source'];

function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 && v < 1e15 ? Math.round(v) : undefined;
}

// A size is its own token: bounded by start/end or a separator, with a b or m unit.
const SIZE_IN_NAME = /(?:^|[-_./\s])(?:(\d{1,3})x)?(\d{1,4}(?:\.\d{1,3})?)([bm])(?=$|[-_./\s])/gi;

export function parameterCountFromName(id: string): number | undefined {
  const name = id.includes('/') ? id.slice(id.indexOf('/') + 1) : id;
  let firstM: number | undefined;
  for (const m of name.matchAll(SIZE_IN_NAME)) {
    const experts = m[1] ? Number(m[1]) : 1;
    const n = Number(m[2]) * experts * (m[3].toLowerCase() === 'b' ? 1e9 : 1e6);
    if (!(n >= 1)) continue;
    if (m[3].toLowerCase() === 'b') return Math.round(n); // billions win over a later "1M" context size
    firstM ??= Math.round(n);
  }
  return firstM;
}

export function parseParameterCount(input: {
  id: string;
  safetensors?: unknown;
  gguf?: unknown;
  declared_parameters?: unknown;
}): { count?: number; source: ParameterSource } {
  const st = input.safetensors && typeof input.safetensors === 'object' ? (input.safetensors as Record<string, unknown>) : undefined;
  const fromSt = positiveInt(st?.total);
  if (fromSt) return { count: fromSt, source: 'safetensors' };
  const gg = input.gguf && typeof input.gguf === 'object' ? (input.gguf as Record<string, unknown>) : undefined;
  const fromGguf = positiveInt(gg?.total);
  if (fromGguf) return { count: fromGguf, source: 'gguf' };
  // A count the model zoo publishes for a model that has no Hub weight metadata.
  const declared = input.declared_parameters && typeof input.declared_parameters === 'object' ? (input.declared_parameters as Record<string, unknown>) : undefined;
  const fromZoo = declared?.source === 'model-zoo' ? positiveInt(declared.total) : undefined;
  if (fromZoo) return { count: fromZoo, source: 'model-zoo' };
  const fromName = parameterCountFromName(input.id);
  if (fromName) return { count: fromName, source: 'name' };
  return { source: 'unknown' };
}

/** "7.24B", "305M", "66K" — for display next to the exact count. */
export function formatParameterCount(n: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [size, unit] of units) {
    if (n >= size) {
      const v = n / size;
      return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1).replace(/\.0$/, '') : v.toFixed(2).replace(/\.?0+$/, '')}${unit}`;
    }
  }
  return String(n);
}
