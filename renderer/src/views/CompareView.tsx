// Up to four models side by side: facts, then every benchmark any of them has, best value highlighted
// in the metric's own direction.
import { keyOfResult } from '../../../src/analytics/indexResults';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { describeError } from '../components/Feedback';
import { ModelBadges } from '../components/ModelBadges';
import { SyntheticBadge } from '../components/ProvenanceBadges';
import { useModelSearch, useModelsById, type ModelDetail } from '../lib/api';
import { DASH, directionArrow, directionText, formatCount, formatDate, formatParams, formatValue } from '../lib/format';
import { hrefFor, navigate } from '../lib/hashRoute';
import { MAX_COMPARE, setPreferences, usePreferences } from '../lib/preferences';
import type { EvaluationResult } from '../../../src/schemas/benchmarkSchemas';

interface BenchRow {
  key: string;
  task_type: string;
  dataset_name: string;
  /** What sets the measurement apart beyond dataset and metric (config, split, setup), for display. */
  detail: string;
  metric_name: string;
  direction: EvaluationResult['direction'];
  cells: (EvaluationResult | undefined)[];
  best: number | undefined;
}

/**
 * Every measurement any model has (by its key: a raw score and a leaderboard's normalized score of one
 * benchmark are two rows, never one), with each model's result and the best value among them.
 */
export function compareRows(models: readonly (ModelDetail | undefined)[]): BenchRow[] {
  const rows = new Map<string, BenchRow>();
  models.forEach((m, i) => {
    for (const r of m?.evaluation_results ?? []) {
      const key = keyOfResult(r);
      let row = rows.get(key);
      if (!row) {
        const detail = [r.dataset_config, r.dataset_split !== 'unspecified' ? r.dataset_split : undefined, r.setup].filter(Boolean).join(' · ');
        row = { key, task_type: r.task_type, dataset_name: r.dataset_name, detail, metric_name: r.metric_name, direction: r.direction, cells: new Array(models.length).fill(undefined), best: undefined };
        rows.set(key, row);
      }
      row.cells[i] ??= r;
    }
  });
  for (const row of rows.values()) {
    const values = row.cells.filter((c): c is EvaluationResult => !!c).map((c) => c.value);
    // "Best" only means something when at least two models can be compared.
    if (values.length >= 2 && row.direction !== 'unknown') row.best = row.direction === 'higher' ? Math.max(...values) : Math.min(...values);
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.cells.filter(Boolean).length - a.cells.filter(Boolean).length ||
      a.task_type.localeCompare(b.task_type) ||
      a.dataset_name.localeCompare(b.dataset_name) ||
      a.detail.localeCompare(b.detail) ||
      a.metric_name.localeCompare(b.metric_name),
  );
}

export function CompareView({ params }: { params: URLSearchParams }) {
  const prefs = usePreferences();
  const fromUrl = params.get('ids');
  const ids = (fromUrl !== null ? fromUrl.split(',').filter(Boolean) : prefs.compare).slice(0, MAX_COMPARE);

  // The address is the truth for this view; keep the tray in step with it.
  useEffect(() => {
    if (fromUrl !== null && ids.join(',') !== prefs.compare.join(',')) setPreferences({ compare: ids });
  }, [fromUrl]);

  const setIds = (next: string[]) => {
    setPreferences({ compare: next });
    navigate(hrefFor('compare', { ids: next.join(',') }), { replace: true });
  };

  const queries = useModelsById(ids);
  const models = queries.map((q) => q.data);
  const rows = compareRows(models);

  return (
    <div className="stack">
      <div className="page-title">
        <h1>Compare models</h1>
        <span className="muted">
          up to {MAX_COMPARE}; the best value in each row is highlighted (↑ higher is better, ↓ lower is better)
        </span>
      </div>

      <section className="card" aria-label="Choose models">
        <ModelPicker ids={ids} onAdd={(id) => setIds([...ids, id])} />
        {ids.length > 0 && (
          <div className="chips" style={{ marginTop: 10 }}>
            {ids.map((id) => (
              <span className="chip" key={id}>
                <span title={id}>{id}</span>
                <button type="button" aria-label={`Remove ${id}`} onClick={() => setIds(ids.filter((x) => x !== id))}>
                  ×
                </button>
              </span>
            ))}
          </div>
        )}
      </section>

      {ids.length === 0 ? (
        <div className="card empty">
          Pick models above, tick them in a <a href={hrefFor('leaderboards')}>leaderboard</a>, or use “Add to compare” on a model page.
        </div>
      ) : (
        <section className="card" aria-label="Comparison">
          {queries.some((q) => q.error) && (
            <div className="callout bad" role="alert" style={{ marginBottom: 10 }}>
              {queries.map((q, i) => (q.error ? <div key={ids[i]}>{`${ids[i]}: ${describeError(q.error)}`}</div> : null))}
            </div>
          )}
          <div className="table-wrap">
            <table className="plain compare-table">
              <thead>
                <tr>
                  <th scope="col">Benchmark</th>
                  {ids.map((id, i) => (
                    <th scope="col" key={id} className="num" style={{ minWidth: 130 }}>
                      <a href={hrefFor(`model/${id}`)} title={id} style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>
                        {models[i]?.model_info.model_name ?? id}
                      </a>
                      {models[i] && (
                        <div className="badges">
                          <ModelBadges tags={models[i]!.model_info.tags} />
                        </div>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <FactRow label="Parameters" models={models} get={(m) => formatParams(m.model_info.parameter_count)} />
                <FactRow label="Family" models={models} get={(m) => m.model_info.model_family} />
                <FactRow label="Task" models={models} get={(m) => m.model_info.task_type} />
                <FactRow label="Created" models={models} get={(m) => formatDate(m.model_info.created_at)} />
                <FactRow label="Downloads" models={models} get={(m) => formatCount(m.model_info.downloads)} />
                <FactRow label="Likes" models={models} get={(m) => formatCount(m.model_info.likes)} />
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">
                      {row.dataset_name}
                      {row.detail && <div className="muted small">{row.detail}</div>}
                      <div className="muted small">
                        {row.metric_name} <span title={directionText(row.direction)}>{directionArrow(row.direction)}</span>
                        <span className="sr-only"> {directionText(row.direction)}</span>
                      </div>
                    </th>
                    {row.cells.map((c, i) => {
                      const best = c !== undefined && row.best !== undefined && c.value === row.best;
                      return (
                        <td key={ids[i]} className={`num${best ? ' best' : ''}`} data-best={best || undefined}>
                          {c ? formatValue(c.value, c.scale) : <span className="muted">{DASH}</span>}
                          {best && <span className="sr-only"> (best)</span>}
                          {c?.source === 'synthetic' && (
                            <>
                              {' '}
                              <SyntheticBadge />
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length === 0 && queries.every((q) => !q.isPending) && <p className="muted">None of these models has results.</p>}
        </section>
      )}
    </div>
  );
}

function FactRow({ label, models, get }: { label: string; models: (ModelDetail | undefined)[]; get: (m: ModelDetail) => string }) {
  // A fact none of the models has (downloads of snapshot data) is a row of dashes: left out.
  if (models.length > 0 && models.every((m) => m !== undefined && get(m) === DASH)) return null;
  return (
    <tr>
      <th scope="row" className="muted">
        {label}
      </th>
      {models.map((m, i) => (
        <td key={i} className="num">
          {m ? get(m) : '…'}
        </td>
      ))}
    </tr>
  );
}

function ModelPicker({ ids, onAdd }: { ids: string[]; onAdd: (id: string) => void }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  useEffect(() => {
    const t = setTimeout(() => setQuery(text), 200);
    return () => clearTimeout(t);
  }, [text]);
  const search = useModelSearch(query);
  const full = ids.length >= MAX_COMPARE;
  // Best matches first (the exact id or name, then names starting with the text), as the server ranks them.
  const items = query.trim().length >= 2 ? (search.data?.items ?? []) : [];
  const open = items.length > 0 && !full && text.trim().length >= 2;
  useEffect(() => setActive(0), [items]);
  const add = (id: string) => {
    if (ids.includes(id)) return;
    onAdd(id);
    setText('');
    setQuery('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const item = items[Math.min(active, items.length - 1)];
      if (item) add(item.model_info.model_id);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setText('');
      setQuery('');
    }
  };
  const optionId = (i: number) => `picker-option-${i}`;
  return (
    <div className="picker">
      <label className="field">
        Add a model
        <input
          type="search"
          role="combobox"
          aria-expanded={open}
          aria-controls="picker-results"
          aria-autocomplete="list"
          aria-activedescendant={open ? optionId(active) : undefined}
          placeholder={full ? `Compare holds ${MAX_COMPARE} models; remove one to add another` : 'Search by id, e.g. qwen2.5-7b or convnext'}
          value={text}
          disabled={full}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </label>
      {open && (
        <ul className="picker-results" id="picker-results" role="listbox" aria-label="Matching models">
          {items.map((m, i) => {
            const id = m.model_info.model_id;
            const added = ids.includes(id);
            return (
              <li
                key={id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                aria-disabled={added || undefined}
                className={i === active ? 'active' : undefined}
                onMouseEnter={() => setActive(i)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => add(id)}
              >
                <span style={{ overflowWrap: 'anywhere' }}>
                  {id} <ModelBadges tags={m.model_info.tags} />
                </span>
                <span className="muted small nowrap">
                  {formatParams(m.model_info.parameter_count)} · {m.model_info.task_type} {added ? '· added' : ''}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {open && <p className="muted small" style={{ margin: '4px 0 0' }}>↑ ↓ to choose, Enter to add, Esc to clear.</p>}
      {query.trim().length >= 2 && search.data && search.data.items.length === 0 && <p className="muted small">No model id contains “{query}”.</p>}
    </div>
  );
}
