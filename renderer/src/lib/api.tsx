// TanStack Query hooks over the tRPC client, one per procedure the UI reads; the client comes from context.
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { AppRouter } from '../../../src/api/appRouter';
import type { ProvenanceFilters } from '../../../src/api/provenanceFilters';
import type { ApiClient, Transport } from './createApiClient';
import type { BoardKey } from './buildLeaderboardRows';
import { usePreferences } from './preferences';

export type Outputs = inferRouterOutputs<AppRouter>;
export type Inputs = inferRouterInputs<AppRouter>;
export type CacheStatus = Outputs['refresh']['status'];
export type RefreshProgress = NonNullable<CacheStatus['progress']>;
export type ModelDetail = Outputs['models']['byId'];
export type Catalog = Outputs['leaderboards']['catalog'];
export type CatalogEntry = Catalog['leaderboards'][number];
export type SnapshotFile = Outputs['snapshot']['export'];
export type SnapshotImportInput = Inputs['snapshot']['import'];
export type MetafileImportInput = Inputs['metafiles']['import'];
export type MetafileImportOutput = Outputs['metafiles']['import'];

/** Whole leaderboards come to the UI at once, then filter and sort on the client without a round trip. */
export const LEADERBOARD_LIMIT = 20_000;

interface ApiContextValue {
  client: ApiClient;
  transport: Transport;
}
const ApiContext = createContext<ApiContextValue | null>(null);

export function ApiProvider({ client, transport, children }: ApiContextValue & { children: ReactNode }) {
  return <ApiContext.Provider value={{ client, transport }}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiContextValue {
  const v = useContext(ApiContext);
  if (!v) throw new Error('useApi: no ApiProvider above this component');
  return v;
}

export type BenchmarkCatalog = Outputs['benchmarkCatalog']['list'];

/** The benchmarks read from the Hub (eval.yaml names, descriptions, tasks); empty without a crawl. */
export function useBenchmarkCatalog() {
  const { client } = useApi();
  return useQuery({
    queryKey: ['benchmarkCatalog.list'],
    queryFn: ({ signal }) => client.benchmarkCatalog.list.query({}, { signal }),
  });
}

export function useCatalog() {
  const { client } = useApi();
  const { includeSynthetic } = usePreferences();
  return useQuery({
    queryKey: ['leaderboards.catalog', includeSynthetic],
    queryFn: ({ signal }) => client.leaderboards.catalog.query({ include_synthetic: includeSynthetic }, { signal }),
  });
}

/** One whole leaderboard, cached by its key; while another key loads, the previous board stays shown. */
export function useLeaderboard(key: BoardKey | undefined) {
  const { client } = useApi();
  const { includeSynthetic } = usePreferences();
  return useQuery({
    queryKey: ['leaderboards.list', key?.key, includeSynthetic],
    queryFn: async ({ signal }) => {
      const out = await client.leaderboards.list.query({ key: key!.key, limit: LEADERBOARD_LIMIT, include_synthetic: includeSynthetic }, { signal });
      const lb = out.leaderboards[0];
      if (!lb) throw new Error(`no leaderboard for ${key!.variant} / ${key!.metric_name}`);
      return lb;
    },
    enabled: !!key,
    placeholderData: keepPreviousData,
    // Megabytes of entries: comparing old and new deeply on every refetch costs more than it saves,
    // and boards nobody looks at are let go sooner than the small queries.
    structuralSharing: false,
    gcTime: 2 * 60_000,
  });
}

export type LeaderboardValues = Outputs['leaderboards']['values'];

/**
 * Leaderboards as ids and values only: the extra benchmark columns, beside one full leaderboard. With
 * provenance filters, only the values that pass them (what a mean may be formed from).
 */
export function useLeaderboardValues(keys: readonly BoardKey[], provenance: ProvenanceFilters) {
  const { client } = useApi();
  const { includeSynthetic } = usePreferences();
  return useQueries({
    queries: keys.map((k) => ({
      queryKey: ['leaderboards.values', k.key, includeSynthetic, provenance.verified_only === true, provenance.include_community !== false, provenance.base_models_only === true],
      queryFn: ({ signal }: { signal: AbortSignal }) => client.leaderboards.values.query({ key: k.key, include_synthetic: includeSynthetic, ...provenance }, { signal }),
      placeholderData: keepPreviousData,
      structuralSharing: false,
      gcTime: 2 * 60_000,
    })),
  });
}

export function useModel(id: string | undefined) {
  const { client } = useApi();
  const { includeSynthetic } = usePreferences();
  return useQuery({
    queryKey: ['models.byId', id, includeSynthetic],
    queryFn: ({ signal }) => client.models.byId.query({ model_id: id!, include_synthetic: includeSynthetic }, { signal }),
    enabled: !!id,
    retry: (count, error) => count < 1 && !/not ?found|no model/i.test(String((error as Error).message)),
  });
}

export function useModelsById(ids: readonly string[]) {
  const { client } = useApi();
  const { includeSynthetic } = usePreferences();
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ['models.byId', id, includeSynthetic],
      queryFn: ({ signal }: { signal: AbortSignal }) => client.models.byId.query({ model_id: id, include_synthetic: includeSynthetic }, { signal }),
      retry: false,
    })),
  });
}

export function useModelSearch(search: string) {
  const { client } = useApi();
  const { includeSynthetic } = usePreferences();
  const q = search.trim();
  return useQuery({
    queryKey: ['models.list', q, includeSynthetic],
    queryFn: ({ signal }) => client.models.list.query({ search: q, limit: 12, sort: 'match', order: 'desc', has_results: true, include_synthetic: includeSynthetic }, { signal }),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function useSummary() {
  const { client } = useApi();
  const { includeSynthetic } = usePreferences();
  return useQuery({
    queryKey: ['analytics.summary', includeSynthetic],
    queryFn: ({ signal }) => client.analytics.summary.query({ include_synthetic: includeSynthetic }, { signal }),
  });
}

export function useCorrelations(task: string | undefined) {
  const { client } = useApi();
  const { includeSynthetic } = usePreferences();
  return useQuery({
    queryKey: ['analytics.correlations', task, includeSynthetic],
    queryFn: ({ signal }) => client.analytics.correlations.query({ task_type: task, include_synthetic: includeSynthetic }, { signal }),
    enabled: !!task,
  });
}

export function useTrends(key: BoardKey | undefined) {
  const { client } = useApi();
  const { includeSynthetic } = usePreferences();
  return useQuery({
    queryKey: ['analytics.trends', key?.task_type, key?.variant, key?.metric_name, includeSynthetic],
    queryFn: ({ signal }) =>
      client.analytics.trends.query(
        { task_type: key!.task_type, dataset_name: key!.variant, metric_name: key!.metric_name, include_synthetic: includeSynthetic },
        { signal },
      ),
    enabled: !!key,
  });
}

export const STATUS_KEY = ['refresh.status'] as const;

export function useCacheStatus() {
  const { client } = useApi();
  return useQuery({
    queryKey: STATUS_KEY,
    queryFn: ({ signal }) => client.refresh.status.query(undefined, { signal }),
    // Ages and staleness move with the clock; the refresh events keep everything else current.
    refetchInterval: 60_000,
  });
}

export function useStartRefresh() {
  const { client } = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => client.refresh.start.mutate({}),
    onSettled: () => qc.invalidateQueries({ queryKey: STATUS_KEY }),
  });
}

/**
 * What every import does once the server answered: on success the new status is shown at once and every
 * view's data is refetched; on failure only the status is refetched (it may carry the reason).
 */
async function afterImport<T>(qc: QueryClient, request: Promise<T>, statusOf: (out: T) => CacheStatus): Promise<T> {
  try {
    const out = await request;
    qc.setQueryData(STATUS_KEY, statusOf(out));
    void qc.invalidateQueries();
    return out;
  } catch (error) {
    void qc.invalidateQueries({ queryKey: STATUS_KEY });
    throw error;
  }
}

/**
 * snapshot.export and snapshot.import, called on demand. Not queries: a snapshot is megabytes, so it
 * is never kept in the query cache. A successful import changes every view's data, so all of it is
 * refetched; a failed one refetches the status, which shows what is served now.
 */
export function useSnapshotTransfer() {
  const { client } = useApi();
  const qc = useQueryClient();
  return useMemo(
    () => ({
      exportSnapshot: (): Promise<SnapshotFile> => client.snapshot.export.query(),
      // The server validates the file before anything changes; a bad one is refused with a 400.
      importSnapshot: (file: unknown): Promise<CacheStatus> =>
        afterImport(qc, client.snapshot.import.mutate(file as SnapshotImportInput), (status) => status),
    }),
    [client, qc],
  );
}

/** Imports model-zoo metafiles (checked by the server first); on success every view's data is refetched. */
export function useMetafileImport() {
  const { client } = useApi();
  const qc = useQueryClient();
  return useMemo(
    () =>
      function importMetafiles(input: MetafileImportInput): Promise<MetafileImportOutput> {
        return afterImport(qc, client.metafiles.import.mutate(input), (out) => out.status);
      },
    [client, qc],
  );
}

/**
 * Listens to refresh.events for the whole session: progress lands in the status query at once, and a
 * finished refresh (new dataset version) refetches every view's data.
 */
export function useRefreshEvents(queryClient: QueryClient) {
  const { client } = useApi();
  const version = useRef<string | undefined>(undefined);
  useEffect(() => {
    const sub = client.refresh.events.subscribe(undefined, {
      onData(event) {
        if (event.type === 'status') {
          queryClient.setQueryData(STATUS_KEY, event.status);
          if (version.current && version.current !== event.status.dataset_version) void queryClient.invalidateQueries();
          version.current = event.status.dataset_version;
        } else if (event.type === 'progress') {
          queryClient.setQueryData<CacheStatus>(STATUS_KEY, (s) => (s ? { ...s, refresh_in_progress: true, progress: event.progress } : s));
        } else {
          queryClient.setQueryData(STATUS_KEY, event.status);
          version.current = event.status.dataset_version;
          // Everything else may have changed with the new data.
          void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== STATUS_KEY[0] });
        }
      },
      onError() {
        // The link reconnects on its own (SSE); the status query still polls meanwhile.
      },
    });
    return () => sub.unsubscribe();
  }, [client, queryClient]);
}
