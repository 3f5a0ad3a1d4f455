import type { D1Database, KVNamespace } from '@cloudflare/workers-types';

export type Env = {
  DB: D1Database;
  CACHE: KVNamespace;
  JWT_SECRET: string;
  PUBLIC_ORIGIN: string;
};

export type AppEnv = {
  Bindings: Env;
  Variables: { user?: string };
};

export interface LinkRow {
  id: number;
  slug: string;
  target: string;
  owner: string;
  hits: number;
  created_at: string;
}
