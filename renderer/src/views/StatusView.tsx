// Data status: where the data comes from and how old it is, its sources and licenses, refreshing
// from the Hub with live progress, the last error in words, exporting and importing snapshot files,
// importing model-zoo metafiles, and the display settings.
import { describeError, ErrorNote, Loading } from '../components/Feedback';
import { MetafilesCard } from '../components/MetafilesCard';
import { SnapshotsCard } from '../components/SnapshotsCard';
import { useApi, useCacheStatus, useStartRefresh, type CacheStatus, type RefreshProgress } from '../lib/api';
import { formatAge, formatCount, formatDate } from '../lib/format';
import { describeBenchmarkProgress } from '../../../src/cache/describeProgress';
import { setPreferences, usePreferences, type ThemePreference } from '../lib/preferences';
import { applyTheme } from '../lib/theme';

const SOURCE_WORDS: Record<CacheStatus['source'], string> = {
  snapshot: 'Bundled snapshot',
  hub: 'Hugging Face Hub (live fetch)',
  import: 'Imported snapshot file',
};

export function progressFraction(p: RefreshProgress | null | undefined): number | undefined {
  if (!p) return undefined;
  if (p.phase === 'processing') return 0.92;
  if (p.phase === 'saving') return 0.97;
  if (p.tasks_total <= 0) return undefined;
  return Math.min(0.9, ((p.tasks_done + p.tasks_failed) / p.tasks_total) * 0.9);
}

export function RefreshProgressBar({ progress }: { progress: RefreshProgress | null }) {
  const f = progressFraction(progress);
  const label = progress
    ? `${progress.phase === 'fetching' ? 'Fetching from the Hub' : progress.phase === 'processing' ? 'Processing' : 'Saving'} — ${progress.tasks_done + progress.tasks_failed}/${progress.tasks_total} tasks, ${formatCount(progress.pages)} pages, ${formatCount(progress.models)} models${describeBenchmarkProgress(progress, ', ')}`
    : 'Starting…';
  return (
    <div className="stack" style={{ gap: 6 }}>
      <div
        className={`progress${f === undefined ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label="Refresh progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={f === undefined ? undefined : Math.round(f * 100)}
        aria-valuetext={label}
      >
        <span style={{ width: `${Math.max(3, Math.round((f ?? 0) * 100))}%` }} />
      </div>
      <div className="small" data-testid="refresh-progress-text">
        {label}
        {progress?.current_tasks.length ? <span className="muted"> · now: {progress.current_tasks.join(', ')}</span> : null}
      </div>
      {progress?.message && <div className="small muted">{progress.message}</div>}
      {progress?.waiting_ms ? <div className="small muted">Waiting {Math.ceil(progress.waiting_ms / 1000)} s for the Hub’s rate limit.</div> : null}
    </div>
  );
}

export function StatusView() {
  const status = useCacheStatus();
  const start = useStartRefresh();
  const { transport } = useApi();
  const prefs = usePreferences();

  if (status.isPending) return <Loading what="the data status" />;
  if (status.error) return <ErrorNote error={status.error} what="the data status" />;
  const s = status.data;
  const running = s.refresh_in_progress;
  const outcome = s.last_outcome;

  return (
    <div className="stack">
      <div className="page-title">
        <h1>Data status</h1>
        <span className="muted">version {s.dataset_version}</span>
      </div>

      <div className="grid-cards">
        <section className="card" aria-labelledby="src-h">
          <h2 id="src-h">Source</h2>
          <p style={{ margin: 0 }} data-testid="data-source">
            <strong>{SOURCE_WORDS[s.source]}</strong>
          </p>
          <p className="muted small" style={{ margin: '4px 0 0' }}>
            {formatCount(s.data_count)} models · {formatCount(s.result_count)} results
          </p>
        </section>
        <section className="card" aria-labelledby="age-h">
          <h2 id="age-h">Age</h2>
          {s.source === 'hub' || s.sources.filter((x) => x.date).length < 2 ? (
            <p style={{ margin: 0 }}>
              Data of <strong>{formatDate(s.last_updated)}</strong> <span className="muted">({formatAge(s.last_updated)})</span>
            </p>
          ) : (
            <ul className="plain-list" style={{ margin: 0 }} data-testid="source-ages">
              {s.sources
                .filter((x) => x.date)
                .map((x, i) => (
                  <li key={`${x.name}-${i}`}>
                    {x.name}: data of <strong>{formatDate(x.date)}</strong> <span className="muted">({formatAge(x.date)})</span>
                  </li>
                ))}
            </ul>
          )}
          <p className="small" style={{ margin: '4px 0 0' }}>
            {s.stale ? (
              <span className="badge warn">stale</span>
            ) : (
              <span className="badge ok">fresh</span>
            )}{' '}
            <span className="muted">
              {s.last_refresh_at ? `last refresh ${formatAge(s.last_refresh_at)}` : 'never refreshed from the Hub'}
              {s.expires_at ? ` · stale ${formatAge(s.expires_at)}` : ''} · TTL {s.ttl_minutes} min
            </span>
          </p>
        </section>
        <section className="card" aria-labelledby="mode-h">
          <h2 id="mode-h">Mode</h2>
          <p style={{ margin: 0 }} data-testid="offline-mode">
            {s.offline ? (
              <>
                <span className="badge warn">offline</span> The Hub is not contacted; refreshing is off.
              </>
            ) : (
              <>
                <span className="badge ok">online</span> Refreshes from the Hub when asked or when stale.
              </>
            )}
          </p>
          <p className="muted small" style={{ margin: '4px 0 0' }}>
            Connected over {transport === 'ipc' ? 'the desktop app’s IPC channel' : 'HTTP to the local service'}.
          </p>
        </section>
      </div>

      <section className="card" aria-labelledby="refresh-h">
        <header className="row-wrap">
          <h2 id="refresh-h">Refresh from the Hub</h2>
          <span className="spacer" />
          <button type="button" className="primary" onClick={() => start.mutate()} disabled={running || s.offline || start.isPending} title={s.offline ? 'Offline mode: the Hub is not contacted' : undefined}>
            {running ? 'Refreshing…' : 'Refresh now'}
          </button>
        </header>
        {running ? (
          <RefreshProgressBar progress={s.progress} />
        ) : (
          <p className="muted small" style={{ margin: 0 }}>
            {s.offline
              ? 'Offline mode is on, so the data stays as it is. Start the app without OFFLINE=1 to refresh.'
              : 'Fetches current model cards for the configured tasks; the data shown now stays available until the new data is ready.'}
          </p>
        )}
        {start.data && !start.data.started && !running && <p className="small">{start.data.message}</p>}
        {start.error && (
          <p className="small" role="alert" style={{ color: 'var(--bad)' }}>
            {describeError(start.error)}
          </p>
        )}
        {s.last_error && (
          <div className="callout bad" role="alert" style={{ marginTop: 10 }} data-testid="last-error">
            <strong>Last refresh problem:</strong> {s.last_error}
            {outcome?.status === 'failed' ? ' The previous data is still being served.' : ''}
          </div>
        )}
        {outcome && (
          <p className="small muted" style={{ margin: '10px 0 0' }} data-testid="last-outcome">
            Last refresh: <strong>{outcome.status}</strong> {formatAge(outcome.at)}
            {outcome.models !== undefined ? ` · ${formatCount(outcome.models)} models` : ''}
            {outcome.results !== undefined ? `, ${formatCount(outcome.results)} results` : ''}
            {outcome.failed_tasks.length ? ` · failed: ${outcome.failed_tasks.map((f) => f.task).join(', ')}` : ''}
          </p>
        )}
        {outcome && outcome.failed_tasks.length > 0 && (
          <details className="small" style={{ marginTop: 6 }} data-testid="failed-tasks">
            <summary>Details per task ({outcome.failed_tasks.length})</summary>
            <ul style={{ margin: '6px 0 0' }}>
              {outcome.failed_tasks.map((f) => (
                <li key={f.task}>
                  <strong>{f.task}</strong>: {f.reason}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <SnapshotsCard refreshing={running} />

      <MetafilesCard refreshing={running} />

      <section className="card" aria-labelledby="sources-h">
        <h2 id="sources-h">Sources and licenses</h2>
        <div className="table-wrap">
          <table className="plain">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">License</th>
                <th scope="col">Data of</th>
                <th scope="col" className="num">
                  Models
                </th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {s.sources.map((src, i) => (
                <tr key={`${src.name}-${i}`}>
                  <td>
                    {src.url ? (
                      <a href={src.url} target="_blank" rel="noopener noreferrer">
                        {src.name}
                      </a>
                    ) : (
                      src.name
                    )}
                  </td>
                  <td>{src.license ?? <span className="muted">see the source</span>}</td>
                  <td className="nowrap">{formatDate(src.date)}</td>
                  <td className="num">{formatCount(src.model_count)}</td>
                  <td>{src.file ? <code>{src.file}</code> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {s.community_evals && (
          <p className="small" data-testid="community-evals-report" style={{ margin: '10px 0 0' }}>
            Benchmarks: {formatCount(s.community_evals.benchmarks_read)} of {formatCount(s.community_evals.benchmarks_listed)} read
            {s.community_evals.without_eval_yaml ? ` (${formatCount(s.community_evals.without_eval_yaml)} without eval.yaml)` : ''},{' '}
            {formatCount(s.community_evals.leaderboard_rows)} leaderboard rows
            {Object.keys(s.community_evals.skipped).length > 0
              ? `; not used: ${Object.entries(s.community_evals.skipped).map(([k, n]) => `${formatCount(n)} ${k.replace(/_/g, ' ')}`).join(', ')}`
              : ''}
            {s.community_evals.models_pending > 0
              ? `. ${formatCount(s.community_evals.models_pending)} models met only on leaderboards still wait for their metadata (the next refresh continues).`
              : '.'}
            {s.community_evals.failed.length > 0 && <span className="bad"> Failed: {s.community_evals.failed.map((f) => `${f.benchmark} (${f.reason})`).join('; ')}.</span>}
          </p>
        )}
        {s.recovered.length > 0 && (
          <div className="callout warn" style={{ marginTop: 10 }}>
            {s.recovered.map((r) => (
              <div key={r.file + r.at}>
                {r.file} could not be read ({r.reason}){r.movedTo ? `; it was moved to ${r.movedTo}` : ''}.
              </div>
            ))}
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="settings-h">
        <h2 id="settings-h">Display</h2>
        <div className="stack" style={{ gap: 10 }}>
          <label className="switch">
            <input type="checkbox" name="include-synthetic" checked={prefs.includeSynthetic} onChange={(e) => setPreferences({ includeSynthetic: e.target.checked })} />
            <span>
              Include <strong>synthetic</strong> fill-ins for models without results{' '}
              <span className="muted small">(generated, not measured; every such value is marked “synthetic”)</span>
            </span>
          </label>
          <label className="field" style={{ maxWidth: 220 }}>
            Theme
            <select
              value={prefs.theme}
              onChange={(e) => {
                const theme = e.target.value as ThemePreference;
                setPreferences({ theme });
                applyTheme(theme);
              }}
            >
              <option value="system">Follow the system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
        </div>
      </section>
    </div>
  );
}
