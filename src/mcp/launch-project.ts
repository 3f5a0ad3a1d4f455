import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Launchers also read configuration from the project folder they start in
 * (Claude Code starts stdio servers in the project): a committed `.npmrc`
 * with `registry=…` makes `npx -y known@1.0.0` fetch from another registry
 * without a word in `.mcp.json`. So a package launch is only read exactly
 * when the project's files for that launcher hold nothing that changes what
 * runs:
 *
 * - npm family (npx, npm exec, pnpm dlx, bunx): `.npmrc` may hold only the
 *   settings on the allow-list below and credentials for a registry host
 *   (`//host/:_authToken=…`); any other key (registry, @scope:registry, ca,
 *   strict-ssl, node-options, script-shell, userconfig, proxy…) is refused.
 * - bun: any `bunfig.toml` (it can preload code and name registries).
 * - yarn dlx: `.yarnrc.yml` naming registries, proxies, plugins or yarnPath.
 * - uv (uvx, uv tool run): any `uv.toml`, or a `[tool.uv…]` table in
 *   `pyproject.toml`, unless the launch passes `--no-config` / `--isolated`.
 */
export type ProjectFileReader = (path: string) => string | undefined;

export const LAUNCHER_CONFIG_FILES = ['.npmrc', 'bunfig.toml', '.yarnrc.yml', 'uv.toml', 'pyproject.toml'] as const;

export function workingTreeReader(root: string): ProjectFileReader {
  return (path) => {
    try {
      return readFileSync(join(root, path), 'utf8');
    } catch {
      return undefined;
    }
  };
}

const NPMRC_ALLOWED = new Set([
  'loglevel', 'fund', 'audit', 'audit-level', 'update-notifier', 'save', 'save-exact', 'save-prefix', 'engine-strict',
  'package-lock', 'progress', 'color', 'legacy-peer-deps', 'auto-install-peers', 'strict-peer-dependencies',
  'shamefully-hoist', 'node-linker', 'lockfile', 'ignore-scripts', 'prefer-offline', 'offline', 'yes',
  'fetch-retries', 'fetch-retry-mintimeout', 'fetch-retry-maxtimeout', 'fetch-timeout', 'email', 'always-auth',
  'init-author-name', 'init-author-email', 'init-author-url', 'init-license', 'init-version', 'sign-git-tag',
  'message', 'unicode', 'timing', 'link-workspace-packages', 'resolution-mode', 'dedupe-peer-dependents',
]);

function npmrcProblem(text: string): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim().replace(/^["']|["']$/g, '');
    if (/^\/\/[^\s=]+:(_authToken|_auth|username|_password|email|always-auth|certfile|keyfile)$/.test(key)) continue;
    if (!NPMRC_ALLOWED.has(key.toLowerCase())) return `the project's .npmrc sets '${key}', which npm reads and which can change what it fetches or runs`;
  }
  return undefined;
}

function yarnrcProblem(text: string): string | undefined {
  const m = /^\s*(npmRegistryServer|npmScopes|npmAuthIdent|unsafeHttpWhitelist|httpProxy|httpsProxy|caFilePath|httpsCaFilePath|enableStrictSsl|yarnPath|plugins|injectEnvironmentFiles|packageExtensions)\s*:/m.exec(text);
  return m ? `the project's .yarnrc.yml sets '${m[1]}', which can change what yarn fetches or runs` : undefined;
}

/** Why the project's launcher configuration makes this launch unreadable, if it does. */
export function projectConfigProblem(runner: string, ignoresConfig: boolean, read: ProjectFileReader): string | undefined {
  if (/^(npx|npm exec|pnpm dlx|bunx|bun x)$/.test(runner)) {
    const npmrc = read('.npmrc');
    const p = npmrc === undefined ? undefined : npmrcProblem(npmrc);
    if (p) return p;
  }
  if (/^(bunx|bun x)$/.test(runner) && read('bunfig.toml') !== undefined) {
    return "the project has a bunfig.toml, which bun reads (it can preload code and name registries)";
  }
  if (runner === 'yarn dlx') {
    const rc = read('.yarnrc.yml');
    const p = rc === undefined ? undefined : yarnrcProblem(rc);
    if (p) return p;
  }
  if (/^(uvx|uv tool run)$/.test(runner) && !ignoresConfig) {
    if (read('uv.toml') !== undefined) return "the project has a uv.toml, which uv reads (indexes, sources, overrides); pass --no-config to ignore it";
    const py = read('pyproject.toml');
    if (py !== undefined && /^\s*\[\[?\s*tool\.uv\b/m.test(py)) {
      return 'the project\'s pyproject.toml has a [tool.uv] table, which uv reads (indexes, sources, overrides); pass --no-config to ignore it';
    }
  }
  return undefined;
}
