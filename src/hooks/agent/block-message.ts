import type { Finding } from '../../core/types.js';
import { MAX_LISTED_FINDINGS } from './limits.js';
import type { Located } from './fragment-set.js';

/**
 * What the hooks print on stderr when they block. Claude Code hands this text
 * to the model (PreToolUse, PostToolUse) or to the user (UserPromptSubmit), so
 * it is short, names the rule, and never holds a secret: only the redacted
 * preview the scanner produced.
 */
export interface LocatedFinding {
  finding: Finding;
  where: Located;
}

function cweText(f: Finding): string {
  return f.cwe.length ? f.cwe.join(', ') : 'no CWE';
}

export function secretBlockMessage(subject: string, found: LocatedFinding[], isPrompt: boolean): string {
  const n = found.length;
  const lines = [`mso pretool: blocked ${subject}: it carries ${n === 1 ? 'a secret' : `${n} secrets`}.`];
  for (const { finding: f, where } of found.slice(0, MAX_LISTED_FINDINGS)) {
    lines.push(`  - ${f.ruleId} (${f.message}, ${cweText(f)}) in ${where.label}, line ${where.line}: ${f.preview}`);
  }
  if (n > MAX_LISTED_FINDINGS) lines.push(`  ... and ${n - MAX_LISTED_FINDINGS} more`);
  lines.push(
    isPrompt
      ? 'The prompt was not sent. Remove the secret (rotate it if it was real) and send the prompt again.'
      : 'Nothing was run or written. Do not put the secret in the call: read it from the environment or a secret manager at run time.',
  );
  return lines.join('\n') + '\n';
}

export function codeFindingsMessage(findings: Finding[]): string {
  const n = findings.length;
  const lines = [`mso posttool: ${n === 1 ? '1 finding' : `${n} findings`} in what was just written; fix ${n === 1 ? 'it' : 'them'}:`];
  for (const f of findings.slice(0, MAX_LISTED_FINDINGS)) {
    const preview = f.scanner === 'secrets' ? ` (${f.preview})` : '';
    lines.push(`  - ${f.file}:${f.line}  ${cweText(f)}  ${f.ruleId}: ${f.message}${preview}`);
    lines.push(`      fix: ${f.fix ?? 'see the rule documentation (mso scan --format json shows the rule help).'}`);
  }
  if (n > MAX_LISTED_FINDINGS) lines.push(`  ... and ${n - MAX_LISTED_FINDINGS} more (run: mso scan --all <file>)`);
  return lines.join('\n') + '\n';
}
