// One measurement published twice (by two layers, or by a card's model-index and its Community
// Evals): one result that keeps the other's provenance and value in `other_sources`.
import type { EvaluationResult, OtherSource } from '../schemas/benchmarkSchemas.js';

const PROVENANCE_FIELDS = ['source_name', 'source_url', 'snapshot_file', 'snapshot_date', 'community', 'pull_request', 'notes', 'eval_date', 'eval_file'] as const;

/** One source of a result, as carried in `other_sources`. */
export function asOtherSource(r: EvaluationResult): OtherSource {
  const o: OtherSource = { source: r.source, verified: r.verified, value: r.value, original_value: r.original_value };
  for (const k of PROVENANCE_FIELDS) if (r[k] !== undefined) (o as Record<string, unknown>)[k] = r[k];
  return o;
}

const sameSource = (a: OtherSource, b: OtherSource) =>
  a.source === b.source &&
  a.source_name === b.source_name &&
  a.snapshot_file === b.snapshot_file &&
  a.eval_file === b.eval_file &&
  a.pull_request === b.pull_request &&
  a.value === b.value &&
  a.verified === b.verified;

/**
 * The `newer` result stays the result; `older`'s provenance (and value) joins `other_sources`.
 * A copy of the same source is not listed twice.
 */
export function mergeResult(newer: EvaluationResult, older: EvaluationResult): EvaluationResult {
  const own = asOtherSource(newer);
  const others: OtherSource[] = [...(newer.other_sources ?? [])];
  for (const o of [asOtherSource(older), ...(older.other_sources ?? [])]) {
    if (sameSource(o, own) || others.some((x) => sameSource(x, o))) continue;
    others.push(o);
  }
  return others.length === (newer.other_sources?.length ?? 0) ? newer : { ...newer, other_sources: others };
}

/** Which of two copies of a measurement is shown: verified first, then one not proposed by an open pull request. */
export const preference = (r: EvaluationResult) => (r.verified ? 2 : 0) + (r.community ? 0 : 1);

/**
 * A card's model-index results and its Community Evals results as one list: a measurement both
 * publish is one result. The one shown is the verified one, else the one not proposed by an open pull
 * request, else the model-index one; the other joins `other_sources`.
 */
export function mergeCardAndCommunity(card: EvaluationResult[], community: EvaluationResult[], keyOf: (r: EvaluationResult) => string): EvaluationResult[] {
  if (community.length === 0) return card;
  const byKey = new Map(community.map((r) => [keyOf(r), r]));
  const out: EvaluationResult[] = [];
  for (const r of card) {
    const k = keyOf(r);
    const c = byKey.get(k);
    if (!c) {
      out.push(r);
      continue;
    }
    byKey.delete(k);
    out.push(preference(c) > preference(r) ? mergeResult(c, r) : mergeResult(r, c));
  }
  return [...out, ...byKey.values()];
}
