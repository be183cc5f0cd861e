// How numbers, sizes and dates read in the UI: fractions as percentages, sizes as 7.2B, unknowns as "—".
import { parseParameterText } from '../../../src/api/parseParameterText';
import type { Direction, Scale } from '../../../src/schemas/benchmarkSchemas';

export const DASH = '—';

/** A metric value in its canonical scale, the way an analyst reads it: 0.8998 → "89.98%". */
export function formatValue(value: number | undefined, scale: Scale | undefined, extraDigits = 0): string {
  if (value === undefined || !Number.isFinite(value)) return DASH;
  if (scale === 'fraction') return `${(value * 100).toFixed(2 + extraDigits)}%`;
  if (scale === 'points') return value.toFixed(2 + extraDigits);
  return Math.abs(value) >= 1000 ? value.toFixed(extraDigits) : value.toPrecision(4 + extraDigits);
}

/** Score per decade of parameters, in the score's own units (percentage points for fractions). */
/** The efficiency score as the API serves it: a share of the size frontier, 1 = on it (same number everywhere). */
export function formatEfficiency(value: number | undefined, _scale?: Scale | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return DASH;
  return value.toFixed(3);
}

export function directionArrow(direction: Direction): string {
  return direction === 'higher' ? '↑' : direction === 'lower' ? '↓' : '?';
}

export function directionText(direction: Direction): string {
  return direction === 'higher' ? 'higher is better' : direction === 'lower' ? 'lower is better' : 'direction unknown';
}

/** Where a parameter count came from, in words. */
export const PARAMETER_SOURCE_LABELS: Record<string, string> = {
  safetensors: 'Hub safetensors metadata',
  gguf: 'GGUF header',
  'model-zoo': 'model-zoo metadata',
  leaderboard: 'leaderboard metadata',
  name: 'the size in its name',
  unknown: 'unknown',
};

/** 70_554_000_000 → "70.6B", 86_570_000 → "86.6M". */
export function formatParams(count: number | undefined): string {
  if (count === undefined || !Number.isFinite(count)) return DASH;
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, unit] of units) {
    if (count >= size) {
      const v = count / size;
      const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
      return `${v.toFixed(digits).replace(/\.0+$|(\.\d*?)0+$/, '$1')}${unit}`;
    }
  }
  return String(count);
}

/** "7B", "350m", "1.5e9", "1200000" → a parameter count; undefined when empty or unreadable (as the API reads min_params). */
export const parseParams = parseParameterText;

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const plain = new Intl.NumberFormat('en');

/** FLOPs per forward pass: 4_120_000_000 → "4.12 GFLOPs". */
export function formatFlops(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n) || n <= 0) return DASH;
  const units: [number, string][] = [
    [1e15, 'P'],
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, unit] of units) {
    if (n >= size) return `${Number((n / size).toPrecision(3))} ${unit}FLOPs`;
  }
  return `${n} FLOPs`;
}

export function formatCount(n: number | undefined, options: { compact?: boolean } = {}): string {
  if (n === undefined || !Number.isFinite(n)) return DASH;
  return options.compact ? compact.format(n) : plain.format(n);
}

/** ISO date → "2024-11-26"; unknown → "—". */
export function formatDate(iso: string | undefined | null): string {
  if (!iso) return DASH;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : DASH;
}

/** How long ago, in words: "3 days ago", "in 20 minutes". */
export function formatAge(iso: string | undefined | null, now = Date.now()): string {
  if (!iso) return DASH;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return DASH;
  const diff = now - t;
  const abs = Math.abs(diff);
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [365 * 86_400_000, 'year'],
    [30 * 86_400_000, 'month'],
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [ms, unit] of steps) {
    if (abs >= ms) return rtf.format(-Math.round(diff / ms), unit);
  }
  return 'just now';
}

/** "ImageNet-1k · top-1 accuracy". */
export function benchmarkLabel(b: { variant: string; metric_name: string }): string {
  return `${b.variant} · ${b.metric_name}`;
}

/** "Mar 2025". */
function monthYear(iso: string): string {
  return new Date(Date.parse(iso)).toLocaleDateString('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/**
 * How old the data is, from each source's own date: one age when there is one date ("3 hours ago"),
 * the span when sources differ ("Mar 2025 – Aug 2026"), and per source for a tooltip.
 */
export function describeDataAge(sources: readonly { name: string; date?: string }[], fallback: string, now = Date.now()): { short: string; perSource: string[] } {
  const dated = sources.filter((s) => s.date && Number.isFinite(Date.parse(s.date)));
  const perSource = dated.map((s) => `${s.name}: data of ${formatDate(s.date)} (${formatAge(s.date, now)})`);
  if (dated.length === 0) return { short: formatAge(fallback, now), perSource: [] };
  const times = dated.map((s) => Date.parse(s.date!));
  const oldest = new Date(Math.min(...times)).toISOString();
  const newest = new Date(Math.max(...times)).toISOString();
  const short = formatDate(oldest) === formatDate(newest) ? formatAge(newest, now) : monthYear(oldest) === monthYear(newest) ? monthYear(newest) : `${monthYear(oldest)} – ${monthYear(newest)}`;
  return { short, perSource };
}
