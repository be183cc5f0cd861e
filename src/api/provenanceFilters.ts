// The verified / community / base-model filters of leaderboards and model lists, over one shown result
// and its model. Pure, so the UI filters leaderboard rows the same way the API does.
import type { EvaluationResult, ModelInfo } from '../schemas/benchmarkSchemas.js';

export interface ProvenanceFilters {
  verified_only?: boolean;
  include_community?: boolean;
  base_models_only?: boolean;
}

export const hasProvenanceFilters = (f: ProvenanceFilters) => f.verified_only === true || f.include_community === false || f.base_models_only === true;

/** A shown result passes when it is verified / not an open pull request's, and its model declares no base. */
export function resultPasses(
  result: Pick<EvaluationResult, 'verified' | 'community'> | undefined,
  info: Pick<ModelInfo, 'base_models'>,
  f: ProvenanceFilters,
): boolean {
  if (f.verified_only === true && !result?.verified) return false;
  if (f.include_community === false && result?.community === true) return false;
  if (f.base_models_only === true && (info.base_models?.length ?? 0) > 0) return false;
  return true;
}
