import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { router } from '../trpc';
import { createContext } from '../trpc';
import { usersRouter } from './users';
import { reportsRouter } from './reports';
import { maintenanceRouter } from './maintenance';
import { settingsRouter } from './settings';

export const appRouter = router({
  users: usersRouter,
  reports: reportsRouter,
  maintenance: maintenanceRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;

if (process.env.NODE_ENV !== 'test') {
  createHTTPServer({ router: appRouter, createContext }).listen(Number(process.env.PORT ?? 4000));
}
