import { make, type ServerIdentity } from './identity.js';
import type { ProjectFileReader } from './launch-project.js';

/** What the launcher parsers (launchers.ts, launch-packages.ts, launch-container.ts) share. */
export interface Ctx {
  root: string;
  depth: number;
  /** Reads the project's launcher configuration files (.npmrc, uv.toml…): working tree, or the index for pre-commit. */
  read: ProjectFileReader;
}

export const MAX_DEPTH = 4;

export function unresolved(runner: string, reason: string): ServerIdentity {
  return { ...make('unresolved', runner), runner, unresolved: reason };
}

export function fail(id: ServerIdentity): boolean {
  return id.kind === 'unresolved';
}

export const hasVar = (s: string) => /\$/.test(s);

/** A spec as shown in a reason: credentials in a URL (`https://user:token@host/…`) are never printed. */
export function shown(spec: string): string {
  return spec.replace(/\/\/[^/@\s]*@/g, '//…@').replace(/:[^:@/\s]+@(?=[^/]*[:/])/g, ':…@');
}
