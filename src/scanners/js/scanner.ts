import type { SkippedItem } from '../../core/types.js';
import { PROJECT_SPEC } from '../taint/project-calls.js';
import { handOn, TaintScanner, type AnalysisIO } from '../taint/scanner.js';
import type { Hit } from '../taint/sinks.js';
import { JsAnalyzer } from './analyze.js';
import { JsImports } from './imports.js';
import { dialectOf, parseJs } from './syntax.js';

/** File extensions of JavaScript and TypeScript sources. */
export const JS_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'] as const;

/**
 * The JavaScript / TypeScript front end: parses the whole file with
 * tree-sitter-javascript or tree-sitter-typescript (by extension) and analyses
 * it; the shared taint scanner turns hits into findings. Type declaration
 * files (`.d.ts`) hold no code and are not read. A file that does not parse is
 * skipped, visibly, with the reason.
 */
export class JsScanner extends TaintScanner {
  readonly name = 'js';
  readonly extensions = JS_EXTENSIONS;
  protected override readonly compiledOutput = true;
  /** `from './x'`, `from '@/lib/y'`, `require('../z')`: a quoted specifier that PROJECT_SPEC calls the project's. */
  protected override readonly projectImport = new RegExp(`\\b(?:from|import|require\\s*\\()\\s*['"\`]${PROJECT_SPEC.source.slice(1)}`);

  override accepts(path: string): boolean {
    return super.accepts(path) && !/\.d\.[mc]?ts$/i.test(path);
  }

  /**
   * Where analyze.ts makes data untrusted without a source name (the file gate needs one of these
   * for a taint rule in `tainted` mode): a GraphQL resolver's arguments, message-event data
   * (`addEventListener('message', …)`, `.on('message', …)`, `onmessage = …`), Electron IPC, server
   * actions (`'use server'`), and a
   * destructured request parameter (`({ query }: NextApiRequest) => …`, keys of the `req.*` sources;
   * `*word` is a fragment of a longer name).
   * test/js/gate.test.ts checks every rule case still fires through the gate.
   */
  protected override sourceEntries(): string[][][] {
    const reqKeys = this.set.sourceNames.filter((s) => s.startsWith('req.')).map((s) => s.split('.')[1]!);
    return [
      [['Query', 'Mutation', 'Subscription']],
      [["'message'", '"message"', 'onmessage']],
      [['ipcMain']],
      // exported functions of a 'use server' module or function (Next.js server actions)
      [["*'use server'", '*"use server"']],
      [reqKeys, ['*request', 'Req', '*context', 'query', 'body', 'params']],
    ];
  }

  protected analyze(path: string, text: string, io: AnalysisIO): Hit[] | { skip: SkippedItem } {
    const parsed = parseJs(text, dialectOf(path));
    if (!parsed.ok) return { skip: { path, reason: 'parse-error', detail: parsed.reason } };
    const imports = JsImports.collect(parsed.root, text);
    const analyzer = new JsAnalyzer(text, this.set, imports, path, io.knownReturns);
    const hits = analyzer.run(parsed.root, io.seeds);
    handOn(io, analyzer);
    return hits;
  }
}
