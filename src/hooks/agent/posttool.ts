import { MsoError } from '../../core/errors.js';

// Placeholder until its issue lands: fails closed (exit 2) rather than passing.
export async function runPostTool(..._args: unknown[]): Promise<number> {
  throw new MsoError('hooks/agent/posttool is not implemented yet');
}
