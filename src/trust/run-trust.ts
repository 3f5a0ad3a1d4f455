import { findWorkspaceRoot } from '../workspace/root.js';
import { renderTrust, trustReport } from './report.js';

export async function trustCommand(opts: { json?: boolean }): Promise<number> {
  const r = trustReport(findWorkspaceRoot(process.cwd()));
  process.stdout.write(opts.json ? JSON.stringify(r, null, 2) + '\n' : renderTrust(r));
  return 0;
}
