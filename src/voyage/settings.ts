import micromatch from 'micromatch';
import { DEFAULT_PROTECTED_PATHS, type WorkspaceConfig } from '../config/workspace.js';

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
