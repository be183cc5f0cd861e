// Leaderboards: task → dataset → metric, optional extra benchmarks and a ranking by their mean,
// client-side search/family/size filters, sorting, export; all state lives in the URL hash.
import type { SortingState } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { LeaderboardTable } from '../components/LeaderboardTable';
import { MODEL_TAG_PARAMS, ModelTagFilterFields, modelTagFiltersFrom } from '../components/ModelTagFilterFields';
import { hasModelTagFilters, matchesModelTags } from '../../../src/api/modelTagFilters';
import { hasProvenanceFilters, resultPasses } from '../../../src/api/provenanceFilters';
import { ErrorNote, Loading } from '../components/Feedback';
import { useBenchmarkCatalog, useCatalog, useLeaderboard, useLeaderboardValues, type Catalog, type CatalogEntry } from '../lib/api';
import { boardFromValues, boardId, buildLeaderboardRows, filterRows, type BoardKey, type LeaderboardRow, type RankMode } from '../lib/buildLeaderboardRows';
import { downloadFile, slug } from '../lib/downloadFile';
import { exportRecords, toCsv, toJson } from '../lib/exportRows';
import { benchmarkLabel, directionArrow, directionText, formatCount, formatParams, parseParams } from '../lib/format';
import { hrefFor, navigate, updateParams } from '../lib/hashRoute';
import { toggleCompare, usePreferences } from '../lib/preferences';

export interface Selection {
  tasks: string[];
  task: string;
  entries: CatalogEntry[];
  primary: CatalogEntry;
}

/** The leaderboard the URL names, or the task's largest one; undefined while the catalog is empty. */
export function resolveSelection(catalog: Catalog | undefined, params: URLSearchParams): Selection | undefined {
  if (!catalog || catalog.leaderboards.length === 0) return undefined;
  const tasks = catalog.tasks.filter((t) => catalog.leaderboards.some((l) => l.task_type === t));
  const wantedTask = params.get('task');
  const task = wantedTask && tasks.includes(wantedTask) ? wantedTask : tasks.includes('text-generation') ? 'text-generation' : tasks[0];
  const entries = catalog.leaderboards.filter((l) => l.task_type === task);
  const dataset = params.get('dataset');
  const metric = params.get('metric');
  const primary =
    entries.find((e) => e.variant === dataset && e.metric_name === metric) ?? entries.find((e) => e.variant === dataset) ?? entries[0];
  return { tasks, task, entries, primary };
}

const datasetsOf = (entries: CatalogEntry[]) => [...new Set(entries.map((e) => e.variant))];

function SelectField(props: { label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void; name: string }) {
  return (
    <label className="field">
      {props.label}
      <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The previous array while its items are the same objects, so memos over it survive re-renders. */
function useSameArray<T>(next: T[] | undefined): T[] | undefined {
  const ref = useRef(next);
  const prev = ref.current;
  if (prev !== next && !(prev && next && prev.length === next.length && prev.every((x, i) => x === next[i]))) ref.current = next;
  return ref.current;
}

/** A text field that writes to the URL a moment after typing stops. */
function useDebouncedParam(key: string, value: string, delay = 180): [string, (v: string) => void] {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => updateParams({ [key]: text }), delay);
    return () => clearTimeout(t);
  }, [text, value, key, delay]);
  return [text, setText];
}

/** True on a phone-sized screen (where the table should get the screen). */
function useNarrowScreen(query = '(max-width: 640px)'): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return narrow;
}

export function LeaderboardView({ params }: { params: URLSearchParams }) {
  const catalog = useCatalog();
  const sel = resolveSelection(catalog.data, params);

  if (catalog.isPending) return <Loading what="leaderboards" />;
  if (catalog.error) return <ErrorNote error={catalog.error} what="the leaderboard catalog" />;
  if (!sel) return <div className="card empty">No leaderboards in the current data.</div>;
  return <LeaderboardBody sel={sel} params={params} />;
}

function LeaderboardBody({ sel, params }: { sel: Selection; params: URLSearchParams }) {
  const prefs = usePreferences();
  // On phones the choice of leaderboard and the filters fold into one line above the table.
  const narrowScreen = useNarrowScreen();
  const [controlsOpen, setControlsOpen] = useState(false);
  const { task, entries, primary } = sel;
  const direction = primary.direction;

  // Extra benchmarks: other leaderboards of this task with the same direction and scale (a mean needs both:
  // raw fractions and a leaderboard's 0–100 normalized scores do not average).
  const candidates = entries.filter((e) => e !== primary && e.direction === direction && e.scale === primary.scale);
  const chosenIds = new Set(params.getAll('col'));
  const extras = candidates.filter((e) => chosenIds.has(boardId(e)));
  const mode: RankMode = params.get('rank') === 'mean' && extras.length > 0 ? 'mean' : 'primary';
  const complete = params.get('complete') === '1';
  const keysId = [primary, ...extras].map(boardId).join('\n');
  const keys: BoardKey[] = useMemo(
    () => [primary, ...extras].map((e) => ({ task_type: e.task_type, key: e.key, variant: e.variant, metric_name: e.metric_name })),
    // The entries are new objects after every catalog fetch; their ids say whether anything changed.
    [task, keysId],
  );

  const [pickerOpen, setPickerOpen] = useState(extras.length > 0);
  // The primary leaderboard whole; the extra columns as ids and values only.
  const extraKeys = useMemo(() => keys.slice(1), [keys]);
  const primaryResult = useLeaderboard(keys[0]);
  const verifiedOnly = params.get('verified') === '1';
  const hideCommunity = params.get('nocommunity') === '1';
  const baseModelsOnly = params.get('base') === '1';
  const provenance = useMemo(
    () => ({ verified_only: verifiedOnly, include_community: !hideCommunity, base_models_only: baseModelsOnly }),
    [verifiedOnly, hideCommunity, baseModelsOnly],
  );
  const extraResults = useLeaderboardValues(extraKeys, provenance);
  const results = [primaryResult, ...extraResults];
  const loading = results.some((r) => r.isPending);
  const fetching = results.some((r) => r.isFetching);
  const error = results.find((r) => r.error)?.error;
  // With provenance filters, the extra columns hold only the values that pass them (filtered on the
  // server), and a mean is formed from passing primary results too: it never includes a value the
  // filters hide. Ranked by the primary board alone, its rows keep their ranks and are filtered below.
  const primaryBoard = useMemo(() => {
    const board = primaryResult.data;
    if (!board || mode !== 'mean' || !hasProvenanceFilters(provenance)) return board;
    return { ...board, entries: board.entries.filter((e) => resultPasses(e.primary_metric, e.model_info, provenance)) };
  }, [primaryResult.data, mode, provenance]);
  const extraValues = useSameArray(extraResults.every((r) => r.data) ? extraResults.map((r) => r.data!) : undefined);
  const boards = useMemo(
    () => (primaryBoard && extraValues ? [primaryBoard, ...extraValues.map((v) => boardFromValues(v, primaryBoard))] : undefined),
    [primaryBoard, extraValues],
  );
  const stale = boards !== undefined && boards.some((b, i) => b.key !== keys[i]?.key);

  const built = useMemo(() => (boards && !stale ? buildLeaderboardRows(boards, { mode, complete }) : undefined), [boards, stale, mode, complete]);

  const [search, setSearch] = useDebouncedParam('q', params.get('q') ?? '');
  const family = params.get('family') ?? '';
  const [minText, setMinText] = useDebouncedParam('pmin', params.get('pmin') ?? '', 350);
  const [maxText, setMaxText] = useDebouncedParam('pmax', params.get('pmax') ?? '', 350);
  const minParams = parseParams(params.get('pmin') ?? '');
  const maxParams = parseParams(params.get('pmax') ?? '');
  const minBad = minText.trim() !== '' && parseParams(minText) === undefined;
  const maxBad = maxText.trim() !== '' && parseParams(maxText) === undefined;
  const rangeBad = minParams !== undefined && maxParams !== undefined && minParams > maxParams;

  const families = useMemo(() => {
    const counts = new Map<string, number>();
    for (const r of built?.rows ?? []) counts.set(r.info.model_family, (counts.get(r.info.model_family) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }, [built]);

  const benchmarkCatalog = useBenchmarkCatalog();
  // The benchmark's own name and description, from its eval.yaml on the Hub, where a crawl read it.
  const about = benchmarkCatalog.data?.benchmarks.find((b) => b.leaderboards.some((l) => l.key === primary.key));
  const tagFilters = useMemo(() => modelTagFiltersFrom(params), [params]);
  const tagFiltersOn = hasModelTagFilters(tagFilters);
  const tagLists = useMemo(() => (built?.rows ?? []).map((r) => r.info.tags), [built]);

  const filtered = useMemo(() => {
    if (!built) return [];
    const rows = filterRows(built.rows, { search: params.get('q') ?? '', family: family || undefined, minParams, maxParams: rangeBad ? undefined : maxParams, ...provenance });
    return tagFiltersOn ? rows.filter((r) => matchesModelTags(r.info.tags, tagFilters)) : rows;
  }, [built, params, family, minParams, maxParams, rangeBad, tagFilters, tagFiltersOn, provenance]);

  const sortable = new Set(['rank', 'model', 'score', 'params', 'family', 'efficiency', 'downloads', 'likes', 'created', ...(keys.length > 1 ? ['coverage', ...keys.map((_, i) => `b${i}`)] : [])]);
  const sortId = sortable.has(params.get('sort') ?? '') ? params.get('sort')! : 'rank';
  const sorting: SortingState = [{ id: sortId, desc: params.get('desc') === '1' }];
  const onSortingChange = (s: SortingState) => {
    const first = s[0];
    updateParams({ sort: first && first.id !== 'rank' ? first.id : undefined, desc: first?.desc ? '1' : undefined });
  };

  const setBoard = (changes: { task?: string; dataset?: string; metric?: string }) => {
    const next = new URLSearchParams(params);
    if (changes.task !== undefined) {
      // A new task has other benchmarks, families and sizes: start its view clean.
      for (const k of ['dataset', 'metric', 'col', 'rank', 'family', 'sort', 'desc', 'verified', 'nocommunity', 'base', ...MODEL_TAG_PARAMS]) next.delete(k);
      next.set('task', changes.task);
    }
    if (changes.dataset !== undefined) {
      next.set('dataset', changes.dataset);
      next.delete('metric');
      next.delete('col');
    }
    if (changes.metric !== undefined) {
      next.set('metric', changes.metric);
      next.delete('col');
    }
    if (!next.get('task')) next.set('task', task);
    if (!next.get('dataset') && changes.task === undefined) next.set('dataset', primary.variant);
    navigate(hrefFor('leaderboards', next));
  };

  const setExtras = (ids: string[]) => {
    const next = new URLSearchParams(params);
    next.delete('col');
    for (const id of ids) next.append('col', id);
    if (ids.length === 0) next.delete('rank');
    next.set('task', task);
    next.set('dataset', primary.variant);
    next.set('metric', primary.metric_name);
    navigate(hrefFor('leaderboards', next), { replace: true });
  };

  const datasetOptions = datasetsOf(entries).map((d) => ({ value: d, label: d }));
  const metricOptions = entries.filter((e) => e.variant === primary.variant).map((e) => ({ value: e.metric_name, label: `${e.metric_name} ${directionArrow(e.direction)}` }));
  const meanActive = mode === 'mean' && built && !built.meanProblem;
  const scoreLabel = meanActive ? `Mean of ${keys.length} benchmarks` : benchmarkLabel(primary);
  const filtersOn = !!(params.get('q') || family || minParams !== undefined || maxParams !== undefined || tagFiltersOn || verifiedOnly || hideCommunity || baseModelsOnly);

  const doExport = async (rows: LeaderboardRow[], kind: 'csv' | 'json') => {
    const ctx = { boards: keys, scoreLabel, direction, scale: built?.scale };
    const base = `leaderboard-${slug(task)}-${slug(meanActive ? `mean-of-${keys.length}` : benchmarkLabel(primary))}`;
    if (kind === 'csv') downloadFile(`${base}.csv`, await toCsv(rows, ctx), 'text/csv;charset=utf-8');
    else
      downloadFile(
        `${base}.json`,
        toJson(await exportRecords(rows, ctx), {
          task_type: task,
          ranked_by: scoreLabel,
          benchmarks: keys,
          direction,
          complete_results_only: complete,
          filters: { search: params.get('q') || null, family: family || null, min_params: minParams ?? null, max_params: maxParams ?? null, ...provenance, ...tagFilters },
          include_synthetic: prefs.includeSynthetic,
        }),
        'application/json',
      );
  };

  return (
    <div className="stack" style={{ flex: 1 }}>
      <div className="page-title">
        <h1>Leaderboards</h1>
        <span className="muted">
          {task} · {benchmarkLabel(primary)} ·{' '}
          <span title={directionText(direction)}>
            {directionArrow(direction)} {directionText(direction)}
          </span>
        </span>
      </div>
      {about && (about.name !== undefined || about.description !== undefined) && (
        <p className="muted small bench-about" data-testid="benchmark-about">
          <strong>{String(about.name ?? about.id)}</strong>
          {about.description !== undefined ? ` — ${String(about.description)}` : ''}{' '}
          <a href={`https://huggingface.co/datasets/${about.id}`} target="_blank" rel="noopener noreferrer">
            {about.id}
          </a>
        </p>
      )}

      {narrowScreen && (
        <button type="button" className="card phone-controls" aria-expanded={controlsOpen} onClick={() => setControlsOpen(!controlsOpen)} data-testid="phone-controls">
          <span aria-hidden="true">{controlsOpen ? '▾' : '▸'}</span> Leaderboard and filters <span className="muted small">· {`${benchmarkLabel(primary)}${filtersOn ? ' · filtered' : ''}${extras.length > 0 ? ` · +${extras.length} benchmark${extras.length === 1 ? '' : 's'}` : ''}`}</span>
        </button>
      )}
      <section className="card" aria-label="Choose a leaderboard" hidden={narrowScreen && !controlsOpen}>
        <div className="controls">
          <SelectField name="task" label="Task" value={task} options={sel.tasks.map((t) => ({ value: t, label: t }))} onChange={(v) => setBoard({ task: v })} />
          <SelectField name="dataset" label="Dataset" value={primary.variant} options={datasetOptions} onChange={(v) => setBoard({ dataset: v })} />
          <SelectField name="metric" label="Metric" value={primary.metric_name} options={metricOptions} onChange={(v) => setBoard({ metric: v })} />
        </div>

        <details className="bench-picker" open={pickerOpen} onToggle={(e) => setPickerOpen(e.currentTarget.open)}>
          <summary>
            More benchmarks{extras.length > 0 ? ` (${extras.length} added)` : ''} <span className="muted small">— show side by side, rank by their mean</span>
          </summary>
          {candidates.length === 0 ? (
            <p className="muted small">This task has no other benchmark with the same direction and scale.</p>
          ) : (
            <>
              <div className="bench-options" role="group" aria-label="Extra benchmarks">
                {candidates.map((c) => {
                  const id = boardId(c);
                  return (
                    <label key={id}>
                      <input
                        type="checkbox"
                        checked={chosenIds.has(id)}
                        onChange={(e) => setExtras(e.target.checked ? [...extras.map(boardId), id] : extras.map(boardId).filter((x) => x !== id))}
                      />
                      {benchmarkLabel(c)} <span className="muted small">({formatCount(c.total_entries)})</span>
                    </label>
                  );
                })}
              </div>
              <div className="radio-row" role="radiogroup" aria-label="Rank by">
                <span className="muted small">Rank by</span>
                <label className="switch">
                  <input type="radio" name="rank" checked={mode === 'primary'} onChange={() => updateParams({ rank: undefined })} />
                  {benchmarkLabel(primary)}
                </label>
                <label className="switch">
                  <input type="radio" name="rank" checked={mode === 'mean'} disabled={extras.length === 0} onChange={() => updateParams({ rank: 'mean' })} />
                  {extras.length === 0 ? 'Mean of the chosen benchmarks (add one above)' : `Mean of the ${extras.length + 1} chosen benchmarks`}
                </label>
              </div>
              <button type="button" className="small ghost" onClick={() => setExtras(candidates.map(boardId))}>
                Add all
              </button>{' '}
              {extras.length > 0 && (
                <button type="button" className="small ghost" onClick={() => setExtras([])}>
                  Remove all
                </button>
              )}
            </>
          )}
        </details>
      </section>

      <section className="card" aria-label="Filter models" hidden={narrowScreen && !controlsOpen}>
        <div className="filters">
          <label className="field search">
            Search models
            <input type="search" name="search" placeholder="e.g. llama, qwen2.5, vit_base" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          <label className="field family">
            Family
            <select name="family" value={family} onChange={(e) => updateParams({ family: e.target.value })}>
              <option value="">All families</option>
              {families.map(([f, n]) => (
                <option key={f} value={f}>
                  {f} ({n})
                </option>
              ))}
              {family && !families.some(([f]) => f === family) && <option value={family}>{family} (0)</option>}
            </select>
          </label>
          <label className="field param">
            Min params
            <input type="text" name="pmin" inputMode="decimal" placeholder="e.g. 1B" value={minText} aria-invalid={minBad || rangeBad} onChange={(e) => setMinText(e.target.value)} />
          </label>
          <label className="field param">
            Max params
            <input type="text" name="pmax" inputMode="decimal" placeholder="e.g. 70B" value={maxText} aria-invalid={maxBad || rangeBad} onChange={(e) => setMaxText(e.target.value)} />
          </label>
          <ModelTagFilterFields tagLists={tagLists} params={params} />
          <label className="switch" title="Only results verified on the Hub (an auditable run with a valid verify token, or a verified metric)">
            <input type="checkbox" name="verified" checked={verifiedOnly} onChange={(e) => updateParams({ verified: e.target.checked })} />
            Verified only
          </label>
          <label className="switch" title="Leave out results proposed by open pull requests on the model repos (community results)">
            <input type="checkbox" name="nocommunity" checked={hideCommunity} onChange={(e) => updateParams({ nocommunity: e.target.checked })} />
            Hide community results
          </label>
          <label className="switch" title="Only models that declare no base model: no fine-tunes, merges, quantizations or adapters">
            <input type="checkbox" name="base" checked={baseModelsOnly} onChange={(e) => updateParams({ base: e.target.checked })} />
            Base models only
          </label>
          {mode !== 'mean' && (
            <label className="switch" title="Hide models that lack a result on any chosen benchmark">
              <input type="checkbox" name="complete" checked={complete} onChange={(e) => updateParams({ complete: e.target.checked })} />
              Complete results only
            </label>
          )}
          {filtersOn && (
            <button
              type="button"
              className="small"
              onClick={() => updateParams({ q: undefined, family: undefined, pmin: undefined, pmax: undefined, verified: undefined, nocommunity: undefined, base: undefined, ...Object.fromEntries(MODEL_TAG_PARAMS.map((k) => [k, undefined])) })}
            >
              Clear filters
            </button>
          )}
        </div>
        {(minBad || maxBad || rangeBad) && (
          <p className="small" style={{ color: 'var(--bad)', margin: '8px 0 0' }} role="alert">
            {rangeBad ? 'Min params is larger than max params.' : 'Write sizes like 350M, 7B or 1.5e9.'}
          </p>
        )}
        <p className="muted small" style={{ margin: '8px 0 0' }}>
          {keys.length > 1 && mode === 'mean'
            ? `A mean is taken only over models with all ${keys.length} chosen benchmarks${built ? `: ${formatCount(built.excludedIncomplete)} ${built.excludedIncomplete === 1 ? 'model is' : 'models are'} left out for missing one or more` : ''}.`
            : complete
              ? keys.length > 1
                ? `Complete results only: models missing any of the ${keys.length} chosen benchmarks are excluded${built ? ` (${formatCount(built.excludedIncomplete)} hidden)` : ''}.`
                : 'Complete results only takes effect once you add more benchmarks above: models missing any chosen benchmark are then excluded.'
              : 'Size filters leave out models whose parameter count is unknown; suspect sizes (⚠) stay listed but are left out of the Pareto front and efficiency.'}
        </p>
      </section>

      {built?.meanProblem && <div className="callout warn">Ranking by {benchmarkLabel(primary)} instead: {built.meanProblem}.</div>}
      {error ? (
        <ErrorNote error={error} what="this leaderboard" />
      ) : loading || !built ? (
        <Loading what={`${benchmarkLabel(primary)} (${formatCount(primary.total_entries)} models)`} />
      ) : (
        <LeaderboardTable
          rows={filtered}
          boards={keys}
          direction={direction}
          scale={built.scale}
          scoreLabel={scoreLabel}
          sorting={sorting}
          onSortingChange={onSortingChange}
          onOpen={(id) => navigate(hrefFor(`model/${id}`))}
          compare={prefs.compare}
          onToggleCompare={toggleCompare}
          toolbar={(shown) => (
            <>
              <span className="summary-line" aria-live="polite">
                <span data-testid="row-count">
                  Showing <strong>{formatCount(shown.length)}</strong> of {formatCount(built.rows.length)} models
                </span>
                <span>
                  ranked by <strong>{scoreLabel}</strong> ({directionArrow(direction)} {directionText(direction)})
                </span>
                {minParams !== undefined || maxParams !== undefined ? (
                  <span>
                    size {minParams !== undefined ? formatParams(minParams) : '0'}–{maxParams !== undefined ? formatParams(maxParams) : '∞'}
                  </span>
                ) : null}
                {fetching && <span>updating…</span>}
              </span>
              <span className="spacer" />
              {prefs.compare.length > 0 && (
                <a className="button small" href={hrefFor('compare', { ids: prefs.compare.join(',') })}>
                  Compare {prefs.compare.length}
                </a>
              )}
              <button type="button" className="small" onClick={() => void doExport(shown, 'csv')} disabled={shown.length === 0}>
                Export CSV
              </button>
              <button type="button" className="small" onClick={() => void doExport(shown, 'json')} disabled={shown.length === 0}>
                Export JSON
              </button>
            </>
          )}
        />
      )}
      {boards && boards[0] && boards[0].total_entries > boards[0].entries.length && (
        <p className="muted small">
          Showing the first {formatCount(boards[0].entries.length)} of {formatCount(boards[0].total_entries)} entries.
        </p>
      )}
    </div>
  );
}
