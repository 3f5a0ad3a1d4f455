import { Command, Option } from 'commander';
import { SEVERITIES } from '../../core/types.js';
import type { ScanOptions } from '../../scan/run-scan.js';
import { collect, runAction } from '../exit.js';


export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('Scan staged changes (default), a commit range, files and folders, or stdin for secrets and risky code.')
    .argument('[paths...]', 'files or folders to scan in full (implies --all)')
    .option('--staged', 'scan what is staged in the index, added lines only (default)')
    .option('--range <range>', 'scan the lines added by every commit in a revision range, e.g. origin/main..HEAD')
    .option('--all', 'scan whole files: the given paths, or every tracked and untracked non-ignored file of the repository')
    .option('--stdin', 'scan standard input')
    .option('--stdin-name <name>', 'file name to use for stdin (for path-based rules)', '<stdin>')
    .option('--scanner <names>', 'scanners to run, comma-separated (secrets, python, js) or all', 'all')
    .option('--rules <dir>', 'extra rule folder or file (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-o, --output <file>', 'write the report to a file (also when there are no findings); /dev/stdout, a FIFO or a device is written through, never replaced; a symlink to a regular file is refused')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the scan (exit 1)').choices([...SEVERITIES]))
    .option('--baseline <file>', 'report only findings not in this baseline (default: .mso/baseline.json when it exists)')
    .option('--no-baseline', 'ignore any baseline')
    .option('--write-baseline <file>', "record this scan's findings as the baseline, then exit 0")
    .option('--max-file-size <size>', 'skip files larger than this (e.g. 5MB)')
    .option('--no-default-excludes', 'also scan node_modules/, .git/, vendor/ and other folders skipped by default')
    .option('--exclude <glob>', 'skip paths matching this glob in folder walks (repeatable)', collect, [])
    .option('--jobs <n>', 'worker threads for --all (default: number of cores)')
    .option('--include-generated', '--all: also analyse generated code (bundles, minified and compiled output) with the code scanners; secrets are always scanned')
    .option('-q, --quiet', 'text format: print nothing when there are no findings')
    .option('--no-color', 'no colours in text output (NO_COLOR is also honoured)')
    .addHelpText(
      'after',
      `
Examples:
  mso scan                                  # staged changes (what the pre-commit hook runs)
  mso scan --range origin/main..HEAD        # every commit not yet on main
  mso scan --all .                          # whole files under the current folder
  mso scan --all --format sarif -o mso.sarif
  cat .env | mso scan --stdin --stdin-name .env

Exit codes: 0 nothing found, 1 findings at or above --fail-on, 2 error.`,
    )
    .action((paths: string[], opts: ScanOptions) =>
      runAction(async () => {
        // Ask git for the repository root while the scan modules load: both take a while, neither needs the other.
        const root = import('../../sources/git.js').then((g) => g.repoRoot(process.cwd()));
        root.catch(() => undefined);
        return (await import('../../scan/run-scan.js')).runScanCommand(paths, opts, root);
      }),
    );
}
