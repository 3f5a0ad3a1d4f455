import type { SkippedItem } from '../../core/types.js';
import { TaintScanner } from '../taint/scanner.js';
import type { Hit } from '../taint/sinks.js';
import { JsAnalyzer } from './analyze.js';
import { JsImports } from './imports.js';
import { dialectOf, parseJs } from './syntax.js';

/** File extensions of JavaScript and TypeScript sources. */
export const JS_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'] as const;

/** Words that start the SQL text the generic SQL sink looks for (it names no call). */
const SQL_WORDS = /\b(select|insert|update|delete|replace|merge|drop|truncate|alter|exec|execute)\b/i;

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

  override accepts(path: string): boolean {
    return super.accepts(path) && !/\.d\.[mc]?ts$/i.test(path);
  }

  protected analyze(path: string, text: string): Hit[] | { skip: SkippedItem } {
    // A file that names no rule's call, property or credential word, and holds no SQL text, cannot
    // hold a finding: most of a large tree is never parsed (a bundle of 2,500 plain modules).
    if (!this.set.trigger.test(text) && !SQL_WORDS.test(text)) return [];
    const parsed = parseJs(text, dialectOf(path));
    if (!parsed.ok) return { skip: { path, reason: 'parse-error', detail: parsed.reason } };
    const imports = JsImports.collect(parsed.root, text);
    return new JsAnalyzer(text, this.set, imports, path).run(parsed.root);
  }
}
