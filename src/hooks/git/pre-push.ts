import { MsoError } from '../../core/errors.js';

// Placeholder until its issue lands: fails closed (exit 2) rather than passing.
export async function runPrePush(..._args: unknown[]): Promise<number> {
  throw new MsoError('hooks/git/pre-push is not implemented yet');
}
