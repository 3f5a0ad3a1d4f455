import type { SkippedItem } from '../../core/types.js';
import { NOSEC_MARKERS } from '../../suppress/inline.js';
import { handOn, TaintScanner, type AnalysisIO } from '../taint/scanner.js';
import type { Hit } from '../taint/sinks.js';
import { Analyzer } from './analyze.js';
import { Imports } from './names.js';
import { parsePython } from './syntax.js';

/**
 * The Python front end: parses the whole file with tree-sitter-python and
 * analyses it; the shared taint scanner turns hits into findings. A file that
 * does not parse is skipped, visibly, with the reason.
 */
export class PythonScanner extends TaintScanner {
  readonly name = 'python';
  readonly extensions = ['.py', '.pyw'];
  /** bandit's marker, honoured so projects moving from bandit keep their suppressions. */
  protected override readonly extraMarkers = NOSEC_MARKERS;
  /** Any import: a project's own modules are named like packages (`from app.services import x`), or relatively. */
  protected override readonly projectImport = /^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import|import[ \t]+\w)/m;

  protected analyze(path: string, text: string, io: AnalysisIO): Hit[] | { skip: SkippedItem } {
    const parsed = parsePython(text);
    if (!parsed.ok) return { skip: { path, reason: 'parse-error', detail: parsed.reason } };
    const imports = Imports.collect(parsed.root, text);
    const analyzer = new Analyzer(text, this.set, imports, path, io.knownReturns);
    const hits = analyzer.run(parsed.root, io.seeds);
    handOn(io, analyzer);
    return hits;
  }
}
