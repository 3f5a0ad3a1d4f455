import { AsyncLocalStorage } from 'node:async_hooks';

/** What an outbound connection is for. */
export type EgressPurpose = 'model' | 'licence' | 'telemetry' | 'mcp';
export const EGRESS_PURPOSES: readonly EgressPurpose[] = ['model', 'licence', 'telemetry', 'mcp'];

/**
 * The purpose and workspace of the code running now. egressFetch runs the
 * request inside this context, so the socket-level guard (which sees every
 * connection, including undici's) can attribute the connection it opens.
 * Connections outside any context are logged as 'unattributed'.
 */
export interface EgressContext {
  purpose: EgressPurpose;
  root: string;
}

export const egressContext = new AsyncLocalStorage<EgressContext>();

export interface GuardState {
  installed: boolean;
  /** Workspace whose mode applies to connections made outside any egress context. */
  root?: string;
  /** globalThis.fetch as it was before the guard wrapped it. */
  originalFetch?: typeof fetch;
}

export const guardState: GuardState = { installed: false };
