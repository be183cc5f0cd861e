// One model: what it is, every result with its provenance and leaderboard rank, and a link to the Hub.
import { BackLink, ErrorNote, Loading } from '../components/Feedback';
import { ProvenanceBadges, SyntheticBadge } from '../components/ProvenanceBadges';
import { useModel, type ModelDetail } from '../lib/api';
import { DASH, directionArrow, directionText, formatCount, formatDate, formatParams, formatValue } from '../lib/format';
import { hrefFor } from '../lib/hashRoute';
import { MAX_COMPARE, toggleCompare, usePreferences } from '../lib/preferences';

const ORIGINAL_SCALE_WORDS: Record<string, string> = { fraction: 'fraction', percent: '%', points: 'points', raw: '' };

function leaderboardHref(r: { task_type: string; dataset_name: string; metric_name: string }) {
  return hrefFor('leaderboards', { task: r.task_type, dataset: r.dataset_name, metric: r.metric_name });
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
  const rankOf = new Map(model.ranks.map((r) => [`${r.task_type}\u0000${r.dataset_name}\u0000${r.metric_name}`, r]));
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
      </div>
      <div className="row-wrap">
        <a className="button primary" href={info.hub_url} target="_blank" rel="noopener noreferrer">
          Open on Hugging Face <span aria-hidden="true">↗</span>
          <span className="sr-only"> (opens externally)</span>
        </a>
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
              {info.model_family} <span className="muted small">(from {info.family_source})</span>
            </dd>
            <dt>Parameters</dt>
            <dd>
              {info.parameter_count !== undefined ? (
                <>
                  {formatParams(info.parameter_count)} <span className="muted small">({formatCount(info.parameter_count)}, from {info.parameter_source})</span>
                </>
              ) : (
                <span className="muted">unknown</span>
              )}
            </dd>
            <dt>Library</dt>
            <dd>{info.library_name ?? DASH}</dd>
            <dt>License</dt>
            <dd>{info.license ?? DASH}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="hub-h">
          <h2 id="hub-h">On the Hub</h2>
          <dl className="facts">
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
                <li key={`${r.dataset_name}/${r.metric_name}`}>
                  <strong>#{r.rank}</strong> of {formatCount(r.total)} on <a href={leaderboardHref(r)}>{r.dataset_name}</a>{' '}
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
                  const rank = rankOf.get(`${r.task_type}\u0000${r.dataset_name}\u0000${r.metric_name}`);
                  return (
                    <tr key={i} data-testid="result-row">
                      <td data-label="Benchmark">
                        <div>
                          <div>{r.dataset_name}</div>
                          <div className="muted small">
                            {[r.dataset_type !== r.dataset_name ? r.dataset_type : undefined, r.dataset_config, r.dataset_split !== 'unspecified' ? r.dataset_split : undefined]
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
