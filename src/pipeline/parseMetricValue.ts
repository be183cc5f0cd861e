// Turns a metric value as written in a card (a number, "20.0 ± 1.2", "85.3%", "1,014.5") into a
// number on the metric's canonical scale, or a reason why it cannot be used.
import type { EvaluationResult, Scale } from '../schemas/benchmarkSchemas.js';

export type OriginalScale = EvaluationResult['original_scale'];

export type ParsedValue =
  | { ok: true; value: number; original: number; originalScale: OriginalScale }
  | { ok: false; reason: 'non_numeric_value' | 'non_finite_value' | 'out_of_range' };

/** Raw values beyond this are junk, not measurements (no real perplexity or loss is this large). */
const RAW_LIMIT = 1e12;

const NUMBER_AT_START = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d+)?/i;

/** Reads the leading number of a string; "20.0 ± 1.2" → 20, "85.3%" → 85.3 (percent). */
export function readNumber(raw: unknown): { n: number; percent: boolean } | undefined {
  if (typeof raw === 'number') return { n: raw, percent: false };
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (s.length === 0 || s.length > 100) return undefined;
  const m = NUMBER_AT_START.exec(s);
  if (!m || m[0] === '' || m[0] === '+' || m[0] === '-' || !/\d/.test(m[0])) return undefined;
  const rest = s.slice(m[0].length).trim();
  // Anything after the number must be an uncertainty or a percent sign, not more text.
  if (rest !== '' && !/^(%|±|\+\/-|\+-|\(|\[)/.test(rest)) return undefined;
  return { n: Number(m[0].replace(/,/g, '')), percent: rest.startsWith('%') };
}

/**
 * Whether a published value gives a 0–100 scale away: a bare number above 1 and at most 100. An
 * explicit "%" speaks for its own value alone.
 */
export function showsPercentScale(raw: unknown): boolean {
  const read = readNumber(raw);
  return read !== undefined && !read.percent && read.n > 1 && read.n <= 100;
}

/**
 * @param sourceUsesPercent the same source publishes other accuracy-like values above 1 in this card,
 *   so its values at or below 1 are small percentages (0.6 % on MATH), not fractions.
 */
export function parseMetricValue(raw: unknown, scale: Scale, sourceUsesPercent = false): ParsedValue {
  const read = readNumber(raw);
  if (!read) return { ok: false, reason: 'non_numeric_value' };
  const { n, percent } = read;
  if (!Number.isFinite(n)) return { ok: false, reason: 'non_finite_value' };
  if (scale === 'fraction') {
    // Cards publish accuracy-like values both as 0–1 and as 0–100; anything above 1 is a percentage.
    if (n < 0 || n > 100) return { ok: false, reason: 'out_of_range' };
    // toPrecision drops the binary noise of the division (98.014 / 100 → 0.98014, not 0.9801399999999999).
    if (percent || n > 1 || sourceUsesPercent) return { ok: true, value: Number((n / 100).toPrecision(12)), original: n, originalScale: 'percent' };
    return { ok: true, value: n, original: n, originalScale: 'fraction' };
  }
  if (scale === 'points') {
    if (n < 0 || n > 100) return { ok: false, reason: 'out_of_range' };
    return { ok: true, value: n, original: n, originalScale: 'points' };
  }
  if (Math.abs(n) > RAW_LIMIT) return { ok: false, reason: 'out_of_range' };
  return { ok: true, value: n, original: n, originalScale: percent ? 'percent' : 'raw' };
}
