// The leaderboard grid: sortable columns (TanStack Table), only visible rows in the DOM (TanStack
// Virtual), one tab stop with arrow-key movement, Enter/Space to open a model.
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
  type Table,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Direction, Scale } from '../../../src/schemas/benchmarkSchemas';
import type { BoardKey, LeaderboardRow } from '../lib/buildLeaderboardRows';
import { EFFICIENCY_DEFINITION } from '../../../src/analytics/efficiencyScore';
import { benchmarkLabel, DASH, directionArrow, directionText, formatCount, formatDate, formatEfficiency, formatParams, formatValue } from '../lib/format';
import { familySourceLabel } from '../lib/familySourceLabel';
import { hrefFor } from '../lib/hashRoute';
import { MAX_COMPARE } from '../lib/preferences';
import { ModelBadges } from './ModelBadges';
import { ResultMarks, SyntheticBadge } from './ProvenanceBadges';

const ROW_HEIGHT = 40;
const NARROW_PX = 700;

export interface LeaderboardTableProps {
  rows: LeaderboardRow[];
  boards: readonly BoardKey[];
  direction: Direction;
  scale: Scale | undefined;
  scoreLabel: string;
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
  onOpen: (id: string) => void;
  compare: readonly string[];
  onToggleCompare: (id: string) => void;
  /** Renders above the grid with the rows exactly as shown (filtered and sorted). */
  toolbar: (shown: LeaderboardRow[]) => ReactNode;
}

interface ColumnMeta {
  width: string;
  /** Width on narrow screens, where only rank, model, score and size stay. */
  narrowWidth?: string;
  num?: boolean;
  title?: string;
  narrowHidden?: boolean;
}

const helper = createColumnHelper<LeaderboardRow>();

/** Columns left out when no row has a value, with how each reads its value. */
const EMPTY_WHEN_ALL_MISSING: [string, (r: LeaderboardRow) => unknown][] = [
  ['params', (r) => r.info.parameter_count],
  ['efficiency', (r) => r.efficiency],
  ['downloads', (r) => r.info.downloads],
  ['likes', (r) => r.info.likes],
  ['created', (r) => r.info.created_at],
];
const COLUMN_NAMES: Record<string, string> = { params: 'Params', efficiency: 'Efficiency', downloads: 'Downloads', likes: 'Likes', created: 'Created' };

/**
 * Rows whose shown score would read the same as a neighbour's (in rank order) although the values
 * differ get more digits; rows that share a rank with another are ties.
 */
export function nearTies(rows: readonly LeaderboardRow[], scale: Scale | undefined): { moreDigits: Set<string>; tied: Set<string> } {
  const moreDigits = new Set<string>();
  const tied = new Set<string>();
  const byRank = [...rows].sort((a, b) => a.rank - b.rank);
  for (let i = 1; i < byRank.length; i++) {
    const a = byRank[i - 1];
    const b = byRank[i];
    if (a.score === undefined || b.score === undefined) continue;
    if (a.rank === b.rank) {
      tied.add(a.id);
      tied.add(b.id);
    } else if (a.score !== b.score && formatValue(a.score, scale) === formatValue(b.score, scale)) {
      moreDigits.add(a.id);
      moreDigits.add(b.id);
    }
  }
  return { moreDigits, tied };
}

function useNarrow(ref: React.RefObject<HTMLElement | null>): boolean {
  const [narrow, setNarrow] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setNarrow(el.clientWidth < NARROW_PX));
    ro.observe(el);
    setNarrow(el.clientWidth < NARROW_PX);
    return () => ro.disconnect();
  }, [ref]);
  return narrow;
}

export function LeaderboardTable(props: LeaderboardTableProps) {
  const { rows, boards, direction, scale, scoreLabel, sorting, onSortingChange, onOpen, compare, onToggleCompare } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const narrow = useNarrow(scrollRef);
  const multi = boards.length > 1;

  const columns = useMemo(() => {
    const cols: ColumnDef<LeaderboardRow, any>[] = [
      helper.display({
        id: 'compare',
        header: () => <span className="plain" title={`Pick up to ${MAX_COMPARE} models to compare`}>Cmp</span>,
        meta: { width: '44px', narrowHidden: true } satisfies ColumnMeta,
      }),
      helper.accessor('rank', {
        id: 'rank',
        header: narrow ? '#' : 'Rank',
        sortDescFirst: false,
        meta: { width: '76px', narrowWidth: '48px', num: true, title: 'Rank on the ranking score (ties share a rank)' } satisfies ColumnMeta,
      }),
      helper.accessor((r) => r.id.toLowerCase(), {
        id: 'model',
        header: 'Model',
        sortingFn: 'text',
        sortDescFirst: false,
        meta: { width: 'minmax(240px, 2.2fr)', narrowWidth: 'minmax(120px, 1fr)' } satisfies ColumnMeta,
      }),
      helper.accessor('score', {
        id: 'score',
        header: `${multi && scoreLabel.startsWith('Mean') ? 'Mean' : 'Score'} ${directionArrow(direction)}`,
        sortUndefined: 'last',
        sortDescFirst: direction === 'higher',
        meta: { width: '104px', narrowWidth: '84px', num: true, title: `${scoreLabel} — ${directionText(direction)}` } satisfies ColumnMeta,
      }),
    ];
    if (multi) {
      boards.forEach((b, i) => {
        cols.push(
          helper.accessor((r) => r.values[i], {
            id: `b${i}`,
            header: () => <BenchmarkHeader variant={b.variant} />,
            sortUndefined: 'last',
            sortDescFirst: direction === 'higher',
            meta: { width: '112px', narrowWidth: '84px', num: true, title: `${benchmarkLabel(b)} ${directionArrow(direction)}` } satisfies ColumnMeta,
          }),
        );
      });
      cols.push(
        helper.accessor('coverage', {
          id: 'coverage',
          header: 'Has',
          sortDescFirst: true,
          meta: { width: '62px', num: true, title: `Of the ${boards.length} chosen benchmarks, how many this model has a result on`, narrowHidden: true } satisfies ColumnMeta,
        }),
      );
    }
    cols.push(
      helper.accessor((r) => r.info.parameter_count, {
        id: 'params',
        header: 'Params',
        sortUndefined: 'last',
        sortDescFirst: true,
        meta: { width: '84px', narrowWidth: '64px', num: true, title: 'Parameter count' } satisfies ColumnMeta,
      }),
      helper.accessor((r) => r.info.model_family, {
        id: 'family',
        header: 'Family',
        sortingFn: 'text',
        meta: { width: '110px', narrowHidden: true } satisfies ColumnMeta,
      }),
      helper.accessor('efficiency', {
        id: 'efficiency',
        header: 'Efficiency',
        sortUndefined: 'last',
        sortDescFirst: true,
        meta: {
          width: '92px',
          num: true,
          narrowHidden: true,
          title: `Efficiency: ${EFFICIENCY_DEFINITION}. 0.800 = reaches 80 % of what the best model no larger than it reaches. Unknown and suspect sizes have none.`,
        } satisfies ColumnMeta,
      }),
      helper.accessor((r) => r.info.downloads, {
        id: 'downloads',
        header: 'Downloads',
        sortUndefined: 'last',
        sortDescFirst: true,
        meta: { width: '96px', num: true, narrowHidden: true } satisfies ColumnMeta,
      }),
      helper.accessor((r) => r.info.likes, {
        id: 'likes',
        header: 'Likes',
        sortUndefined: 'last',
        sortDescFirst: true,
        meta: { width: '72px', num: true, narrowHidden: true } satisfies ColumnMeta,
      }),
      helper.accessor((r) => (r.info.created_at ? Date.parse(r.info.created_at) : undefined), {
        id: 'created',
        header: 'Created',
        sortUndefined: 'last',
        sortDescFirst: true,
        meta: { width: '100px', num: true, narrowHidden: true, title: 'When the repository was created on the Hub' } satisfies ColumnMeta,
      }),
    );
    return cols;
  }, [boards, direction, multi, scale, scoreLabel, narrow]);

  const meanShown = multi && scoreLabel.startsWith('Mean');
  // Columns with no value in any row (downloads and likes of snapshot data) say nothing: left out, and named below.
  const emptyColumns = useMemo(() => EMPTY_WHEN_ALL_MISSING.filter(([, get]) => rows.length > 0 && rows.every((r) => get(r) === undefined)).map(([id]) => id), [rows]);
  const columnVisibility = useMemo(() => {
    const v: Record<string, boolean> = {};
    for (const c of columns) v[c.id!] = !(narrow && (c.meta as ColumnMeta).narrowHidden) && !emptyColumns.includes(c.id!);
    // Ranked by the primary benchmark, the score column is that benchmark's column: shown once.
    if (multi && !meanShown) v.b0 = false;
    return v;
  }, [columns, narrow, emptyColumns, multi, meanShown]);
  const precision = useMemo(() => nearTies(rows, scale), [rows, scale]);
  // Named only where the column would otherwise be shown (phones leave some out anyway).
  const shownEmpty = emptyColumns.filter((id) => !(narrow && (columns.find((c) => c.id === id)?.meta as ColumnMeta | undefined)?.narrowHidden));

  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    enableSortingRemoval: false,
    getRowId: (r) => r.id,
  });

  const shown = table.getRowModel().rows;
  const shownData = useMemo(() => shown.map((r) => r.original), [shown]);
  const visibleColumns = table.getVisibleLeafColumns();
  const widths = visibleColumns.map((c) => {
    const meta = c.columnDef.meta as ColumnMeta;
    return narrow ? (meta.narrowWidth ?? meta.width) : meta.width;
  });
  const template = widths.join(' ');
  // The grid is as wide as its columns' minimums (then scrolls sideways) or as the box, whichever is wider;
  // long model ids are cut with an ellipsis instead of widening it.
  const minWidth = widths.reduce((sum, w) => sum + Number(/(\d+)px/.exec(w)?.[1] ?? 0), 0);

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // Roving focus: the grid is one tab stop; arrows move the active row.
  const [active, setActive] = useState(0);
  // Read by key handlers, so keys pressed faster than React renders still move from the right row.
  const activeRef = useRef(0);
  useEffect(() => {
    if (active >= shown.length) setActive(Math.max(0, shown.length - 1));
  }, [active, shown.length]);
  const focusRow = useCallback(
    (index: number) => {
      const i = Math.max(0, Math.min(shown.length - 1, index));
      activeRef.current = i;
      setActive(i);
      virtualizer.scrollToIndex(i, { align: 'auto' });
      const now = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`);
      if (now) now.focus({ preventScroll: true });
      // A row far away is rendered only after the scroll.
      else requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus({ preventScroll: true }));
    },
    [shown.length, virtualizer],
  );

  const onRowKey = (e: KeyboardEvent<HTMLDivElement>, id: string) => {
    if (e.target !== e.currentTarget) return;
    const index = activeRef.current;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: shown.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      focusRow(moves[e.key]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(id);
    }
  };

  return (
    <div className="card table-card">
      <div className="table-toolbar">{props.toolbar(shownData)}</div>
      <div className="table-legend muted small" data-testid="table-legend">
        <span>
          <span className="pareto-mark" aria-hidden="true">
            ◆
          </span>{' '}
          on the size/score Pareto front: no smaller model scores as well
        </span>
        {shownEmpty.length > 0 && <span data-testid="empty-columns">Not in this data: {shownEmpty.map((c) => COLUMN_NAMES[c]).join(', ')}</span>}
      </div>
      <div className="table-scroll" ref={scrollRef}>
        <div
          className="vt"
          style={{ width: `max(100%, ${minWidth}px)` }}
          role="grid"
          aria-label={`Leaderboard ranked by ${scoreLabel}, ${directionText(direction)}`}
          aria-rowcount={shown.length + 1}
          aria-colcount={visibleColumns.length}
        >
          <div className="vt-head" role="rowgroup">
            <div className="vt-row" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
              {table.getHeaderGroups()[0].headers.map((h) => (
                <HeaderCell key={h.id} table={table} headerId={h.id} />
              ))}
            </div>
          </div>
          <div className="vt-body" role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const row = shown[v.index];
              const r = row.original;
              const inCompare = compare.includes(r.id);
              return (
                <div
                  key={row.id}
                  className="vt-row"
                  role="row"
                  aria-rowindex={v.index + 2}
                  data-index={v.index}
                  data-model-id={r.id}
                  tabIndex={v.index === active ? 0 : -1}
                  onFocus={(e) => {
                    if (e.target !== e.currentTarget) return;
                    activeRef.current = v.index;
                    setActive(v.index);
                  }}
                  onKeyDown={(e) => onRowKey(e, r.id)}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('input, a')) return;
                    onOpen(r.id);
                  }}
                  style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <BodyCell
                      key={cell.id}
                      columnId={cell.column.id}
                      meta={cell.column.columnDef.meta as ColumnMeta}
                      row={r}
                      scale={scale}
                      inCompare={inCompare}
                      compareFull={compare.length >= MAX_COMPARE}
                      tabbable={v.index === active}
                      narrow={narrow}
                      onToggleCompare={onToggleCompare}
                      moreDigits={precision.moreDigits.has(r.id)}
                      tied={precision.tied.has(r.id)}
                    />
                  ))}
                </div>
              );
            })}
          </div>
          {shown.length === 0 && <div className="empty">No models match these filters.</div>}
        </div>
      </div>
    </div>
  );
}

/** A benchmark column's head on two lines, "MMLU-Pro" over "5-shot": one line of 112 px cut the name. */
function BenchmarkHeader({ variant }: { variant: string }) {
  const cut = variant.indexOf(' · ');
  if (cut < 0) return <span className="bench-head">{variant}</span>;
  return (
    <span className="bench-head">
      <span>{variant.slice(0, cut)}</span>
      <span className="setup">{variant.slice(cut + 3)}</span>
    </span>
  );
}

function HeaderCell({ table, headerId }: { table: Table<LeaderboardRow>; headerId: string }) {
  const header = table.getHeaderGroups()[0].headers.find((h) => h.id === headerId)!;
  const col = header.column;
  const meta = col.columnDef.meta as ColumnMeta;
  const sorted = col.getIsSorted();
  const label = flexRender(col.columnDef.header, header.getContext());
  if (!col.getCanSort()) {
    return (
      <div className={`vt-cell${meta.num ? ' num' : ''}`} role="columnheader">
        {label}
      </div>
    );
  }
  return (
    <div
      className={`vt-cell${meta.num ? ' num' : ''}`}
      role="columnheader"
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
      data-col={col.id}
    >
      <button type="button" className="sort" title={meta.title} onClick={col.getToggleSortingHandler()}>
        {label}
        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
      </button>
    </div>
  );
}

interface BodyCellProps {
  columnId: string;
  meta: ColumnMeta;
  row: LeaderboardRow;
  scale: Scale | undefined;
  inCompare: boolean;
  compareFull: boolean;
  tabbable: boolean;
  narrow: boolean;
  onToggleCompare: (id: string) => void;
  /** The score reads like a neighbour's at the usual digits: show more. */
  moreDigits: boolean;
  /** The rank is shared with another model. */
  tied: boolean;
}

function BodyCell({ columnId, meta, row, scale, inCompare, compareFull, tabbable, narrow, onToggleCompare, moreDigits, tied }: BodyCellProps) {
  const cls = `vt-cell${meta.num ? ' num' : ''}`;
  switch (columnId) {
    case 'compare':
      return (
        <div className={cls} role="gridcell">
          <input
            type="checkbox"
            aria-label={`Compare ${row.id}`}
            checked={inCompare}
            disabled={!inCompare && compareFull}
            tabIndex={tabbable ? 0 : -1}
            onChange={() => onToggleCompare(row.id)}
          />
        </div>
      );
    case 'rank':
      return (
        <div className={`${cls} rank${row.rank <= 3 ? ' top' : ''}`} role="gridcell" data-col="rank" data-tie={tied || undefined}>
          {row.rank}
          {tied && (
            <span className="tie" title="Tie: the same score as another model at this rank">
              {narrow ? '=' : ' tie'}
              {narrow && <span className="sr-only"> tie</span>}
            </span>
          )}
        </div>
      );
    case 'model':
      return (
        <div className={`${cls} model`} role="gridcell" data-col="model">
          <a href={hrefFor(`model/${row.id}`)} tabIndex={-1} title={row.id} className={narrow ? 'two-line' : undefined}>
            {narrow && row.id.includes('/') ? (
              <>
                <span>{row.id.slice(row.id.indexOf('/') + 1)}</span>
                <span className="org">{row.id.slice(0, row.id.indexOf('/'))}</span>
              </>
            ) : (
              row.id
            )}
          </a>
          {row.pareto && (
            <span className="pareto-mark" title="On the size/score Pareto front: no smaller model scores as well">
              ◆<span className="sr-only"> Pareto front</span>
            </span>
          )}
          {row.synthetic && <SyntheticBadge />}
          <ResultMarks result={row.results[0]} modelId={row.id} />
          <ModelBadges tags={row.info.tags} />
        </div>
      );
    case 'score':
      return (
        <div className={`${cls} score`} role="gridcell" data-col="score" data-value={row.score ?? ''}>
          {formatValue(row.score, scale, moreDigits ? 2 : 0)}
        </div>
      );
    case 'coverage':
      return (
        <div className={cls} role="gridcell" data-col="coverage">
          {row.coverage}/{row.values.length}
        </div>
      );
    case 'params':
      return (
        <div className={cls} role="gridcell" data-col="params" data-value={row.info.parameter_count ?? ''}>
          {row.info.metadata_pending && row.info.parameter_count === undefined ? (
            <span className="muted small" data-testid="size-pending" title="Met only on a benchmark leaderboard: its size, family and date are read from the Hub by the next refresh">
              pending
            </span>
          ) : (
            formatParams(row.info.parameter_count)
          )}
          {row.info.parameter_suspect && (
            <span className="suspect-mark" data-testid="suspect-size" title={`Suspect size: ${row.info.parameter_suspect}. Left out of the Pareto front and of efficiency.`}>
              {' '}⚠<span className="sr-only"> suspect size</span>
            </span>
          )}
        </div>
      );
    case 'family':
      return (
        <div className={cls} role="gridcell" data-col="family" title={`${row.info.model_family}: ${familySourceLabel(row.info)}`}>
          {row.info.model_family}
        </div>
      );
    case 'efficiency':
      return (
        <div className={cls} role="gridcell" data-col="efficiency">
          {formatEfficiency(row.efficiency, scale)}
        </div>
      );
    case 'downloads':
      return (
        <div className={cls} role="gridcell" data-col="downloads">
          {formatCount(row.info.downloads, { compact: true })}
        </div>
      );
    case 'likes':
      return (
        <div className={cls} role="gridcell" data-col="likes">
          {formatCount(row.info.likes, { compact: true })}
        </div>
      );
    case 'created':
      return (
        <div className={cls} role="gridcell" data-col="created">
          {formatDate(row.info.created_at)}
        </div>
      );
    default: {
      const i = Number(columnId.slice(1));
      const result = row.results[i];
      return (
        <div className={cls} role="gridcell" data-col={columnId} data-value={row.values[i] ?? ''}>
          {row.values[i] === undefined ? <span className="muted">{DASH}</span> : formatValue(row.values[i], result?.scale ?? scale)}
          {result?.source === 'synthetic' && <span className="sr-only"> (synthetic)</span>}
        </div>
      );
    }
  }
}
