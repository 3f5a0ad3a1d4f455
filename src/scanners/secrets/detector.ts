import { LineIndex, realLine } from '../../core/lines.js';
import { fingerprint, redact } from '../../core/redact.js';
import type { Fragment, RawFinding, RuleDescriptor } from '../../core/types.js';
import { suppressionMarker } from '../../suppress/inline.js';
import type { Scanner } from '../scanner.js';
import type { AllowTest, CompiledAllowlist, CompiledSecretRule } from './compile.js';
import { shannonEntropy } from './entropy.js';
import { KeywordMatcher, type KeywordHits } from './keyword-matcher.js';
import { HitLines } from './windows.js';
import { regexShape } from './regex-shape.js';
import { leadingBoundaryLength } from './boundary.js';

interface Candidate {
  rule: CompiledSecretRule;
  start: number;
  end: number;
  secret: string;
}

/** The entropy a value must reach: hex-only values have their own (lower) bar when the rule sets one. */
function entropyBar(rule: CompiledSecretRule, secret: string): number {
  if (rule.hexEntropy !== undefined && /^[0-9a-fA-F]+$/.test(secret)) return rule.hexEntropy;
  return rule.entropy ?? 0;
}

const NO_HITS: KeywordHits = { starts: new Int32Array(0), keywords: new Int32Array(0), count: 0 };

/** How a triggered rule runs: over the whole text, or only in windows around its keyword hits. */
interface RulePlan {
  rule: CompiledSecretRule;
  /** Lines either side of a keyword's line; undefined: the whole text. */
  windowLines?: number;
  /** Which ids of the window matcher place this rule's windows. */
  keywordIds?: Uint8Array;
  /** The rule's regex anchored at one position (`y`), to confirm a window's match in the full text. */
  sticky?: RegExp;
  /**
   * The rule's regex without its leading token-boundary lookbehind (a superset of its match
   * starts, found far faster): each start it proposes is confirmed with `sticky`.
   */
  search?: RegExp;
}

/** The search regex and its sticky confirmation for a rule whose regex opens with {{BOUNDARY_START}}. */
function boundarySearch(regex: RegExp): { search: RegExp; sticky: RegExp } | undefined {
  // Unicode regexes step by code point: a start one code unit on could land inside a pair.
  if (/[uv]/.test(regex.flags)) return undefined;
  const skip = leadingBoundaryLength(regex.source);
  if (skip === 0) return undefined;
  return {
    search: new RegExp(regex.source.slice(skip), regex.flags.replace('d', '')),
    sticky: new RegExp(regex.source, regex.flags.replace('g', '') + 'y'),
  };
}

/**
 * The secret scanner: keyword prefilter, then each triggered rule's regex,
 * then allowlists, entropy and structural validation. Overlapping matches
 * keep the most specific rule (highest priority).
 *
 * On large texts, and on all but tiny ones in a bulk scan (--all), a rule runs
 * only in windows around the hits of its keywords, when its regex allows
 * (regex-shape.ts). The analysis and the larger matcher it needs are built on
 * first use, so hooks that scan a few small fragments never pay for them.
 */
export class SecretDetector implements Scanner {
  readonly name = 'secrets';
  readonly scansChunks = true;
  /** The rules' keywords; ids 0..n-1. */
  private readonly matcher?: KeywordMatcher;
  /** The rules' keywords (same ids) and the literals windows are placed on; built on first use. */
  private windowMatcher?: KeywordMatcher;
  private readonly plans: RulePlan[];
  private readonly alwaysRun: RulePlan[] = [];
  /** Rules each keyword id wakes. */
  private readonly byKeyword: RulePlan[][] = [];
  /** Keyword ids below this are rules' keywords; the rest are window literals. */
  private readonly declared: number;
  /** Rules each keyword id wakes, its inner keywords' included, in wake order. */
  private readonly wakes: RulePlan[][] = [];
  /** Windows on (default) or off: off runs every triggered rule over the whole text, as a reference. */
  static windows = process.env.MSO_SECRET_WINDOWS !== '0';
  /** A text this long sets windows up; so do this many characters scanned in all (a bulk scan). */
  static windowMinChars = 32 * 1024;
  static bulkChars = 512 * 1024;
  /** Once set up, texts this long use windows (shorter ones: the whole text is as quick). */
  static windowedChars = 1024;
  private scannedChars = 0;

  constructor(
    private readonly rules: CompiledSecretRule[],
    private readonly allowlist: CompiledAllowlist,
  ) {
    const declared = [...new Set(rules.flatMap((r) => r.keywords))];
    const ids = new Map(declared.map((k, i) => [k, i]));
    this.declared = declared.length;
    this.plans = rules.map((rule) => ({ rule, ...boundarySearch(rule.regex) }));
    for (let i = 0; i < declared.length; i++) this.byKeyword.push([]);
    for (const plan of this.plans) {
      if (plan.rule.keywords.length === 0) this.alwaysRun.push(plan);
      for (const k of plan.rule.keywords) this.byKeyword[ids.get(k)!]!.push(plan);
    }
    // A keyword wakes its own rules, then those of the keywords inside it ("_password" wakes
    // "passw" and "pass" rules), in this order: rules run, and tie on overlaps, in wake order.
    // The keywords inside each keyword, found by one indexOf pass per keyword over all of them
    // joined (not by testing every pair: ~k² calls on every start, before anything is compiled).
    const n = declared.length;
    const byLength = declared.map((_, i) => i).sort((a, b) => declared[b]!.length - declared[a]!.length);
    const rank = new Int32Array(n);
    for (let r = 0; r < n; r++) rank[byLength[r]!] = r;
    const starts: number[] = [];
    let all = '';
    for (let i = 0; i < n; i++) {
      starts.push(all.length);
      all += declared[i]! + '\n';
    }
    const inner: number[][] = declared.map(() => []);
    for (let j = 0; j < n; j++) {
      const k = declared[j]!;
      if (k === '') {
        for (let i = 0; i < n; i++) if (i !== j) inner[i]!.push(j); // in every other keyword
        continue;
      }
      for (let at = all.indexOf(k); at !== -1; at = all.indexOf(k, at + 1)) {
        // The keyword whose text holds this position; the occurrence must lie inside it.
        let lo = 0;
        let hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid]! <= at) lo = mid;
          else hi = mid - 1;
        }
        const into = inner[lo]!;
        if (lo !== j && at + k.length <= starts[lo]! + declared[lo]!.length && into[into.length - 1] !== j) into.push(j);
      }
    }
    for (let i = 0; i < n; i++) {
      const wake = new Set(this.byKeyword[i]!);
      for (const j of inner[i]!.sort((a, b) => rank[a]! - rank[b]!)) for (const plan of this.byKeyword[j]!) wake.add(plan);
      this.wakes.push([...wake]);
    }
    if (declared.length) this.matcher = new KeywordMatcher(declared);
  }

  /** Decides, once, which rules run in windows and builds the matcher that places them. */
  private windowSetup(): KeywordMatcher | undefined {
    if (this.windowMatcher || !this.matcher) return this.windowMatcher;
    const declared = this.matcher.keywords;
    const shapes = this.rules.map((rule) => regexShape(rule.regex, rule.keywords));
    // Literals only place windows: they get ids after the rules' keywords and wake nothing.
    const keywords = [...new Set([...declared, ...shapes.flatMap((s) => s?.literals ?? [])])];
    const ids = new Map(keywords.map((k, i) => [k, i]));
    this.plans.forEach((plan, i) => {
      const shape = shapes[i];
      if (!shape) return;
      plan.keywordIds = new Uint8Array(keywords.length);
      for (const k of shape.literals ?? plan.rule.keywords) plan.keywordIds[ids.get(k)!] = 1;
      plan.windowLines = shape.windowLines;
      plan.sticky ??= new RegExp(plan.rule.regex.source, plan.rule.regex.flags.replace('g', '') + 'y');
    });
    this.windowMatcher = new KeywordMatcher(keywords);
    return this.windowMatcher;
  }

  accepts(): boolean {
    return true;
  }

  /** The keyword lists of this detector's matchers (the build computes their automata: automaton-file.ts). */
  keywordLists(): Array<readonly string[]> {
    const window = this.windowSetup();
    return this.matcher && window ? [this.matcher.keywords, window.keywords] : [];
  }

  describeRules(): RuleDescriptor[] {
    return this.rules.map((r) => ({
      id: r.id,
      scanner: this.name,
      description: r.description,
      severity: r.severity,
      tags: r.tags,
      cwe: r.cwe,
      help: r.fix,
    }));
  }

  /** Rules whose keywords occur in the text (one Aho–Corasick pass finds every keyword occurrence). */
  private triggered(text: string, matcher: KeywordMatcher | undefined): { plans: Set<RulePlan>; hits: KeywordHits } {
    const plans = new Set<RulePlan>(this.alwaysRun);
    if (!matcher) return { plans, hits: NO_HITS };
    const hits = matcher.hits(text);
    if (hits.count === 0) return { plans, hits };
    // Wake order: by position, the longest keyword at a position (what a left-to-right alternation
    // of keywords, longest first, reports). Only a keyword's first position can wake anything new:
    // at a later one it, or a longer keyword holding it (which wakes its rules too), was seen before.
    const kws = matcher.keywords;
    const first = new Int32Array(this.declared).fill(-1);
    for (let i = 0; i < hits.count; i++) {
      const k = hits.keywords[i]!;
      if (k >= this.declared) continue;
      if (first[k] === -1 || hits.starts[i]! < first[k]!) first[k] = hits.starts[i]!;
    }
    const longest = new Map<number, number>(); // position -> keyword id
    for (const p of first) if (p !== -1) longest.set(p, -1);
    for (let i = 0; i < hits.count; i++) {
      const at = hits.starts[i]!;
      const cur = longest.get(at);
      if (cur === undefined) continue;
      const k = hits.keywords[i]!;
      if (k >= this.declared) continue;
      if (cur === -1 || kws[k]!.length > kws[cur]!.length) longest.set(at, k);
    }
    const seen = new Uint8Array(this.declared);
    for (const at of [...longest.keys()].sort((a, b) => a - b)) {
      const k = longest.get(at)!;
      if (seen[k]) continue;
      seen[k] = 1;
      for (const p of this.wakes[k]!) plans.add(p);
      if (plans.size === this.plans.length) break;
    }
    return { plans, hits };
  }

  scan(fragment: Fragment): RawFinding[] {
    const { text, path } = fragment;
    if (!text) return [];
    this.scannedChars += text.length;
    const windowed =
      SecretDetector.windows &&
      (text.length >= SecretDetector.windowMinChars ||
        (text.length >= SecretDetector.windowedChars && (this.windowMatcher !== undefined || this.scannedChars >= SecretDetector.bulkChars)));
    const { plans, hits } = this.triggered(text, windowed ? this.windowSetup() : this.matcher);
    if (plans.size === 0) return [];
    if (this.allowlist.pathAllowed?.(path)) {
      for (const p of plans) if (p.rule.useGlobalAllowlist) plans.delete(p);
    }
    let index: LineIndex | undefined;
    const lines = () => (index ??= new LineIndex(text));
    const candidates: Candidate[] = [];
    const hitLines = windowed ? new HitLines(text, hits) : undefined;
    // Wake order, as before: it breaks ties when overlapping candidates are resolved.
    for (const plan of plans) {
      const rule = plan.rule;
      if (rule.pathFilter && !rule.pathFilter(path)) continue;
      const consider = (m: RegExpExecArray) => {
        const secretSpan = m.indices?.groups?.secret ?? m.indices?.[0];
        const secret = m.groups?.secret ?? m[0];
        if (!secretSpan || !secret) return;
        const [start, end] = rule.region === 'match' ? m.indices![0]! : secretSpan;
        if (this.isAllowed(rule, secret, m[0], lines, start)) return;
        if (rule.entropy !== undefined && shannonEntropy(secret) < entropyBar(rule, secret)) return;
        if (rule.validate && !rule.validate(secret)) return;
        candidates.push({ rule, start, end, secret });
      };
      if (windowed && plan.keywordIds) {
        this.runInWindows(plan, text, hitLines!, consider);
        continue;
      }
      if (plan.search) {
        this.runConfirmed(plan.search, plan.sticky!, text, 0, consider);
        continue;
      }
      const re = rule.regex;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        consider(m);
      }
    }
    if (candidates.length === 0) return [];
    return this.toFindings(fragment, lines(), this.dropOverlaps(candidates));
  }

  /**
   * The rule's matches, exactly as a global exec over the whole text would give
   * them, found only inside windows around its keyword hits. A window's slice
   * proposes a start; the sticky regex on the full text confirms it (so anchors,
   * lookbehinds and word boundaries see the real neighbours), and the search
   * resumes where the confirmed match ends, as `lastIndex` would.
   */
  private runInWindows(plan: RulePlan, text: string, hitLines: HitLines, consider: (m: RegExpExecArray) => void): void {
    const re = plan.search ?? plan.rule.regex;
    const sticky = plan.sticky!;
    const windows = hitLines.windows(plan.keywordIds!, plan.windowLines!);
    let pos = 0; // the full-text lastIndex
    for (let w = 0; w < windows.length; w += 2) {
      const ws = windows[w]!;
      const we = windows[w + 1]!;
      if (pos >= we) continue;
      const slice = text.slice(ws, we);
      re.lastIndex = Math.max(pos, ws) - ws;
      while (re.lastIndex <= slice.length) {
        const m = re.exec(slice);
        if (!m) break;
        const s = ws + m.index;
        sticky.lastIndex = s;
        const v = sticky.exec(text);
        if (!v) {
          re.lastIndex = m.index + 1;
          continue;
        }
        if (v[0].length === 0) {
          pos = s + 1;
          re.lastIndex = m.index + 1;
          continue;
        }
        consider(v);
        pos = s + v[0].length;
        re.lastIndex = pos - ws;
      }
    }
  }

  /**
   * A global exec of the rule over the whole text, from `from`, done as: `search` proposes the
   * next start (it matches wherever the rule does), the sticky rule confirms it there.
   */
  private runConfirmed(search: RegExp, sticky: RegExp, text: string, from: number, consider: (m: RegExpExecArray) => void): void {
    search.lastIndex = from;
    for (let m = search.exec(text); m; m = search.exec(text)) {
      const s = m.index;
      sticky.lastIndex = s;
      const v = sticky.exec(text);
      if (v && v[0].length > 0) {
        consider(v);
        search.lastIndex = s + v[0].length;
      } else search.lastIndex = s + 1;
    }
  }

  private isAllowed(rule: CompiledSecretRule, secret: string, match: string, lines: () => LineIndex, offset: number): boolean {
    const lower = secret.toLowerCase();
    if (rule.stopwords.some((w) => lower.includes(w))) return true;
    let line: string | undefined;
    const test = (t: AllowTest) => {
      if (t.target === 'secret') return t.regex.test(secret);
      if (t.target === 'match') return t.regex.test(match);
      if (line === undefined) {
        const index = lines();
        line = index.lineText(index.lineAt(offset));
      }
      return t.regex.test(line);
    };
    if (rule.allow.some(test)) return true;
    if (!rule.useGlobalAllowlist) return false;
    if (this.allowlist.stopwords.some((w) => lower.includes(w))) return true;
    return this.allowlist.tests.some(test);
  }

  private dropOverlaps(cands: Candidate[]): Candidate[] {
    if (cands.length < 2) return cands;
    const sorted = [...cands].sort((a, b) => b.rule.priority - a.rule.priority || b.end - b.start - (a.end - a.start));
    const kept: Candidate[] = [];
    for (const c of sorted) {
      if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
    }
    return kept.sort((a, b) => a.start - b.start);
  }

  private toFindings(fragment: Fragment, index: LineIndex, cands: Candidate[]): RawFinding[] {
    return cands.map(({ rule, start, end, secret }) => {
      const startLine = index.lineAt(start);
      const endLine = index.lineAt(Math.max(start, end - 1));
      let suppressed: string | undefined;
      for (let l = startLine; l <= endLine && !suppressed; l++) suppressed = suppressionMarker(index.lineText(l));
      return {
        ruleId: rule.id,
        scanner: this.name,
        severity: rule.severity,
        message: rule.description,
        file: fragment.path,
        line: realLine(fragment, startLine),
        endLine: realLine(fragment, endLine),
        column: index.columnAt(start),
        endColumn: index.columnAt(Math.max(start, end - 1)) + 1,
        preview: redact(secret),
        fingerprint: fingerprint(rule.id, fragment.path, secret),
        tags: rule.tags,
        cwe: rule.cwe,
        fix: rule.fix,
        commit: fragment.commit,
        suppressed,
      };
    });
  }
}
