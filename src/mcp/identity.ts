import { basename } from 'node:path';
import type { McpServerConfig } from './config-files.js';
import type { RiskRaise } from './levels.js';
import { stdioIdentity } from './launchers.js';
import type { ProjectFileReader } from './launch-project.js';

/**
 * What a configured MCP server actually runs, derived from its command line or
 * URL, never from the name the user gave it: renaming a server changes nothing.
 *
 *   npx -y @scope/pkg@1.2.3          → npm:@scope/pkg          version 1.2.3
 *   uvx mcp-server-fetch==2025.1.1    → pypi:mcp-server-fetch   version 2025.1.1
 *   docker run -i --rm ghcr.io/o/img:v1 → docker:ghcr.io/o/img  version v1
 *   node servers/notes.js             → command:node servers/notes.js
 *   https://mcp.example.com/mcp       → url:mcp.example.com/mcp
 *   npx -y -p a@1 -p b@1 b-bin        → unresolved:npx (mso cannot tell what runs)
 *
 * The launcher parser (launchers.ts) either knows exactly what runs or says it
 * cannot: then the kind is `unresolved`, `unresolved` holds the reason, and no
 * registry or workspace classification ever matches it.
 */
export type IdentityKind = 'npm' | 'pypi' | 'docker' | 'command' | 'url' | 'unresolved';
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
  /** Kind `unresolved` only: why mso cannot tell what runs. */
  unresolved?: string;
  /** Launch options that raise the classified risk level (host mounts, privileges…). */
  raises?: RiskRaise[];
  /** The command run from a package that was named separately (`npx -p pkg bin`, `uvx --from pkg bin`). */
  bin?: string;
}

export function make(kind: IdentityKind, name: string, extra: Partial<ServerIdentity> = {}): ServerIdentity {
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
export const MUTABLE_DOCKER_TAGS = new Set(['latest', 'main', 'master', 'edge', 'nightly', 'dev', 'stable', 'head']);

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

export { stdioIdentity } from './launchers.js';

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

export function serverIdentity(config: McpServerConfig, root: string, read?: ProjectFileReader): ServerIdentity {
  if (config.url !== undefined) return urlIdentity(config.url);
  if (config.cwd !== undefined) {
    const runner = commandBase(config.command ?? '').toLowerCase();
    return { ...make('unresolved', runner), runner, unresolved: "it sets 'cwd': launchers read configuration (.npmrc, uv.toml…) from the folder they start in, which mso does not check" };
  }
  return stdioIdentity(config.command ?? '', config.args, root, config.env, read);
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
