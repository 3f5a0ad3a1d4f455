import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import type { McpServerConfig } from './config-files.js';

/**
 * What a configured MCP server actually runs, derived from its command line or
 * URL, never from the name the user gave it: renaming a server changes nothing.
 *
 *   npx -y @scope/pkg@1.2.3          → npm:@scope/pkg          version 1.2.3
 *   uvx mcp-server-fetch==2025.1.1    → pypi:mcp-server-fetch   version 2025.1.1
 *   docker run -i --rm ghcr.io/o/img:v1 → docker:ghcr.io/o/img  version v1
 *   node servers/notes.js             → command:node servers/notes.js
 *   https://mcp.example.com/mcp       → url:mcp.example.com/mcp
 */
export type IdentityKind = 'npm' | 'pypi' | 'docker' | 'command' | 'url';
export const IDENTITY_KINDS: readonly IdentityKind[] = ['npm', 'pypi', 'docker', 'command', 'url'];

export interface ServerIdentity {
  kind: IdentityKind;
  /** Package name, image without tag, command line, or host + path. */
  name: string;
  /** Version, tag or digest when the configuration names one. */
  version?: string;
  /** `kind:name`: what classifications are keyed by (every version of a package). */
  key: string;
  /** `kind:name@version` when there is a version: what approvals are keyed by. */
  full: string;
  /** Package runners and images only: true when the version is exact and immutable enough. */
  pinned?: boolean;
  /** Why the version is not pinned, for reports. */
  pinProblem?: string;
  /** The launcher that fetches the package (npx, uvx, docker...), when there is one. */
  runner?: string;
}

function make(kind: IdentityKind, name: string, extra: Partial<ServerIdentity> = {}): ServerIdentity {
  const key = `${kind}:${name}`;
  const sepChar = kind === 'docker' && extra.version?.startsWith('sha256:') ? '@' : kind === 'docker' ? ':' : '@';
  return { kind, name, key, full: extra.version ? `${key}${sepChar}${extra.version}` : key, ...extra };
}

/** Command names without directories or Windows executable suffixes. */
export function commandBase(command: string): string {
  return basename(command.replace(/\\/g, '/')).replace(/\.(exe|cmd|bat|ps1)$/i, '');
}

const NPM_EXACT = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const PYPI_EXACT = /^\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?(?:\+[0-9a-z.]+)?$/i;
const MUTABLE_DOCKER_TAGS = new Set(['latest', 'main', 'master', 'edge', 'nightly', 'dev', 'stable', 'head']);

function versionFromEnv(v: string): boolean {
  return /\$\{?[A-Za-z_]/.test(v);
}

/** `@scope/name@1.2.3` → name and version; GitHub and URL specs keep the whole spec as name. */
export function parseNpmSpec(spec: string): ServerIdentity {
  let name = spec;
  let version: string | undefined;
  if (/^(github:|git\+|git:|https?:|file:|\.{0,2}\/)/.test(spec)) {
    const hash = spec.lastIndexOf('#');
    if (hash > 0) {
      name = spec.slice(0, hash);
      version = spec.slice(hash + 1);
    }
    const pinned = !!version && /^[0-9a-f]{40}$/.test(version);
    return make('npm', name, { version, pinned, pinProblem: pinned ? undefined : 'a git or URL package without a full commit hash' });
  }
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  if (at > 0) {
    name = spec.slice(0, at);
    version = spec.slice(at + 1) || undefined;
  }
  name = name.toLowerCase();
  if (!version) return make('npm', name, { pinned: false, pinProblem: 'no version: whatever is newest runs' });
  if (versionFromEnv(version)) return make('npm', name, { version, pinned: false, pinProblem: 'the version comes from an environment variable' });
  if (!NPM_EXACT.test(version)) {
    return make('npm', name, { version, pinned: false, pinProblem: `version '${version}' is a tag or range, not an exact version` });
  }
  return make('npm', name, { version: version.replace(/^v/, ''), pinned: true });
}

/** PyPI names compare normalised (PEP 503): lower case, runs of -_. become one -. */
export function normalisePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** `pkg==1.2`, `pkg@1.2`, `pkg[extra]>=1`, `pkg` → name and version. */
export function parsePypiSpec(spec: string): ServerIdentity {
  if (/^(git\+|https?:|file:|\.{0,2}\/)/.test(spec)) {
    // `git+https://host/repo@<rev>`: a revision only after the last path segment (not `git@host`).
    const at = spec.lastIndexOf('@');
    const rev = at > spec.lastIndexOf('/') ? spec.slice(at + 1) : undefined;
    const pinned = !!rev && /^[0-9a-f]{40}$/.test(rev);
    return make('pypi', rev ? spec.slice(0, at) : spec, { version: rev, pinned, pinProblem: pinned ? undefined : 'a git or URL package without a full commit hash' });
  }
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/.exec(spec.trim());
  if (!m) return make('pypi', spec, { pinned: false, pinProblem: 'cannot read the package specification' });
  const name = normalisePypiName(m[1]!);
  const rest = (m[3] ?? '').trim();
  if (!rest) return make('pypi', name, { pinned: false, pinProblem: 'no version: whatever is newest runs' });
  const exact = /^(?:===?|@)\s*(.+)$/.exec(rest);
  const version = exact ? exact[1]!.trim() : rest;
  if (versionFromEnv(version)) return make('pypi', name, { version, pinned: false, pinProblem: 'the version comes from an environment variable' });
  if (!exact || !PYPI_EXACT.test(version)) {
    return make('pypi', name, { version, pinned: false, pinProblem: `version '${version}' is a range or tag, not an exact version` });
  }
  return make('pypi', name, { version, pinned: true });
}

/** Docker image references: registry/repo[:tag][@digest], Docker Hub names normalised. */
export function parseImage(ref: string): ServerIdentity {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let name = rest.toLowerCase().replace(/^(?:index\.)?docker\.io\//, '');
  if (name.startsWith('library/')) name = name.slice('library/'.length);
  if (digest) {
    const pinned = /^sha256:[0-9a-f]{64}$/.test(digest);
    return make('docker', name, { version: digest, pinned, pinProblem: pinned ? undefined : 'malformed image digest' });
  }
  if (!tag) return make('docker', name, { pinned: false, pinProblem: 'no tag: the image is whatever :latest points to' });
  if (versionFromEnv(tag)) return make('docker', name, { version: tag, pinned: false, pinProblem: 'the tag comes from an environment variable' });
  if (MUTABLE_DOCKER_TAGS.has(tag.toLowerCase())) {
    return make('docker', name, { version: tag, pinned: false, pinProblem: `tag '${tag}' moves; pin a version tag or a digest` });
  }
  return make('docker', name, { version: tag, pinned: true });
}

/** Options of each launcher that take a value (so the value is not taken for the package). */
const NPX_VALUE_OPTS = new Set(['-p', '--package', '-c', '--call', '--registry', '--cache', '--userconfig', '-w', '--workspace', '--node-options']);
const UVX_VALUE_OPTS = new Set([
  '--from', '--with', '--with-editable', '--with-requirements', '-p', '--python', '--index', '--index-url', '-i',
  '--default-index', '--extra-index-url', '--find-links', '-f', '--directory', '--project', '--config-file',
  '--cache-dir', '--python-preference', '--index-strategy', '--keyring-provider', '--resolution', '--prerelease',
  '--exclude-newer', '--link-mode', '--refresh-package', '--reinstall-package', '--upgrade-package', '-P', '--env-file',
  '--constraints', '-c', '--overrides', '--build-constraints', '-b', '--color', '--allow-insecure-host',
]);
const PIPX_VALUE_OPTS = new Set(['--spec', '--python', '--index-url', '-i', '--pip-args', '--fetch-missing-python', '--backend']);
const DOCKER_VALUE_OPTS = new Set([
  '-e', '--env', '--env-file', '-v', '--volume', '--name', '-p', '--publish', '--network', '--net', '-w', '--workdir',
  '-u', '--user', '--entrypoint', '--mount', '--platform', '-l', '--label', '--label-file', '--cpus', '-m', '--memory',
  '--add-host', '--cap-add', '--cap-drop', '--device', '--dns', '-h', '--hostname', '--ipc', '--pid', '--pull',
  '--restart', '--runtime', '--security-opt', '--shm-size', '--stop-signal', '--stop-timeout', '--tmpfs', '--ulimit',
  '--userns', '--volumes-from', '--log-driver', '--log-opt', '--gpus', '-a', '--attach', '--cidfile', '--cgroupns',
  '--expose', '--group-add', '--health-cmd', '--ip', '--ip6', '--link', '--mac-address', '--memory-swap', '--pids-limit',
  '--cpu-shares', '-c', '--cpuset-cpus', '--uts', '--isolation', '--annotation', '--network-alias', '--detach-keys',
]);

/** Index of the first positional argument, skipping options (and their values). */
function firstPositional(args: string[], valueOpts: Set<string>, from = 0): number {
  for (let i = from; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return i + 1 < args.length ? i + 1 : -1;
    if (a.startsWith('-') && a.length > 1) {
      if (!a.includes('=') && valueOpts.has(a)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

function optionValue(args: string[], names: string[], end: number): string | undefined {
  for (let i = 0; i < end && i < args.length; i++) {
    const a = args[i]!;
    for (const n of names) {
      if (a === n) return args[i + 1];
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
  }
  return undefined;
}

function npmRunner(runner: string, args: string[]): ServerIdentity | undefined {
  const pos = firstPositional(args, NPX_VALUE_OPTS);
  const pkg = optionValue(args, ['-p', '--package'], pos < 0 ? args.length : pos) ?? (pos >= 0 ? args[pos] : undefined);
  if (!pkg) return undefined;
  return { ...parseNpmSpec(pkg), runner };
}

function pypiRunner(runner: string, args: string[], valueOpts: Set<string>, fromOpts: string[]): ServerIdentity | undefined {
  const pos = firstPositional(args, valueOpts);
  const spec = optionValue(args, fromOpts, pos < 0 ? args.length : pos) ?? (pos >= 0 ? args[pos] : undefined);
  if (!spec) return undefined;
  return { ...parsePypiSpec(spec), runner };
}

function dockerRunner(runner: string, args: string[]): ServerIdentity | undefined {
  let i = 0;
  if (args[0] === 'container') i = 1;
  if (args[i] !== 'run') return undefined;
  const pos = firstPositional(args, DOCKER_VALUE_OPTS, i + 1);
  if (pos < 0) return undefined;
  return { ...parseImage(args[pos]!), runner };
}

const INTERPRETERS = /^(node|nodejs|deno|bun|tsx|ts-node|python[0-9.]*|py|ruby|perl|php|java|sh|bash|zsh|pwsh|powershell)$/i;

/** A path as it appears in an identity: relative to the project when inside it, posix separators. */
function normalisePath(p: string, root: string): string {
  if (!/[\\/]/.test(p)) return p;
  const abs = isAbsolute(p) ? p : resolve(root, p);
  const rel = relative(root, abs);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return abs.split(sep).join('/');
}

function shellSplit(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** A stdio server's identity from its command and arguments. */
export function stdioIdentity(command: string, args: string[], root: string): ServerIdentity {
  const base = commandBase(command).toLowerCase();
  // Wrappers: `cmd /c npx ...`, `sh -c "npx ..."` run the inner command line.
  if (base === 'cmd' && /^\/c$/i.test(args[0] ?? '') && args[1]) return stdioIdentity(args[1], args.slice(2), root);
  if (/^(sh|bash|zsh)$/.test(base) && args[0] === '-c' && args[1]) {
    const inner = shellSplit(args[1]);
    if (inner[0]) return stdioIdentity(inner[0], inner.slice(1), root);
  }
  let found: ServerIdentity | undefined;
  if (base === 'npx' || base === 'bunx' || base === 'pnpx') found = npmRunner(base, args);
  else if ((base === 'pnpm' || base === 'yarn') && args[0] === 'dlx') found = npmRunner(`${base} dlx`, args.slice(1));
  else if (base === 'npm' && (args[0] === 'exec' || args[0] === 'x')) found = npmRunner('npm exec', args.slice(1));
  else if (base === 'bun' && args[0] === 'x') found = npmRunner('bun x', args.slice(1));
  else if (base === 'uvx') found = pypiRunner('uvx', args, UVX_VALUE_OPTS, ['--from']);
  else if (base === 'uv' && args[0] === 'tool' && args[1] === 'run') found = pypiRunner('uv tool run', args.slice(2), UVX_VALUE_OPTS, ['--from']);
  else if (base === 'pipx' && args[0] === 'run') found = pypiRunner('pipx run', args.slice(1), PIPX_VALUE_OPTS, ['--spec']);
  else if (base === 'docker' || base === 'podman') found = dockerRunner(base, args);
  if (found) return found;

  const cmd = normalisePath(command, root);
  if (INTERPRETERS.test(base)) {
    const m = args.indexOf('-m');
    if (/^python|^py$/i.test(base) && m >= 0 && args[m + 1]) return make('command', `${cmd} -m ${args[m + 1]}`);
    const pos = firstPositional(args, new Set(['-r', '--require', '--import', '--loader', '-e', '--eval', '-c']));
    if (pos >= 0) return make('command', `${cmd} ${normalisePath(args[pos]!, root)}`);
  }
  return make('command', /[\\/]/.test(command) ? cmd : commandBase(command));
}

/** A network server's identity: host (with a non-default port) and path; never the query or credentials. */
export function urlIdentity(url: string): ServerIdentity {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return make('url', url.replace(/[?#].*$/, ''));
  }
  const path = u.pathname.replace(/\/+$/, '');
  return make('url', `${u.host.toLowerCase()}${path}`);
}

export function serverIdentity(config: McpServerConfig, root: string): ServerIdentity {
  if (config.url !== undefined) return urlIdentity(config.url);
  return stdioIdentity(config.command ?? '', config.args, root);
}

/**
 * Parses an identity key the user typed (`npm:@scope/pkg`, `pypi:pkg`,
 * `docker:img`, `command:node x.js`, `url:host/path`), returning it normalised,
 * or undefined if it is not one. A version in the key is kept as `version`.
 */
export function parseIdentityKey(text: string): ServerIdentity | undefined {
  const m = /^(npm|pypi|docker|command|url):(.+)$/.exec(text.trim());
  if (!m) return undefined;
  const [, kind, rest] = m as unknown as [string, IdentityKind, string];
  switch (kind) {
    case 'npm':
      return parseNpmSpec(rest);
    case 'pypi':
      return parsePypiSpec(/^(git\+|https?:|file:)/.test(rest) ? rest : rest.replace(/@(?=[^@]*$)/, '=='));
    case 'docker':
      return parseImage(rest);
    case 'command':
      return make('command', rest.trim());
    case 'url':
      return urlIdentity(/^[a-z]+:\/\//i.test(rest) ? rest : `https://${rest}`);
  }
}
