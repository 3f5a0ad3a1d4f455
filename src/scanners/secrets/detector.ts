import { LineIndex, realLine } from '../../core/lines.js';
import { fingerprint, redact } from '../../core/redact.js';
import type { Fragment, RawFinding, RuleDescriptor } from '../../core/types.js';
import { suppressionMarker } from '../../suppress/inline.js';
import type { Scanner } from '../scanner.js';
import type { AllowTest, CompiledAllowlist, CompiledSecretRule } from './compile.js';
import { shannonEntropy } from './entropy.js';

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

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The secret scanner: keyword prefilter, then each triggered rule's regex,
 * then allowlists, entropy and structural validation. Overlapping matches
 * keep the most specific rule (highest priority).
 */
export class SecretDetector implements Scanner {
  readonly name = 'secrets';
  private readonly keywordRe?: RegExp;
  private readonly byKeyword = new Map<string, CompiledSecretRule[]>();
  private readonly alwaysRun: CompiledSecretRule[] = [];
  /** Rules a keyword wakes: its own and those of the keywords it contains. */
  private readonly triggers = new Map<string, CompiledSecretRule[]>();

  constructor(
    private readonly rules: CompiledSecretRule[],
    private readonly allowlist: CompiledAllowlist,
  ) {
    for (const rule of rules) {
      if (rule.keywords.length === 0) this.alwaysRun.push(rule);
      for (const kw of rule.keywords) {
        const list = this.byKeyword.get(kw) ?? [];
        list.push(rule);
        this.byKeyword.set(kw, list);
      }
    }
    const kws = [...this.byKeyword.keys()].sort((a, b) => b.length - a.length);
    // The alternation reports one keyword per position (the longest), so a keyword
    // also triggers the rules of every keyword inside it: "_password" must wake the
    // rules keyed on "passw" and "pass" too.
    for (const kw of kws) {
      const inner = kws.filter((k) => k !== kw && kw.includes(k)).flatMap((k) => this.byKeyword.get(k) ?? []);
      if (inner.length) this.triggers.set(kw, [...new Set([...(this.byKeyword.get(kw) ?? []), ...inner])]);
    }
    if (kws.length) this.keywordRe = new RegExp(kws.map(escapeRegex).join('|'), 'gi');
  }

  accepts(): boolean {
    return true;
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

  /** Rules whose keywords occur in the text (one pass over the text for all keywords). */
  private triggeredRules(text: string): Set<CompiledSecretRule> {
    const out = new Set<CompiledSecretRule>(this.alwaysRun);
    if (!this.keywordRe) return out;
    const seen = new Set<string>();
    this.keywordRe.lastIndex = 0;
    for (let m = this.keywordRe.exec(text); m; m = this.keywordRe.exec(text)) {
      // Overlapping matches: "_password" at i must not hide "passw" at i + 1.
      this.keywordRe.lastIndex = m.index + 1;
      const kw = m[0].toLowerCase();
      if (seen.has(kw)) continue;
      seen.add(kw);
      for (const r of this.triggers.get(kw) ?? this.byKeyword.get(kw) ?? []) out.add(r);
      if (out.size === this.rules.length) break;
    }
    return out;
  }

  scan(fragment: Fragment): RawFinding[] {
    const { text, path } = fragment;
    if (!text) return [];
    const rules = this.triggeredRules(text);
    if (rules.size === 0) return [];
    if (this.allowlist.pathAllowed?.(path)) {
      for (const r of rules) if (r.useGlobalAllowlist) rules.delete(r);
    }
    const index = new LineIndex(text);
    const candidates: Candidate[] = [];
    for (const rule of rules) {
      if (rule.pathFilter && !rule.pathFilter(path)) continue;
      const re = rule.regex;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const secretSpan = m.indices?.groups?.secret ?? m.indices?.[0];
        const secret = m.groups?.secret ?? m[0];
        if (!secretSpan || !secret) continue;
        const [start, end] = rule.region === 'match' ? m.indices![0]! : secretSpan;
        if (this.isAllowed(rule, secret, m[0], index, start)) continue;
        if (rule.entropy !== undefined && shannonEntropy(secret) < entropyBar(rule, secret)) continue;
        if (rule.validate && !rule.validate(secret)) continue;
        candidates.push({ rule, start, end, secret });
      }
    }
    return this.toFindings(fragment, index, this.dropOverlaps(candidates));
  }

  private isAllowed(rule: CompiledSecretRule, secret: string, match: string, index: LineIndex, offset: number): boolean {
    const lower = secret.toLowerCase();
    if (rule.stopwords.some((w) => lower.includes(w))) return true;
    let line: string | undefined;
    const test = (t: AllowTest) => {
      if (t.target === 'secret') return t.regex.test(secret);
      if (t.target === 'match') return t.regex.test(match);
      line ??= index.lineText(index.lineAt(offset));
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
