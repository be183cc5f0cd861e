// The whole API: one router per domain, merged. IPC, HTTP tRPC and REST all serve this.
import { analyticsRouter } from './analyticsRouter.js';
import { benchmarkCatalogRouter } from './benchmarkCatalogRouter.js';
import { benchmarksRouter } from './benchmarksRouter.js';
import { leaderboardsRouter } from './leaderboardsRouter.js';
import { metafilesRouter } from './metafilesRouter.js';
import { metaRouter } from './metaRouter.js';
import { modelsRouter } from './modelsRouter.js';
import { refreshRouter } from './refreshRouter.js';
import { snapshotRouter } from './snapshotRouter.js';
import { createCallerFactory, router } from './trpc.js';

export const appRouter = router({
  meta: metaRouter,
  benchmarks: benchmarksRouter,
  refresh: refreshRouter,
  models: modelsRouter,
  leaderboards: leaderboardsRouter,
  analytics: analyticsRouter,
  snapshot: snapshotRouter,
  metafiles: metafilesRouter,
  benchmarkCatalog: benchmarkCatalogRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
