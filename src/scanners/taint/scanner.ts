import { noteCodePath } from '../../core/code-paths.js';
import { fingerprint } from '../../core/redact.js';
import { LineIndex } from '../../core/lines.js';
import { severityRank, type Fragment, type RawFinding, type RuleDescriptor, type SkippedItem } from '../../core/types.js';
import { suppressionMarker } from '../../suppress/inline.js';
import type { ScanContext, Scanner } from '../scanner.js';
import { describe, type RuleSet, type RuleSetSource } from './compile.js';
import { FileGate, ruleTriggers, sourceTriggers, type GateTables } from './gate.js';
import { generatedReason } from './generated.js';
import type { CrossFileInput, KnownReturn, ModuleCall, ProjectCall, ReturnFact, Seed } from './project-calls.js';
import { callsOwnFunction, hasCall } from './own-calls.js';
import type { Hit } from './sinks.js';

/**
 * What a front end's analysis of one file exchanges with the cross-file pass (taint/project-calls.ts): parameters to
 * take as untrusted and other modules' calls known to return clean values, in; its calls into other modules and its
 * functions' clean returns, out.
 */
export interface AnalysisIO {
  seeds?: readonly Seed[];
  knownReturns?: readonly KnownReturn[];
  calls: ModuleCall[];
  returns: ReturnFact[];
}

/** What a front end's analyzer hands the cross-file pass once it has run (calls out, clean returns). */
export interface CrossFileOutput {
  readonly moduleCalls: readonly ModuleCall[];
  returnFacts(): ReturnFact[];
}

/** Copies an analyzer's cross-file output into `io`: its calls always, its returns when the pass asked for them. */
export function handOn(io: AnalysisIO, analyzer: CrossFileOutput): void {
  for (const c of analyzer.moduleCalls) io.calls.push(c);
  if (io.seeds || io.knownReturns) for (const r of analyzer.returnFacts()) io.returns.push(r);
}

/** Characters from which a file's analysis runs most of the analyzer (~200 lines). */
const RICH_FILE = 8_000;

/**
 * The code path a scanner's run on a text of this length is (core/code-paths.ts): a small file compiles a
 * small part of the analysis, so the code cache it writes must not stand for a large one's.
 */
export function codePathOf(scanner: string, chars: number): string {
  return chars >= RICH_FILE ? scanner : `${scanner}-small`;
}

interface Span {
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  /** the suppression marker on the call's own lines, if any */
  suppressed: string | undefined;
  /** what the finding says when reached through this call (the data it brought: request data, not a parameter) */
  message?: string;
  severity?: RawFinding['severity'];
}
/** What a hit says: its rule's message, with the hit's detail. */
const messageOf = (h: Hit) => (h.detail ? `${h.rule.message}: ${h.detail}` : h.rule.message);

/** The calls that handed a finding's data to the helper it is in (Hit.via), kept off the report. */
const viaSpans = new WeakMap<RawFinding, Span[]>();

/**
 * A diff scan keeps findings on added lines. An old helper's sink reached through a new call
 * (`deepMerge(settings, req.body)` added beside an old deepMerge) is on an unchanged line: it is
 * reported at the added call instead, naming where the data lands.
 */
function throughAddedCall(f: RawFinding, added: ReadonlySet<number>): RawFinding | undefined {
  for (let l = f.line; l <= f.endLine; l++) if (added.has(l)) return f;
  const call = viaSpans.get(f)?.find((v) => added.has(v.line));
  if (!call) return undefined;
  // Judged by the call's own lines: a marker on the old sink vouched for the callers it had, not for a new one.
  return { ...f, ...call, message: `${call.message ?? f.message} (this call hands the data to a helper of the file; it lands on line ${f.line})`, severity: call.severity ?? f.severity };
}

function onePerPlace(findings: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}\0${f.line}\0${f.column}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * What every taint scanner shares: a whole file is parsed and analysed (for a
 * diff fragment, the file at that commit) and findings get real line numbers;
 * the engine keeps those on added lines. A front end supplies `analyze`.
 */
export abstract class TaintScanner implements Scanner {
  abstract readonly name: string;
  /** File extensions (lower case, with the dot) this scanner reads. */
  abstract readonly extensions: readonly string[];
  /** Suppression markers besides `mso:allow` (bandit's `# nosec`). */
  protected readonly extraMarkers: readonly string[] = [];

  private fileGate?: FileGate;
  private compiledSet?: RuleSet;
  /**
   * An import of another module of the project, in the language's syntax: in a survey, a file that holds one and a
   * source is analysed even when no rule could fire in it, for the calls it hands untrusted data to (cross-file pass).
   */
  protected readonly projectImport?: RegExp;
    /** Whether the language's compilers and bundlers leave source-map comments and minified output (JS). */
  protected readonly compiledOutput: boolean = false;

  /** `skipGenerated`: a survey of a tree (`mso scan --all`) leaves out generated code, reported (taint/generated.ts). */
  constructor(
    private readonly rules: RuleSetSource,
    private readonly opts: { skipGenerated?: boolean } = {},
  ) {}

  /** The rule set, compiled on first use when it was deferred (compile.ts ruleSetFor). */
  protected get set(): RuleSet {
    return (this.compiledSet ??= 'compile' in this.rules ? this.rules.compile() : this.rules);
  }

  /**
   * Where the front end's analysis makes data untrusted besides the rule files' sources and
   * framework knowledge (a GraphQL resolver's arguments, a message handler's data): each entry is a
   * list of clauses, each clause a list of names one of which the file must hold.
   */
  protected sourceEntries(): string[][][] {
    return [];
  }

  /** The per-file gate (taint/gate.ts), built from the rules on first use (the built-in rules': from the build's tables). */
  get gate(): FileGate {
    if (this.rules.gateTables) return (this.fileGate ??= FileGate.fromTables(this.rules.gateTables as GateTables));
    return (this.fileGate ??= this.computedGate());
  }

  /** The gate computed from the rules (the build stores this for the built-in rules). */
  computedGate(): FileGate {
    return new FileGate(ruleTriggers(this.set.rules), sourceTriggers(this.set.sourceNames, this.set.knowledge, this.sourceEntries()));
  }

  accepts(path: string): boolean {
    const dot = path.lastIndexOf('.');
    return dot !== -1 && this.extensions.includes(path.slice(dot).toLowerCase());
  }

  describeRules(): RuleDescriptor[] {
    return this.set.rules.map((r) => describe(r, this.name));
  }

  /**
   * The hits in one file's full text, or why it was skipped. `io.seeds`: parameters another file passes untrusted
   * data (taint/project-calls.ts); the front end adds to `io.calls` the calls it saw of other project modules.
   */
  protected abstract analyze(path: string, text: string, io: AnalysisIO): Hit[] | { skip: SkippedItem };

  async scan(fragment: Fragment, ctx?: ScanContext): Promise<RawFinding[]> {
    // A commit's added lines that mention no rule's call, name or credential word cannot hold a finding's
    // first line: skip loading the file at that commit (a range scan may have thousands of commits).
    // Added lines that only call a function of the file can still hand data to an old helper's sink:
    // those wake the analysis too (the file at that commit is read only then).
    let text = fragment.text;
    if (fragment.lineMap && fragment.loadFull) {
      const woken = this.set.trigger.test(fragment.text);
      if (!woken && !hasCall(fragment.text)) return [];
      text = await fragment.loadFull();
      if (!woken && !callsOwnFunction(fragment.text, text)) return [];
    }
    const whole = !fragment.lineMap && !fragment.reportLines && !fragment.changedLines;
    const out = this.scanText(fragment.path, text, undefined, whole && !!ctx?.call);
    if ('skip' in out) {
      ctx?.skip(out.skip);
      return [];
    }
    // A whole file of a survey: its calls into other project modules go to the engine's cross-file pass.
    if (ctx?.call && whole) for (const c of out.calls) ctx.call(c);
    let findings = out.findings;
    if (fragment.lineMap && !fragment.loadFull) {
      // Only the added lines are known: analyse them alone and map back to real lines.
      const map = fragment.lineMap;
      findings = findings.map((f) => ({ ...f, line: map[f.line - 1] ?? f.line, endLine: map[f.endLine - 1] ?? f.endLine }));
    } else if (fragment.lineMap) {
      // A diff fragment: the whole file was analysed, but only findings touching an added line count.
      const added = new Set(fragment.lineMap);
      findings = findings.flatMap((f) => throughAddedCall(f, added) ?? []);
    } else if (fragment.reportLines || fragment.changedLines) {
      // A finding reached through a call on an added (or just edited) line moves to that call. With
      // reportLines the engine then keeps what touches one; a file a tool call edited keeps them all.
      const added = (fragment.reportLines ?? fragment.changedLines)!;
      findings = findings.map((f) => throughAddedCall(f, added) ?? f);
    }
    // A helper's sink moved to the new call that reaches it may land where the call's own finding already is
    // (the text built at the call and run by the helper): one finding per rule and place.
    if (fragment.lineMap || fragment.reportLines || fragment.changedLines) findings = onePerPlace(findings);
    return fragment.commit ? findings.map((f) => ({ ...f, commit: fragment.commit })) : findings;
  }

  /**
   * Analyses a file again with what the cross-file pass learnt (engine/cross-file.ts): parameters of its exported
   * functions another file passes untrusted data, calls of other modules known to return clean values. Its
   * findings, the calls it hands untrusted data on with, and its functions' clean returns.
   */
  scanSeeded(path: string, text: string, input: CrossFileInput): { findings: RawFinding[]; calls: ProjectCall[]; returns: ReturnFact[] } {
    const out = this.scanText(path, text, input);
    return 'skip' in out ? { findings: [], calls: [], returns: [] } : { returns: [], ...out };
  }

  /**
   * Analyses one file's full text. `input`: what the cross-file pass knows (a seeded file holds its source in its
   * parameters). `followCalls`: a survey of whole files, where a file that hands a source's data to another
   * project module is worth analysing for that alone.
   */
  scanText(path: string, text: string, input?: CrossFileInput, followCalls = false): { findings: RawFinding[]; calls: ProjectCall[]; returns?: ReturnFact[] } | { skip: SkippedItem } {
    // Most files of a large tree, and most files a hook sees, hold nothing any rule could match: they
    // are never parsed, and a deferred rule set is not even compiled.
    const worth = !!input || this.gate.opens(text, followCalls && !!this.projectImport?.test(text));
    if (!worth || !this.set.rules.length) return { findings: [], calls: [] };
    // A small file compiles a small part of the analysis: the code cache it writes must not stand for a large one's.
    noteCodePath(codePathOf(this.name, text.length));
    // Generated code is left out of a survey, reported: only files that would be analysed, so a
    // large data file in a .js (a base64 blob) is not reported to the user as a skip of anything.
    const generated = this.generated(path, text);
    if (generated) return { skip: generated };
    let hits: Hit[];
    const io: AnalysisIO = { ...input, calls: [], returns: [] };
    try {
      const out = this.analyze(path, text, io);
      if (!Array.isArray(out)) return out;
      hits = out;
    } catch (err) {
      // Machine-generated code can nest deeper than the walk's stack: a documented skip, not a crash.
      if (err instanceof RangeError && /call stack/i.test(err.message)) {
        return { skip: { path, reason: 'parse-error', detail: 'nested too deeply to analyse' } };
      }
      throw new Error(`${this.name} scanner: cannot analyse ${path}: ${(err as Error).message}`);
    }
    const lines = new LineIndex(text);
    const seen = new Set<string>();
    const findings: RawFinding[] = [];
    // Two crypto rules on the same call (md5 of a password) make one finding with both CWEs.
    const cryptoAt = new Map<string, RawFinding>();
    const byId = new Map<string, RawFinding>();
    for (const h of hits) {
      const id = `${h.rule.id}:${h.node.start}`;
      if (seen.has(id)) {
        // the same finding reached again through another call: one more way in
        const first = byId.get(id);
        if (h.via?.length && first) viaSpans.set(first, [...(viaSpans.get(first) ?? []), ...h.via.map((v) => this.viaSpan(v, h, lines))]);
        // reached again with what says more (untrusted data another file passes, after a parameter of unknown origin)
        const severity = h.severity ?? h.rule.severity;
        if (first && severityRank(severity) > severityRank(first.severity)) {
          first.severity = severity;
          first.message = messageOf(h);
        }
        continue;
      }
      seen.add(id);
      const f = this.finding(h, path, lines);
      byId.set(id, f);
      if (h.via?.length) viaSpans.set(f, h.via.map((v) => this.viaSpan(v, h, lines)));
      if (h.rule.tags.includes('crypto')) {
        const at = `${h.node.start}:${h.node.end}`;
        const first = cryptoAt.get(at);
        if (first) {
          first.cwe = [...new Set([...first.cwe, ...f.cwe])];
          first.tags = [...new Set([...first.tags, ...f.cwe])];
          continue;
        }
        cryptoAt.set(at, f);
      }
      findings.push(f);
    }
    const calls = io.calls.map(({ at, ...c }): ProjectCall => ({ ...c, scanner: this.name, from: path, line: lines.lineAt(at) }));
    return input ? { findings, calls, returns: io.returns } : { findings, calls };
  }

  private generated(path: string, text: string): SkippedItem | undefined {
    if (!this.opts.skipGenerated) return undefined;
    const why = generatedReason(text, this.compiledOutput);
    return why ? { path, reason: 'generated', detail: `${why}: not analysed by the ${this.name} scanner in a survey (secrets were scanned; --include-generated analyses it)` } : undefined;
  }

  /** A file too large to analyse whole, seen by its first and last bytes: generated code is reported as such, not as too large. */
  largeFileSkip(path: string, head: string, tail: string): SkippedItem | undefined {
    return this.generated(path, `${head}\n${tail}`);
  }

  private finding(h: Hit, path: string, lines: LineIndex): RawFinding {
    const { line, endLine, column, endColumn, suppressed } = this.span(h.node, lines);
    const cwe = [...new Set([...h.rule.cwe, ...(h.cwe ?? [])])];
    const f: RawFinding = {
      ruleId: h.rule.id,
      scanner: this.name,
      severity: h.severity ?? h.rule.severity,
      message: messageOf(h),
      file: path,
      line,
      endLine,
      column,
      endColumn,
      preview: h.preview,
      fingerprint: fingerprint(h.rule.id, path, h.key),
      tags: [...new Set([...h.rule.tags, ...cwe])],
      cwe,
      ...(h.rule.fix ? { fix: h.rule.fix } : {}),
    };
    if (suppressed) f.suppressed = suppressed;
    return f;
  }

  /** A call that brought the data of hit `h` in, with what `h` says (a finding first seen without that data said less). */
  private viaSpan(n: { start: number; end: number }, h: Hit, lines: LineIndex): Span {
    return { ...this.span(n, lines), message: messageOf(h), severity: h.severity ?? h.rule.severity };
  }

  /** Where `n` is, and the suppression marker on it: one on the first or the last line of the flagged code silences it. */
  private span(n: { start: number; end: number }, lines: LineIndex): Span {
    const line = lines.lineAt(n.start);
    const endLine = lines.lineAt(Math.max(n.start, n.end - 1));
    const markers = [...this.extraMarkers];
    const suppressed = suppressionMarker(lines.lineText(line), markers) ?? (endLine !== line ? suppressionMarker(lines.lineText(endLine), markers) : undefined);
    return { line, endLine, column: lines.columnAt(n.start), endColumn: lines.columnAt(n.end), suppressed };
  }
}
