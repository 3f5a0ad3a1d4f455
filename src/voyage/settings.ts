import micromatch from 'micromatch';
import { DEFAULT_PROTECTED_PATHS, loadWorkspaceConfig, type WorkspaceConfig } from '../config/workspace.js';
import { listVoyages } from './record.js';

/** The dispatch settings that have two spellings in .mso/workspace.json (top level or under "dispatch"). */
export function testCommand(config: WorkspaceConfig): string | undefined {
  return config.dispatch.test ?? config.test;
}

export function protectedPatterns(config: WorkspaceConfig): string[] {
  return config.dispatch.protectedPaths ?? config.protectedPaths ?? DEFAULT_PROTECTED_PATHS;
}

/** Branches that ungated voyage content must not reach (besides each voyage's base). */
export const DEFAULT_PROTECTED_BRANCHES = ['main', 'master'];

export function protectedBranchPatterns(config: WorkspaceConfig): string[] {
  return config.dispatch.protectedBranches ?? DEFAULT_PROTECTED_BRANCHES;
}

/** The branches voyage content must not reach: the configured names (globs) and every voyage's base. */
export function protectedBranches(root: string): string[] {
  const patterns = protectedBranchPatterns(loadWorkspaceConfig(root));
  const bases = listVoyages(root).map((v) => v.base);
  return [...new Set([...patterns, ...bases])];
}

/**
 * Whether a full ref name (refs/heads/<branch>) is a protected branch. Case-insensitive: on macOS and
 * Windows `Main` and `main` are one loose ref, and a hosting service may fold them too.
 */
export function isProtectedBranchRef(ref: string, patterns: string[]): boolean {
  if (!ref.startsWith('refs/heads/')) return false;
  const name = ref.slice('refs/heads/'.length);
  return patterns.some((p) => p.toLowerCase() === name.toLowerCase() || micromatch.isMatch(name, p, { nocase: true }));
}

/** "dir/" protects everything below dir; anything else is an exact path or a glob. */
export function isProtected(path: string, patterns: string[]): boolean {
  return patterns.some((p) => {
    const pat = p.replace(/^\.\//, '').replace(/^\//, '');
    if (pat.endsWith('/')) return path === pat.slice(0, -1) || path.startsWith(pat);
    return path === pat || micromatch.isMatch(path, pat, { dot: true });
  });
}

/** Environment for commands run on a crew's code: no API keys or tokens from ours. */
export function scrubbedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^ANTHROPIC_|KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL|^AWS_|^GITHUB_|^GH_|^NPM_/i.test(k)) continue;
    env[k] = v;
  }
  return env;
}
