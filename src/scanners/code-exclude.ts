import { globMatcher } from '../core/glob.js';
import type { Scanner } from './scanner.js';

/** The scanners `scan.codeExclude` never applies to: secrets are looked for in every file, whatever the workspace says. */
const ALWAYS_READ = new Set(['secrets']);

/**
 * A code scanner that leaves out the files of `scan.codeExclude` (labelled corpora that are
 * vulnerable on purpose, vendored code a team does not own), in every kind of scan: staged, range,
 * `--all`, the agent hooks, the SEC review. Each file it would have analysed is reported skipped
 * (`excluded`, naming the setting), so nothing disappears silently. The secret scanner is returned
 * as it is.
 */
export function withCodeExclude(scanner: Scanner, globs: string[] | undefined): Scanner {
  if (!globs?.length || ALWAYS_READ.has(scanner.name)) return scanner;
  const excluded = globMatcher(globs);
  const detail = `${scanner.name} scanner: scan.codeExclude in .mso/workspace.json`;
  const wrapped: Scanner = {
    name: scanner.name,
    scansChunks: scanner.scansChunks,
    accepts: (path) => scanner.accepts(path),
    describeRules: () => scanner.describeRules(),
    scan: (fragment, ctx) => {
      if (!excluded(fragment.path)) return scanner.scan(fragment, ctx);
      ctx?.skip({ path: fragment.path, reason: 'excluded', detail });
      return [];
    },
    largeFileSkip: (path, head, tail) => (excluded(path) ? { path, reason: 'excluded', detail } : scanner.largeFileSkip?.(path, head, tail)),
  };
  // The cross-file pass goes through the wrapper too: an excluded file is never analysed, seeded or not.
  const seeded = scanner.scanSeeded?.bind(scanner);
  if (seeded) wrapped.scanSeeded = (path, text, input) => (excluded(path) ? { findings: [], calls: [], returns: [] } : seeded(path, text, input));
  return wrapped;
}
