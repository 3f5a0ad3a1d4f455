import { MsoError } from '../core/errors.js';

/**
 * Thrown (or passed to a socket's 'error') when the egress guard refuses a
 * destination. It is an MsoError, so a command that lets it escape exits 2
 * with this message. The message names the host, the purpose and the mode.
 */
export class EgressRefused extends MsoError {
  readonly code = 'MSO_EGRESS_REFUSED';
  readonly host: string;
  readonly purpose: string;
  readonly mode: string;

  constructor(host: string, purpose: string, mode: string, problem?: string) {
    const why =
      mode === 'air-gapped'
        ? 'the workspace is air-gapped (dataResidency.mode "air-gapped" in .mso/workspace.json); only loopback (127.0.0.0/8, ::1, localhost) is allowed'
        : `the workspace configuration cannot be read, so only loopback is allowed (fail closed)${problem ? `: ${problem}` : ''}`;
    super(`egress refused: ${host} (purpose: ${purpose}, mode: ${mode}): ${why}. Nothing was sent.`);
    this.name = 'EgressRefused';
    this.host = host;
    this.purpose = purpose;
    this.mode = mode;
  }
}

/** True for an EgressRefused anywhere in an error's cause chain (SDKs and fetch wrap errors). */
export function isEgressRefused(err: unknown): err is EgressRefused {
  for (let e: unknown = err, depth = 0; e && depth < 8; depth++) {
    if (e instanceof EgressRefused || (e as { code?: unknown }).code === 'MSO_EGRESS_REFUSED') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function findEgressRefused(err: unknown): EgressRefused | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 8; depth++) {
    if (e instanceof EgressRefused) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
