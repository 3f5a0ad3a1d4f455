import type { Finding, Fragment } from '../core/types.js';
import type { WorkspaceConfig } from '../config/workspace.js';
import { scanFiles, scanFragments } from '../engine/api.js';
import type { FindingRef } from '../voyage/record.js';

/**
 * The crew's guards, in one place so they can later call the shared agent-hook
 * logic (src/hooks/agent/): the pretool check (no secret in a tool input), the
 * posttool scan (every scanner over a written file) and the outgoing check (no
 * secret in anything about to be sent to the model). Content the crew wrote
 * gets no baseline and no `mso:allow`: a crew cannot silence its own findings.
 */
export interface GuardResult {
  findings: Finding[];
  /** Findings hidden by inline markers in the scanned content. */
  suppressed: number;
  /** Why the call is refused outright: it changes mso's control plane (src/hooks/agent/control-guard.ts). */
  refused?: string;
}

export interface GuardContext {
  /** Repository root: its workspace configuration and rules apply. */
  root: string;
  config: WorkspaceConfig;
  /** The voyage worktree (written files are scanned there). */
  worktree: string;
}

/** Every string inside a tool input, with where it sits ("content", "edits[0].text"). */
function strings(value: unknown, at: string, out: Array<{ at: string; text: string }>): void {
  if (typeof value === 'string') out.push({ at, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, at ? `${at}.${k}` : k, out);
}

/** The crew's tools that only read: their paths are not checked against the control plane. */
const CREW_READ_TOOLS = new Set(['list_files', 'read_file', 'run_tests']);

/** Pretool: a change to mso's control plane (in the worktree too), or a secret anywhere in a tool input, refuses the call. */
export async function pretoolCheck(ctx: GuardContext, tool: string, input: unknown): Promise<GuardResult> {
  if (!CREW_READ_TOOLS.has(tool) && input && typeof input === 'object') {
    const { controlPlaneRefusal } = await import('../hooks/agent/control-guard.js');
    const refused = controlPlaneRefusal(tool, input as Record<string, unknown>, { root: ctx.worktree, cwd: ctx.worktree, config: ctx.config });
    if (refused) return { findings: [], suppressed: 0, refused };
  }
  const list: Array<{ at: string; text: string }> = [];
  strings(input, '', list);
  const target = input && typeof input === 'object' && typeof (input as { path?: unknown }).path === 'string' ? (input as { path: string }).path : undefined;
  // Content bound for a file is scanned under that file's name, so path-based rules (.env, *.pem) apply.
  const fragments: Fragment[] = list.map((s) => ({ path: s.at === 'content' && target ? target : `${tool}.${s.at || 'input'}`, text: s.text }));
  const res = await scanFragments(fragments, { root: ctx.root, config: ctx.config, scanners: ['secrets'], useBaseline: false });
  return { findings: res.findings, suppressed: res.stats.suppressed };
}

/** Posttool: every scanner over a file the crew just wrote. */
export async function posttoolScan(ctx: GuardContext, relPath: string): Promise<GuardResult> {
  const res = await scanFiles([relPath], { root: ctx.worktree, cwd: ctx.worktree, config: ctx.config, scanners: 'all', useBaseline: false });
  return { findings: res.findings, suppressed: res.stats.suppressed };
}

/** Outgoing: the secret scan of everything about to leave for the model (order, file contents, tool output). */
export async function outgoingCheck(ctx: GuardContext, fragments: Fragment[]): Promise<GuardResult> {
  if (fragments.length === 0) return { findings: [], suppressed: 0 };
  const res = await scanFragments(fragments, { root: ctx.root, config: ctx.config, scanners: ['secrets'], useBaseline: false });
  return { findings: res.findings, suppressed: res.stats.suppressed };
}

export function findingRef(f: Finding): FindingRef {
  return { file: f.file, line: f.line, ruleId: f.ruleId, severity: f.severity, preview: f.preview };
}

export function describeFinding(f: Finding): string {
  return `${f.file}:${f.line}: ${f.ruleId} (${f.severity}) ${f.message}: ${f.preview}${f.fix ? ` — fix: ${f.fix}` : ''}`;
}
