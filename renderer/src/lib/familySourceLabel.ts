// Where a model's family was read from, in words an analyst can weigh.
import type { ModelInfo } from '../../../src/schemas/benchmarkSchemas';

export const FAMILY_SOURCE_LABELS: Record<ModelInfo['family_source'], string> = {
  config: 'from config model_type',
  architecture: 'from its architecture — may differ from its lineage',
  tags: 'from tags',
  name: 'from the name',
  unknown: 'not known',
};

/** "from its architecture (LlamaForCausalLM) — may differ from its lineage", "from the name", … */
export function familySourceLabel(info: Pick<ModelInfo, 'family_source' | 'architecture'>): string {
  if (info.family_source === 'architecture' && info.architecture) return `from its architecture (${info.architecture}) — may differ from its lineage`;
  return FAMILY_SOURCE_LABELS[info.family_source];
}
