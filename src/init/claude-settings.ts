import { MsoError } from '../core/errors.js';

// Placeholder until the agent-hooks issue lands: fails closed (exit 2).
export async function installClaudeHooks(_root: string, _opts: { uninstall?: boolean }): Promise<string[]> {
  throw new MsoError('init --claude is not implemented yet');
}
