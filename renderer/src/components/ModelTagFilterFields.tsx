// The Open LLM Leaderboard's own filters in the leaderboard's filter area: model type and four
// flags, kept in the address with the API's names and values (model_type=chat&flagged=false).
import { useMemo } from 'react';
import { FLAG_FILTER_TAGS, FLAG_FILTERS, hasModelTagFilters, parseModelTypes, type FlagFilter, type ModelTagFilters } from '../../../src/api/modelTagFilters';
import { MODEL_TAGS } from '../../../src/schemas/modelTags';
import { updateParams } from '../lib/hashRoute';

/** The address keys these filters use. */
export const MODEL_TAG_PARAMS = ['model_type', ...FLAG_FILTERS] as const;

const FLAG_WORDS: Record<FlagFilter, { label: string; only: string; hide: string }> = {
  merged: { label: 'Merges', only: 'Merges only', hide: 'No merges' },
  moe: { label: 'Mixture of experts', only: 'MoE only', hide: 'No MoE' },
  flagged: { label: 'Flagged', only: 'Flagged only', hide: 'Hide flagged' },
  official_provider: { label: 'Official provider', only: 'Official only', hide: 'Not official' },
};

function flagParam(v: string | null): boolean | undefined {
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined;
}

/** The filters the address asks for; an unreadable value filters nothing. */
export function modelTagFiltersFrom(params: URLSearchParams): ModelTagFilters {
  const f: ModelTagFilters = {};
  const parsed = parseModelTypes(params.get('model_type') ?? '');
  if ('types' in parsed && parsed.types.length > 0) f.model_type = parsed.types;
  for (const k of FLAG_FILTERS) {
    const v = flagParam(params.get(k));
    if (v !== undefined) f[k] = v;
  }
  return f;
}

export function ModelTagFilterFields({ tagLists, params }: { tagLists: readonly (readonly string[])[]; params: URLSearchParams }) {
  const counts = useMemo(() => {
    const c = new Map<string, number>();
    for (const tags of tagLists) for (const t of tags) c.set(t, (c.get(t) ?? 0) + 1);
    return c;
  }, [tagLists]);
  const active = hasModelTagFilters(modelTagFiltersFrom(params));
  // Only boards whose models carry the leaderboard's tags (its language models) get these controls.
  if (!active && !MODEL_TAGS.types.some((t) => counts.has(t))) return null;
  const type = params.get('model_type') ?? '';
  return (
    <>
      <label className="field tag-filter">
        Model type
        <select name="model_type" value={type} onChange={(e) => updateParams({ model_type: e.target.value })}>
          <option value="">All types</option>
          {MODEL_TAGS.types.map((t) => (
            <option key={t} value={t}>
              {t} ({counts.get(t) ?? 0})
            </option>
          ))}
          {type && !(MODEL_TAGS.types as readonly string[]).includes(type) && <option value={type}>{type}</option>}
        </select>
      </label>
      {FLAG_FILTERS.map((k) => {
        const words = FLAG_WORDS[k];
        const value = flagParam(params.get(k));
        return (
          <label key={k} className="field tag-filter" title={`The Open LLM Leaderboard’s “${FLAG_FILTER_TAGS[k]}” flag`}>
            {words.label}
            <select name={k} value={value === undefined ? '' : String(value)} onChange={(e) => updateParams({ [k]: e.target.value })}>
              <option value="">Any</option>
              <option value="true">
                {words.only} ({counts.get(FLAG_FILTER_TAGS[k]) ?? 0})
              </option>
              <option value="false">{words.hide}</option>
            </select>
          </label>
        );
      })}
    </>
  );
}
