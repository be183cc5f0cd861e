// The explorer's shell: header with navigation and data status, the synthetic-data banner, and the
// view the hash route names.
import { useQueryClient } from '@tanstack/react-query';
import { Component, lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { BackLink, describeError, Loading } from './components/Feedback';
import { useCacheStatus, useRefreshEvents } from './lib/api';
import { describeDataAge, formatAge } from './lib/format';
import { hrefFor, useRoute } from './lib/hashRoute';
import { setPreferences, usePreferences } from './lib/preferences';
import { cycleTheme } from './lib/theme';
import { CompareView } from './views/CompareView';
import { LeaderboardView } from './views/LeaderboardView';
import { ModelView } from './views/ModelView';
import { StatusView } from './views/StatusView';

const ChartsView = lazy(() => import('./views/ChartsView'));

class ViewBoundary extends Component<{ children: ReactNode; resetKey: string }, { error?: unknown }> {
  override state: { error?: unknown } = {};
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }
  override render() {
    if (this.state.error) {
      return (
        <div className="stack" style={{ gap: 8 }}>
          <BackLink />
          <div className="callout bad" role="alert">
            <strong>This view failed.</strong> {describeError(this.state.error)}
          </div>
        </div>
      );
    }
    return this.props.children;
  }
}

const THEME_LABEL = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' } as const;
const THEME_ICON = { system: '◐', light: '☀', dark: '☾' } as const;

function DataChip() {
  const status = useCacheStatus();
  const s = status.data;
  if (!s) return null;
  const cls = s.refresh_in_progress ? 'busy' : s.stale ? 'stale' : '';
  // Hub data is as old as its fetch; a snapshot is as old as each of its sources.
  const age = s.source === 'hub' ? { short: formatAge(s.last_updated), perSource: [] } : describeDataAge(s.sources, s.last_updated);
  const text = s.refresh_in_progress
    ? 'Refreshing…'
    : `${s.source === 'hub' ? 'Hub data' : s.source === 'import' ? 'Imported data' : 'Snapshot'} · ${age.short}${s.offline ? ' · offline' : ''}`;
  const title = [`${s.data_count.toLocaleString('en')} models${s.stale ? ' · stale' : ''}`, ...age.perSource, ...(s.last_error ? [`last refresh problem: ${s.last_error}`] : [])].join('\n');
  return (
    <a className="status-chip" href={hrefFor('status')} title={title} data-testid="data-chip">
      <span className={`dot ${cls}`} aria-hidden="true" />
      <span>{text}</span>
      {s.last_error && <span className="badge bad">!</span>}
    </a>
  );
}

export function App() {
  const route = useRoute();
  const prefs = usePreferences();
  const queryClient = useQueryClient();
  useRefreshEvents(queryClient);
  const mainRef = useRef<HTMLElement>(null);

  const view = route.segments[0] ?? 'leaderboards';
  const params = route.params;

  // Moving to another view puts keyboard focus at its start, as a page load would.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
    window.scrollTo({ top: 0 });
  }, [view, view === 'model' ? route.segments.slice(1).join('/') : '']);

  // A title per view, for history, tabs and screen readers.
  useEffect(() => {
    const names: Record<string, string> = { leaderboards: 'Leaderboards', compare: 'Compare', charts: 'Charts', status: 'Data status' };
    const what = view === 'model' ? route.segments.slice(1).join('/') : (names[view] ?? 'Not found');
    document.title = `${what} — ML Benchmark Explorer`;
  }, [view, route.segments]);

  // Charts and leaderboards share the chosen benchmark, so moving between them keeps it.
  const boardParams = params.get('task') ? { task: params.get('task'), dataset: params.get('dataset'), metric: params.get('metric') } : undefined;
  const nav: { id: string; label: ReactNode; href: string }[] = [
    { id: 'leaderboards', label: 'Leaderboards', href: hrefFor('leaderboards', view === 'charts' ? boardParams : undefined) },
    {
      id: 'compare',
      label: (
        <>
          Compare{prefs.compare.length > 0 && <span className="count-pill">{prefs.compare.length}</span>}
        </>
      ),
      href: hrefFor('compare', prefs.compare.length ? { ids: prefs.compare.join(',') } : undefined),
    },
    { id: 'charts', label: 'Charts', href: hrefFor('charts', view === 'leaderboards' ? boardParams : undefined) },
    { id: 'status', label: 'Data status', href: hrefFor('status') },
  ];

  let content: ReactNode;
  if (view === 'leaderboards') content = <LeaderboardView params={params} />;
  else if (view === 'model') content = <ModelView id={route.segments.slice(1).join('/')} />;
  else if (view === 'compare') content = <CompareView params={params} />;
  else if (view === 'charts')
    content = (
      <Suspense fallback={<Loading what="charts" />}>
        <ChartsView params={params} />
      </Suspense>
    );
  else if (view === 'status') content = <StatusView />;
  else
    content = (
      <div className="stack" style={{ gap: 8 }}>
        <BackLink />
        <div className="card empty">
          Nothing at this address. Go to the <a href={hrefFor('leaderboards')}>leaderboards</a>.
        </div>
      </div>
    );

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        Skip to content
      </a>
      <header className="app-header">
        <a className="brand" href={hrefFor('leaderboards')}>
          <span className="brand-mark" aria-hidden="true" />
          ML Benchmark Explorer
        </a>
        <nav className="nav" aria-label="Views">
          {nav.map((n) => (
            <a key={n.id} href={n.href} aria-current={view === n.id ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        <div className="header-end">
          <DataChip />
          <button type="button" className="ghost" onClick={cycleTheme} aria-label={`${THEME_LABEL[prefs.theme]} (click to change)`} title={`${THEME_LABEL[prefs.theme]} — click to change`}>
            <span aria-hidden="true">{THEME_ICON[prefs.theme]}</span>
            <span className="small">{prefs.theme}</span>
          </button>
        </div>
      </header>
      {prefs.includeSynthetic && (
        <div className="synthetic-banner" role="status">
          <span className="badge synthetic">synthetic</span>
          <span>Synthetic fill-ins are switched on: models without results get generated values. They are not measurements and are marked “synthetic”.</span>
          <button type="button" className="small" onClick={() => setPreferences({ includeSynthetic: false })}>
            Hide synthetic values
          </button>
        </div>
      )}
      <main id="main" ref={mainRef} tabIndex={-1} style={{ outline: 'none' }}>
        <ViewBoundary resetKey={view}>{content}</ViewBoundary>
      </main>
    </>
  );
}
