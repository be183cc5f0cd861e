// The Open LLM Leaderboard's own filters over a model's tags: its model type (any of a list) and its
// flags (true keeps only flagged ones, false leaves them out). Pure, so the UI filters the same way.
import { MODEL_TAGS, type ModelTypeTag } from '../schemas/modelTags.js';

/** Query field → the tag it tests. */
export const FLAG_FILTER_TAGS = {
  merged: MODEL_TAGS.merge,
  moe: MODEL_TAGS.moe,
  flagged: MODEL_TAGS.flagged,
  official_provider: MODEL_TAGS.officialProvider,
} as const;

export type FlagFilter = keyof typeof FLAG_FILTER_TAGS;
export const FLAG_FILTERS = Object.keys(FLAG_FILTER_TAGS) as FlagFilter[];

export type ModelTagFilters = { model_type?: readonly ModelTypeTag[] } & { [K in FlagFilter]?: boolean };

export function hasModelTagFilters(f: ModelTagFilters): boolean {
  return (f.model_type !== undefined && f.model_type.length > 0) || FLAG_FILTERS.some((k) => f[k] !== undefined);
}

/**
 * Whether a model's tags pass the filters. A model type filter keeps models carrying any of the
 * listed types (models without one, such as Hub or timm records, drop out); each flag set to true
 * keeps only models with its tag, set to false only those without it.
 */
export function matchesModelTags(tags: readonly string[], f: ModelTagFilters): boolean {
  if (f.model_type && f.model_type.length > 0 && !f.model_type.some((t) => tags.includes(t))) return false;
  for (const k of FLAG_FILTERS) {
    const want = f[k];
    if (want !== undefined && tags.includes(FLAG_FILTER_TAGS[k]) !== want) return false;
  }
  return true;
}

/** "chat, fine-tuned" → the listed types, or the first unknown one. Empty items are ignored. */
export function parseModelTypes(text: string): { types: ModelTypeTag[] } | { unknown: string } {
  const types: ModelTypeTag[] = [];
  for (const item of text.split(',')) {
    const t = item.trim().toLowerCase();
    if (!t) continue;
    if (!(MODEL_TAGS.types as readonly string[]).includes(t)) return { unknown: item.trim() };
    if (!types.includes(t as ModelTypeTag)) types.push(t as ModelTypeTag);
  }
  return { types };
}
