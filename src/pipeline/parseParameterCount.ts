// Parameter count, most to least trusted: the Hub's safetensors metadata, a GGUF header, a count a
// model zoo or a leaderboard export declared (`declared_parameters`), an explicit size in the model's
// name ("7b", "1.3B", "125m"). Never from unrelated tokens: "apache-2.0", "v0.1" or "32k" are not
// sizes, and a mixture-of-experts name ("8x22B") is not a count: experts share layers, so Mixtral
// 8x22B has ~141 B parameters, not 176 B.
import type { ModelInfo } from '../schemas/benchmarkSchemas.js';

export type ParameterSource = ModelInfo['parameter_source'];

function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 && v < 1e15 ? Math.round(v) : undefined;
}

// A size is its own token: bounded by start/end or a separator, with a b or m unit.
const SIZE_IN_NAME = /(?:^|[-_./\s])(?:(\d{1,3})x)?(\d{1,4}(?:\.\d{1,3})?)([bm])(?=$|[-_./\s])/gi;

/** The size a name announces: a plain count ("7B"), or experts × expert size ("8x22B"), which is not a count. */
export interface SizeInName {
  count?: number;
  experts?: { n: number; size: number };
}

export function sizeFromName(id: string): SizeInName {
  const name = id.includes('/') ? id.slice(id.indexOf('/') + 1) : id;
  let firstM: SizeInName | undefined;
  for (const m of name.matchAll(SIZE_IN_NAME)) {
    const size = Number(m[2]) * (m[3].toLowerCase() === 'b' ? 1e9 : 1e6);
    if (!(size >= 1)) continue;
    const found: SizeInName = m[1] ? { experts: { n: Number(m[1]), size: Math.round(size) } } : { count: Math.round(size) };
    if (m[3].toLowerCase() === 'b') return found; // billions win over a later "1M" context size
    firstM ??= found;
  }
  return firstM ?? {};
}

/** The parameter count a name states outright; undefined for none and for mixture-of-experts names. */
export function parameterCountFromName(id: string): number | undefined {
  return sizeFromName(id).count;
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
  const declared = input.declared_parameters && typeof input.declared_parameters === 'object' ? (input.declared_parameters as Record<string, unknown>) : undefined;
  const fromDeclared = positiveInt(declared?.total);
  if (fromDeclared && (declared?.source === 'model-zoo' || declared?.source === 'leaderboard')) return { count: fromDeclared, source: declared.source };
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
