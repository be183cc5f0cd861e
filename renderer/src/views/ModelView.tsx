// One model: what it is, every result with its provenance and leaderboard rank, and a link to the Hub
// (or, for a model-zoo model, to its paper, code, config and weights).
import { BackLink, ErrorNote, Loading } from '../components/Feedback';
import { ModelBadges } from '../components/ModelBadges';
import { ProvenanceBadges, SyntheticBadge } from '../components/ProvenanceBadges';
import { useModel, type ModelDetail } from '../lib/api';
import { familySourceLabel } from '../lib/familySourceLabel';
import { DASH, directionArrow, directionText, formatCount, formatDate, formatFlops, formatParams, formatValue, PARAMETER_SOURCE_LABELS } from '../lib/format';
import { hrefFor } from '../lib/hashRoute';
import { MAX_COMPARE, toggleCompare, usePreferences } from '../lib/preferences';

const LINK_WORDS = { paper: 'Paper', code: 'Code', config: 'Config', weights: 'Weights' } as const;

const ORIGINAL_SCALE_WORDS: Record<string, string> = { fraction: 'fraction', percent: '%', points: 'points', raw: '' };

function leaderboardHref(r: { task_type: string; variant: string; metric_name: string }) {
  return hrefFor('leaderboards', { task: r.task_type, dataset: r.variant, metric: r.metric_name });
}

export function ModelView({ id }: { id: string }) {
  const q = useModel(id);
  if (!id) return <div className="card empty">No model id in the address.</div>;
  if (q.isPending) return <Loading what={id} />;
  if (q.error) return <ErrorNote error={q.error} what={`model “${id}”`} back />;
  return <ModelDetails model={q.data} />;
}

function ModelDetails({ model }: { model: ModelDetail }) {
  const prefs = usePreferences();
  const info = model.model_info;
  const inCompare = prefs.compare.includes(info.model_id);
  const rankOf = new Map(model.ranks.map((r) => [r.key, r]));
  const results = [...model.evaluation_results].sort(
    (a, b) => a.task_type.localeCompare(b.task_type) || a.dataset_name.localeCompare(b.dataset_name) || a.metric_name.localeCompare(b.metric_name),
  );
  const anySynthetic = results.some((r) => r.source === 'synthetic');
  const bestRanks = [...model.ranks].sort((a, b) => a.rank / a.total - b.rank / b.total).slice(0, 3);

  return (
    <div className="stack">
      <BackLink />
      <div className="page-title">
        <h1 style={{ overflowWrap: 'anywhere' }}>{info.model_name}</h1>
        <span className="muted mono" style={{ overflowWrap: 'anywhere' }}>
          {info.model_id}
        </span>
        {anySynthetic && <SyntheticBadge />}
        <ModelBadges tags={info.tags} />
      </div>
      <div className="row-wrap">
        {info.hub_url && (
          <a className="button primary" href={info.hub_url} target="_blank" rel="noopener noreferrer">
            Open on Hugging Face <span aria-hidden="true">↗</span>
            <span className="sr-only"> (opens externally)</span>
          </a>
        )}
        {info.links &&
          (Object.keys(LINK_WORDS) as (keyof typeof LINK_WORDS)[])
            .filter((k) => info.links?.[k])
            .map((k, i) => (
              <a key={k} className={`button${i === 0 ? ' primary' : ''}`} href={info.links![k]} target="_blank" rel="noopener noreferrer" data-testid={`model-link-${k}`}>
                {LINK_WORDS[k]} <span aria-hidden="true">↗</span>
                <span className="sr-only"> (opens externally)</span>
              </a>
            ))}
        <button type="button" onClick={() => toggleCompare(info.model_id)} disabled={!inCompare && prefs.compare.length >= MAX_COMPARE} aria-pressed={inCompare}>
          {inCompare ? 'Remove from compare' : prefs.compare.length >= MAX_COMPARE ? `Compare is full (${MAX_COMPARE})` : 'Add to compare'}
        </button>
        {prefs.compare.length > 0 && (
          <a className="button" href={hrefFor('compare', { ids: prefs.compare.join(',') })}>
            Compare {prefs.compare.length} model{prefs.compare.length === 1 ? '' : 's'}
          </a>
        )}
      </div>

      {anySynthetic && (
        <div className="callout warn">
          Some values below are <strong>synthetic</strong>: generated to fill gaps because synthetic data is switched on. They are not measurements.
        </div>
      )}

      <div className="grid-cards">
        <section className="card" aria-labelledby="about-h">
          <h2 id="about-h">About</h2>
          <dl className="facts">
            <dt>Task</dt>
            <dd>{info.task_type}</dd>
            <dt>Family</dt>
            <dd>
              {info.model_family} <span className="muted small" data-testid="family-source">({familySourceLabel(info)})</span>
            </dd>
            <dt>Parameters</dt>
            <dd>
              {info.parameter_count !== undefined ? (
                <>
                  {formatParams(info.parameter_count)}{' '}
                  <span className="muted small">
                    ({formatCount(info.parameter_count)}, from {PARAMETER_SOURCE_LABELS[info.parameter_source] ?? info.parameter_source})
                  </span>
                  {info.parameter_suspect && (
                    <div className="suspect-note" data-testid="parameter-suspect">
                      ⚠ Suspect size: {info.parameter_suspect}. Kept visible, but left out of the Pareto front and of efficiency.
                    </div>
                  )}
                </>
              ) : info.metadata_pending ? (
                <span className="muted" data-testid="size-pending">pending: met only on a benchmark leaderboard; its size, family and date are read by the next refresh</span>
              ) : (
                <span className="muted">unknown</span>
              )}
            </dd>
            {info.base_models && (
              <>
                <dt>Base model</dt>
                <dd data-testid="base-models">{info.base_models.join(', ')}</dd>
              </>
            )}
            {info.flops !== undefined && (
              <>
                <dt>FLOPs</dt>
                <dd>
                  {formatFlops(info.flops)} <span className="muted small">(as the model zoo states it)</span>
                </dd>
              </>
            )}
            <dt>Library</dt>
            <dd>{info.library_name ?? DASH}</dd>
            <dt>License</dt>
            <dd>{info.license ?? DASH}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="hub-h">
          <h2 id="hub-h">{info.model_zoo ? 'From a model zoo' : 'On the Hub'}</h2>
          <dl className="facts">
            {info.model_zoo && (
              <>
                <dt>Zoo</dt>
                <dd data-testid="model-zoo">{info.model_zoo}</dd>
                <dt>On the Hub</dt>
                <dd className="muted">not a Hub repository</dd>
              </>
            )}
            <dt>Created</dt>
            <dd>{formatDate(info.created_at)}</dd>
            <dt>Last modified</dt>
            <dd>{formatDate(info.last_modified)}</dd>
            <dt>Downloads</dt>
            <dd>{formatCount(info.downloads)}</dd>
            <dt>Likes</dt>
            <dd>{formatCount(info.likes)}</dd>
            <dt>Tags</dt>
            <dd>
              {info.tags.length ? (
                <span className="tags">
                  {info.tags.slice(0, 12).map((t) => (
                    <span className="badge" key={t}>
                      {t}
                    </span>
                  ))}
                  {info.tags.length > 12 && <span className="muted small">+{info.tags.length - 12}</span>}
                </span>
              ) : (
                DASH
              )}
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="ranks-h">
          <h2 id="ranks-h">Best ranks</h2>
          {bestRanks.length === 0 ? (
            <p className="muted">Not ranked on any leaderboard.</p>
          ) : (
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {bestRanks.map((r) => (
                <li key={r.key}>
                  <strong>#{r.rank}</strong> of {formatCount(r.total)} on <a href={leaderboardHref(r)}>{r.variant}</a>{' '}
                  <span className="muted small">{r.metric_name}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="results-h">
        <header className="row-wrap">
          <h2 id="results-h">Results ({results.length})</h2>
          <span className="muted small">Values in the metric’s canonical scale; the original column shows what the source published.</span>
        </header>
        {results.length === 0 ? (
          <p className="muted">No evaluation results are known for this model.</p>
        ) : (
          <div className="table-wrap">
            <table className="plain stacked" aria-describedby="results-h">
              <thead>
                <tr>
                  <th scope="col">Benchmark</th>
                  <th scope="col">Metric</th>
                  <th scope="col" className="num">
                    Value
                  </th>
                  <th scope="col" className="num">
                    Rank
                  </th>
                  <th scope="col">Original</th>
                  <th scope="col">Provenance</th>
                </tr>
              </thead>
              <tbody>
                {results.map((r, i) => {
                  const rank = r.key ? rankOf.get(r.key) : undefined;
                  return (
                    <tr key={i} data-testid="result-row">
                      <td data-label="Benchmark">
                        <div>
                          <div>{r.dataset_name}</div>
                          <div className="muted small">
                            {[r.dataset_type !== r.dataset_name ? r.dataset_type : undefined, r.dataset_config, r.dataset_split !== 'unspecified' ? r.dataset_split : undefined, r.setup]
                              .filter(Boolean)
                              .join(' · ')}
                          </div>
                        </div>
                      </td>
                      <td data-label="Metric">
                        <span>
                          {r.metric_name}{' '}
                          <span className="muted" title={directionText(r.direction)}>
                            {directionArrow(r.direction)}
                            <span className="sr-only"> {directionText(r.direction)}</span>
                          </span>
                        </span>
                      </td>
                      <td className="num" data-label="Value">
                        <strong>{formatValue(r.value, r.scale)}</strong>
                        {r.setup?.includes('leaderboard-normalized') && <div className="muted small">leaderboard-normalized (0–100)</div>}
                        {r.direction === 'unknown' && <div className="muted small">direction unknown: not ranked</div>}
                        {r.other_sources && r.other_sources.length > 0 && (
                          <div className="muted small" data-testid="other-sources">
                            also: {r.other_sources.map((o) => `${o.source_name ?? o.source} ${formatValue(o.value, r.scale)}`).join('; ')}
                          </div>
                        )}
                      </td>
                      <td className="num nowrap" data-label="Rank">
                        {rank ? (
                          <a href={leaderboardHref(rank)} title={`Open the ${r.dataset_name} · ${r.metric_name} leaderboard`}>
                            #{rank.rank} <span className="muted small">/ {formatCount(rank.total)}</span>
                          </a>
                        ) : (
                          DASH
                        )}
                      </td>
                      <td className="nowrap muted" data-label="Original" title={`Published as ${r.original_value} (${r.original_scale})`}>
                        <span>
                          {Number(r.original_value.toPrecision(6))}
                          {r.original_scale === 'percent' ? '%' : ` ${ORIGINAL_SCALE_WORDS[r.original_scale]}`}
                        </span>
                      </td>
                      <td data-label="Provenance">
                        <ProvenanceBadges result={r} detailed />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
