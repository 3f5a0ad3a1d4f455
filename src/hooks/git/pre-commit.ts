import { severityRank, type Severity } from '../../core/types.js';
import { errorMessage } from '../../core/errors.js';
import { loadWorkspaceConfig } from '../../config/workspace.js';
import { scanStaged } from '../../engine/api.js';
import { gitText } from '../../sources/git.js';
import { chalkFor, findingsTable, skippedNote, waysOut } from './render.js';
import { countStaged } from './staged-count.js';

/**
 * `mso hook pre-commit`: scans what is staged (the index, added lines) with
 * the shared engine and blocks the commit on findings. Fails closed: any
 * error, or a scan that saw less than was staged, blocks with the reason.
 * Read-only: it never touches the index, the working tree or the stash.
 */
export async function runPreCommit(): Promise<number> {
  const err = process.stderr;
  const c = chalkFor(err);
  try {
    const root = (await gitText(['rev-parse', '--show-toplevel'], { cwd: process.cwd() })).trim();
    if (!root) throw new Error('not inside a git work tree');
    const config = loadWorkspaceConfig(root);
    const [count, result] = await Promise.all([countStaged(root), scanStaged({ root, config, jobs: 1 })]);
    const seen = result.stats.fragments + result.skipped.filter((s) => s.reason !== 'submodule').length;
    if (count.withContent > 0 && (seen < count.withContent || (result.stats.bytes === 0 && result.skipped.length === 0))) {
      throw new Error(`${count.withContent} staged file(s) add content but the scan read only ${seen} (${result.stats.bytes} bytes); refusing to pass an incomplete scan`);
    }
    const failOn = config.scan.failOn as Severity;
    const blocking = result.findings.filter((f) => severityRank(f.severity) >= severityRank(failOn));
    if (blocking.length === 0) {
      const below = result.findings.length ? `, ${result.findings.length} below fail-on ${failOn}` : '';
      if (result.stats.files === 0 && result.skipped.length === 0) {
        err.write('mso: nothing staged adds content, nothing to scan\n');
        return 0;
      }
      err.write(`mso: no secrets in ${result.stats.files} staged file${result.stats.files === 1 ? '' : 's'}${below}${skippedNote(result)}\n`);
      return 0;
    }
    const files = new Set(blocking.map((f) => f.file)).size;
    err.write(
      [
        c.red.bold(`mso: commit blocked: ${blocking.length} finding${blocking.length === 1 ? '' : 's'} in ${files} staged file${files === 1 ? '' : 's'}`),
        '',
        ...findingsTable(blocking, false),
        '',
        ...waysOut('commit'),
        '',
      ].join('\n'),
    );
    return 1;
  } catch (e) {
    err.write(
      [
        c.red.bold('mso: commit blocked: the pre-commit scan could not run, and mso never passes a commit it could not scan.'),
        `  reason: ${errorMessage(e)}`,
        '  Fix the cause and commit again (`mso scan` reproduces the check; MSO_DEBUG=1 shows details).',
        '',
      ].join('\n'),
    );
    if (process.env.MSO_DEBUG && e instanceof Error && e.stack) err.write(e.stack + '\n');
    return 2;
  }
}
