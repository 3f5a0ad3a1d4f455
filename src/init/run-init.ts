import { MsoError } from '../core/errors.js';

// Placeholder until its issue lands: fails closed (exit 2) rather than passing.
export async function runInit(..._args: unknown[]): Promise<number> {
  throw new MsoError('init/run-init is not implemented yet');
}
