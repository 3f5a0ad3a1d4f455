import { isAbsolute, relative, resolve, sep } from 'node:path';
import { commandBase, make, normalisePypiName, parseImage, parseNpmSpec, parsePypiSpec, type ServerIdentity } from './identity.js';
import { envProblem } from './launch-env.js';
import { projectConfigProblem, workingTreeReader, type ProjectFileReader } from './launch-project.js';
import { OptionTable, flag, refusedFlag, refusedValue, valued, type ParsedOption } from './launch-options.js';
import { splitCmd, splitPosix, splitPowerShell } from './launch-shell.js';
import type { RiskRaise } from './levels.js';

/**
 * What a stdio server's command line runs. Each launcher has a table of the
 * options it knows (launch-options.ts); an option it does not know, one that
 * changes what runs (extra packages, registries, index URLs, entrypoints,
 * shell commands), a package spec that is not a plain registry package, or
 * shell syntax in a wrapper gives an `unresolved` identity with the reason:
 * never a guess, never the first package on the line.
 */

interface Ctx {
  root: string;
  depth: number;
  /** Reads the project's launcher configuration files (.npmrc, uv.toml…): working tree, or the index for pre-commit. */
  read: ProjectFileReader;
}

const MAX_DEPTH = 4;

function unresolved(runner: string, reason: string): ServerIdentity {
  return { ...make('unresolved', runner), runner, unresolved: reason };
}

function fail(id: ServerIdentity): boolean {
  return id.kind === 'unresolved';
}

// ---------------------------------------------------------------- where a launcher lives

/**
 * Launchers are recognised by name only when run by name (found on PATH) or
 * from a system or package-manager bin folder: `./tools/npx` or
 * `node_modules/.bin/npx` is whatever that file is, so it stays a command
 * identity with its path (unclassified until someone classifies that path).
 */
const SYSTEM_BIN_DIRS: RegExp[] = [
  /^\/(usr\/(local\/)?)?s?bin$/,
  /^\/opt\/(homebrew|local)\/bin$/,
  /^\/snap\/bin$/,
  /^\/usr\/local\/opt\/[^/]+\/bin$/,
  /^(~|\$\{?home\}?|\/home\/[^/]+|\/users\/[^/]+|\/root)\/\.(local|cargo|bun|deno|volta|npm-global)\/bin$/,
  /^(~|\$\{?home\}?|\/home\/[^/]+|\/users\/[^/]+|\/root)\/\.nvm\/versions\/node\/[^/]+\/bin$/,
  /^\/usr\/local\/n\/versions\/node\/[^/]+\/bin$/,
  /^[a-z]:\/program files( \(x86\))?\/nodejs$/,
  /^[a-z]:\/program files\/docker\/docker\/resources\/bin$/,
  /^[a-z]:\/program files\/powershell\/\d+$/,
  /^[a-z]:\/windows\/system32(\/windowspowershell\/v1\.0)?$/,
  /^[a-z]:\/users\/[^/]+\/appdata\/roaming\/npm$/,
  /^[a-z]:\/users\/[^/]+\/\.local\/bin$/,
];

function launcherName(command: string): string | undefined {
  const posix = command.replace(/\\/g, '/');
  const base = commandBase(command).toLowerCase();
  const slash = posix.lastIndexOf('/');
  if (slash < 0) return base;
  const dir = posix.slice(0, slash).toLowerCase().replace(/\/+$/, '');
  return SYSTEM_BIN_DIRS.some((re) => re.test(dir)) ? base : undefined;
}

/** A path as it appears in an identity: relative to the project when inside it, posix separators. */
function normalisePath(p: string, root: string): string {
  if (!/[\\/]/.test(p)) return p;
  const abs = isAbsolute(p) ? p : resolve(root, p);
  const rel = relative(root, abs);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return abs.split(sep).join('/');
}

const hasVar = (s: string) => /\$/.test(s);

/** A spec as shown in a reason: credentials in a URL (`https://user:token@host/…`) are never printed. */
function shown(spec: string): string {
  return spec.replace(/\/\/[^/@\s]*@/g, '//…@').replace(/:[^:@/\s]+@(?=[^/]*[:/])/g, ':…@');
}

// ---------------------------------------------------------------- package specs

const NPM_NAME = /^((?:@[a-z0-9~][a-z0-9._~-]*\/)?[a-z0-9~][a-z0-9._~-]*)(?:@(.*))?$/;
const NPM_VERSION = /^[A-Za-z0-9.^~<>=|*+ -]+$/;

/** A plain npm registry package (`name`, `@scope/name@1.2.3`, `name@latest`, `name@^1`), else why not. */
export function npmRegistrySpec(spec: string, runner: string): ServerIdentity {
  if (hasVar(spec.replace(/@\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/, ''))) {
    return unresolved(runner, `the package '${shown(spec)}' comes from an environment variable`);
  }
  const m = NPM_NAME.exec(spec);
  const notRegistry = `'${shown(spec)}' is not a plain npm registry package (git, URL, file, tarball, alias or upper-case specs are refused: mso cannot tell which code they fetch)`;
  if (!m || /\.(tgz|tar|tar\.gz)$/i.test(m[1]!)) return unresolved(runner, notRegistry);
  const version = m[2];
  if (version !== undefined && !hasVar(version) && (version === '' || !NPM_VERSION.test(version))) return unresolved(runner, notRegistry);
  return { ...parseNpmSpec(spec), runner };
}

const PYPI_SPEC = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(\[[A-Za-z0-9,._ -]*\])?\s*((?:===?|@)\s*[A-Za-z0-9.+!*_-]+|(?:[<>]=?|~=|!=|==)\s*[A-Za-z0-9.*+!_-]+(?:\s*,\s*(?:[<>]=?|~=|!=|==)\s*[A-Za-z0-9.*+!_-]+)*)?$/;

/** A plain PyPI package (`name`, `name==1.2`, `name@1.2`, `name[extra]>=1`), else why not. */
export function pypiRegistrySpec(spec: string, runner: string): ServerIdentity {
  const trimmed = spec.trim();
  const versionVar = /(==|@)\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.exec(trimmed);
  if (hasVar(versionVar ? trimmed.slice(0, versionVar.index) : trimmed)) {
    return unresolved(runner, `the package '${shown(spec)}' comes from an environment variable`);
  }
  if (!versionVar && !PYPI_SPEC.test(trimmed)) {
    return unresolved(runner, `'${shown(spec)}' is not a plain PyPI package (git, URL, file, wheel or marker specs are refused: mso cannot tell which code they fetch)`);
  }
  return { ...parsePypiSpec(trimmed), runner };
}

/** `npx -p pkg bin`: the command must belong to the package (checked against the registry later when it differs from the name). */
function withBin(id: ServerIdentity, bin: string | undefined): ServerIdentity {
  if (fail(id) || bin === undefined) return id;
  if (hasVar(bin)) return unresolved(id.runner ?? id.kind, `the command '${bin}' comes from an environment variable`);
  const base = id.name.replace(/^@[^/]+\//, '');
  const same = id.kind === 'pypi' ? normalisePypiName(bin) === id.name : bin === base || bin === id.name;
  return same ? id : { ...id, bin };
}

// ---------------------------------------------------------------- npm launchers

const NPX_OPTIONS = new OptionTable('npx', [
  flag('-y', '--yes'),
  flag('--no', '--no-yes'),
  flag('-q', '--quiet'),
  flag('-s', '--silent'),
  flag('--prefer-offline'),
  flag('--prefer-online'),
  flag('--offline'),
  flag('--no-update-notifier'),
  flag('--no-fund'),
  flag('--no-audit'),
  flag('--ignore-existing'),
  flag('--no-install'),
  valued('-p', '--package'),
  valued('--loglevel'),
  refusedValue('runs a shell command line instead of a package', '-c', '--call'),
  refusedValue('fetches packages from another registry', '--registry'),
  refusedValue('reads another npm configuration (which can name another registry)', '--userconfig', '--globalconfig'),
  refusedValue('runs packages from another cache', '--cache'),
  refusedValue('passes options (such as --require) to Node.js', '--node-options'),
  refusedValue('runs a workspace package from the local tree', '-w', '--workspace'),
  refusedFlag('runs workspace packages from the local tree', '--workspaces', '--include-workspace-root'),
  refusedValue('runs packages from another folder', '--prefix'),
  refusedValue('runs scripts with another shell', '--script-shell', '--shell'),
]);

const PNPM_DLX_OPTIONS = new OptionTable('pnpm dlx', [
  flag('-s', '--silent'),
  valued('--package'),
  valued('--reporter'),
  refusedFlag('runs the command through a shell', '-c', '--shell-mode'),
  refusedValue('lets packages run build scripts', '--allow-build'),
  refusedValue('fetches packages from another registry', '--registry'),
]);

const YARN_DLX_OPTIONS = new OptionTable('yarn dlx', [flag('-q', '--quiet'), valued('-p', '--package')]);

const BUNX_OPTIONS = new OptionTable('bunx', [
  flag('--bun'),
  flag('--silent'),
  flag('--no-install'),
  valued('-p', '--package'),
  refusedValue('fetches packages from another registry', '--registry'),
]);

function npmRunner(runner: string, table: OptionTable, args: string[], ctx: Ctx): ServerIdentity {
  const parsed = table.parse(args);
  if (!parsed.ok) return unresolved(runner, parsed.reason);
  const project = projectConfigProblem(runner, false, ctx.read);
  if (project) return unresolved(runner, project);
  const packages = parsed.options.filter((o) => o.name === '-p' || o.name === '--package').map((o) => o.value!);
  const [command] = parsed.rest;
  // `npm exec` (unlike npx) takes options after the package as its own unless a `--` comes first.
  if (runner === 'npm exec' && !parsed.terminated && parsed.rest.slice(1).some((a) => a.startsWith('-'))) {
    return unresolved(runner, 'npm exec reads options after the package as its own (such as --registry); put `--` before the command');
  }
  if (packages.length > 1) {
    return unresolved(runner, `installs ${packages.length} packages (${packages.map(shown).join(', ')}): the command may come from any of them`);
  }
  let id: ServerIdentity;
  if (packages.length === 1) {
    if (command === undefined) return unresolved(runner, `--package ${packages[0]} without a command to run`);
    id = withBin(npmRegistrySpec(packages[0]!, runner), command);
  } else {
    if (command === undefined) return unresolved(runner, 'no package to run');
    id = npmRegistrySpec(command, runner);
  }
  return fail(id) ? id : localCopyCheck(id, runner, ctx);
}

/**
 * npx and bunx run the project's own install when it has one (node_modules is
 * not committed and anyone, an agent included, can write it): then what runs
 * is that copy, not the registry package.
 */
function localCopyCheck(id: ServerIdentity, runner: string, ctx: Ctx): ServerIdentity {
  if (!/^(npx|npm exec|bunx|bun x)$/.test(runner)) return id;
  const bin = id.bin ?? id.name.replace(/^@[^/]+\//, '');
  for (const path of [`node_modules/${id.name}/package.json`, `node_modules/.bin/${bin}`]) {
    if (ctx.read(path) !== undefined) {
      return unresolved(runner, `${path} exists in the project: ${runner} runs that local copy instead of the registry package; run it as a local command (node node_modules/…) and classify that, or remove it`);
    }
  }
  return id;
}

// ---------------------------------------------------------------- Python launchers

const INDEX = 'fetches packages from another package index';
const UVX_OPTIONS = new OptionTable('uvx', [
  flag('-q', '--quiet'),
  flag('-v', '--verbose'),
  flag('--no-progress'),
  flag('--isolated'),
  flag('-n', '--no-cache'),
  flag('--offline'),
  flag('--native-tls'),
  flag('--refresh'),
  flag('--no-config'),
  flag('--managed-python'),
  flag('--no-managed-python'),
  valued('--from'),
  valued('-p', '--python'),
  valued('--color'),
  valued('--python-preference'),
  refusedValue('installs more packages into the environment the command runs in', '-w', '--with', '--with-editable', '--with-requirements'),
  refusedValue(INDEX, '-i', '--index', '--index-url', '--default-index', '--extra-index-url', '-f', '--find-links'),
  refusedValue('chooses how packages are picked across indexes', '--index-strategy'),
  refusedValue('trusts a host without TLS', '--allow-insecure-host'),
  refusedValue('reads another configuration (which can name another index)', '--config-file', '--directory', '--project'),
  refusedValue('takes variables from a file mso does not read', '--env-file'),
  refusedValue('runs packages from another cache', '--cache-dir'),
  refusedValue('changes the versions of what is installed', '-c', '--constraints', '--overrides', '-b', '--build-constraints'),
]);

const PIPX_OPTIONS = new OptionTable('pipx run', [
  flag('-q', '--quiet'),
  flag('-v', '--verbose'),
  flag('--no-cache'),
  flag('--fetch-missing-python'),
  valued('--spec'),
  valued('--python'),
  refusedValue(INDEX, '-i', '--index-url'),
  refusedValue('passes arbitrary options to pip', '--pip-args'),
  refusedFlag('installs from a local folder', '-e', '--editable'),
  refusedFlag('lets the command import packages from the system site-packages', '--system-site-packages'),
]);

function pypiRunner(runner: string, table: OptionTable, args: string[], fromOpt: string, ctx: Ctx): ServerIdentity {
  const parsed = table.parse(args);
  if (!parsed.ok) return unresolved(runner, parsed.reason);
  const project = projectConfigProblem(runner, parsed.options.some((o) => o.name === '--no-config' || o.name === '--isolated'), ctx.read);
  if (project) return unresolved(runner, project);
  const python = parsed.options.find((o) => o.name === '-p' || o.name === '--python');
  if (python && !/^(cpython|pypy|python)?[@-]?[0-9][0-9.]*[a-z0-9+]*$|^[<>=~!]=?[0-9.]+$/i.test(python.value!.replace(/\s/g, ''))) {
    return unresolved(runner, `--python '${python.value}' is not a Python version: mso cannot tell which interpreter runs`);
  }
  const from = parsed.options.filter((o) => o.name === fromOpt).map((o) => o.value!);
  const [command] = parsed.rest;
  if (from.length > 1) return unresolved(runner, `${fromOpt} given ${from.length} times`);
  if (command === undefined) return unresolved(runner, 'no package to run');
  if (from.length === 1) {
    const cmd = /^[A-Za-z0-9._-]+$/.test(command) ? command : undefined;
    if (cmd === undefined) return unresolved(runner, `'${command}' is not a plain command name`);
    return withBin(pypiRegistrySpec(from[0]!, runner), cmd);
  }
  return pypiRegistrySpec(command, runner);
}

// ---------------------------------------------------------------- containers

const DOCKER_OPTIONS = (runner: string) =>
  new OptionTable(`${runner} run`, [
    flag('-i', '--interactive'),
    flag('-t', '--tty'),
    flag('--rm'),
    flag('-d', '--detach'),
    flag('--init'),
    flag('--read-only'),
    flag('--no-healthcheck'),
    flag('-q', '--quiet'),
    flag('--sig-proxy'),
    flag('-P', '--publish-all'),
    flag('--privileged'),
    { ...valued('-e', '--env'), envValueOk: true },
    { ...valued('-l', '--label'), envValueOk: true },
    { ...valued('-v', '--volume'), envValueOk: true },
    { ...valued('--mount'), envValueOk: true },
    valued('--name'),
    valued('-w', '--workdir'),
    valued('--platform'),
    valued('--pull'),
    valued('-m', '--memory'),
    valued('--memory-swap'),
    valued('--memory-reservation'),
    valued('--cpus'),
    valued('-c', '--cpu-shares'),
    valued('--cpuset-cpus'),
    valued('--pids-limit'),
    valued('--shm-size'),
    valued('--stop-signal'),
    valued('--stop-timeout'),
    valued('-h', '--hostname'),
    valued('--tmpfs'),
    valued('--cap-drop'),
    valued('--network', '--net'),
    valued('--network-alias'),
    valued('-p', '--publish'),
    valued('--expose'),
    valued('--add-host'),
    valued('--dns'),
    valued('--dns-search'),
    valued('--dns-option'),
    valued('--ulimit'),
    valued('--log-driver'),
    valued('--log-opt'),
    valued('--restart'),
    valued('-a', '--attach'),
    valued('-u', '--user'),
    valued('--volumes-from'),
    valued('--cap-add'),
    valued('--device'),
    valued('--gpus'),
    valued('--group-add'),
    valued('--security-opt'),
    valued('--pid'),
    valued('--ipc'),
    valued('--uts'),
    valued('--userns'),
    valued('--cgroupns'),
    refusedValue('replaces the program the image runs', '--entrypoint'),
    refusedValue('takes variables from a file mso does not read', '--env-file'),
    refusedValue('runs the container with another runtime', '--runtime'),
  ]);

const CRITICAL_CAPS = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'BPF']);

/** Host paths whose mounting hands over the machine: `/`, system folders, the home folder, engine sockets. */
function criticalHostPath(src: string): boolean {
  const p = src.replace(/\\/g, '/').replace(/\/+$/, '') || '/';
  if (p === '/' || /^[a-z]:\/?$/i.test(p)) return true;
  if (/\.sock$|docker_engine|podman\.sock/i.test(p)) return true;
  if (/^\/(etc|root|proc|sys|dev|boot|run|var\/run|var\/lib\/docker|usr|bin|sbin|lib|lib64)(\/|$)/.test(p)) return true;
  if (/^(~|\$\{?(HOME|USERPROFILE)\}?)$/i.test(p)) return true;
  if (/^\/(home|Users)\/[^/]+$/.test(p) || /^[a-z]:\/users\/[^/]+$/i.test(p)) return true;
  if (/^(~|\$\{?(HOME|USERPROFILE)\}?)\/\.(ssh|aws|gnupg|config|docker|kube|npmrc|netrc)/i.test(p)) return true;
  return false;
}

/** `-v SRC:DST[:opts]`: the host source, or undefined for a named or anonymous volume. */
function volumeSource(spec: string): string | undefined {
  let src: string;
  const drive = /^[A-Za-z]:[\\/]/.test(spec);
  const rest = drive ? spec.slice(2) : spec;
  const colon = rest.indexOf(':');
  if (colon < 0) return undefined; // anonymous volume: container-only
  src = (drive ? spec.slice(0, 2) : '') + rest.slice(0, colon);
  if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(src)) return undefined; // named volume
  return src;
}

function hostMountRaise(src: string, shown: string): RiskRaise {
  // A source from a variable is unknown, except the project folder itself.
  const fromVar = /\$/.test(src) && !/^\$\{?(PWD|workspaceFolder|CLAUDE_PROJECT_DIR)\}?(\/|$)/.test(src);
  return { category: 'host-mount', detail: `host mount ${shown}`, critical: fromVar || criticalHostPath(src) };
}

function containerRaises(options: ParsedOption[], runner: string): { raises: RiskRaise[] } | { reason: string } {
  const raises: RiskRaise[] = [];
  for (const o of options) {
    const v = o.value ?? '';
    switch (o.name) {
      case '--privileged':
        if (o.value === undefined || /^true$/i.test(o.value)) raises.push({ category: 'privilege', detail: '--privileged', critical: true });
        break;
      case '--cap-add':
        for (const cap of v.split(',')) {
          const c = cap.trim().toUpperCase().replace(/^CAP_/, '');
          raises.push({ category: 'privilege', detail: `--cap-add ${c}`, critical: CRITICAL_CAPS.has(c) });
        }
        break;
      case '--device':
        raises.push({ category: 'privilege', detail: `--device ${v}`, critical: /^\/dev\/(sd|nvme|mem|kmem|port)/.test(v) });
        break;
      case '--gpus':
        raises.push({ category: 'privilege', detail: `--gpus ${v}` });
        break;
      case '--group-add':
        raises.push({ category: 'privilege', detail: `--group-add ${v}` });
        break;
      case '--security-opt':
        if (!/^no-new-privileges(?:[:=]true)?$/i.test(v)) {
          raises.push({ category: 'privilege', detail: `--security-opt ${v}`, critical: /unconfined|disable/i.test(v) });
        }
        break;
      case '-u':
        if (/^(root|0)(:.*)?$/i.test(v)) raises.push({ category: 'privilege', detail: `--user ${v}` });
        break;
      case '--network': {
        const n = v.toLowerCase();
        if (n === 'host' || n.startsWith('container:') || n.startsWith('ns:')) raises.push({ category: 'host-namespace', detail: `--network ${v}` });
        break;
      }
      case '--pid':
      case '--ipc':
      case '--uts':
      case '--userns':
      case '--cgroupns': {
        const n = v.toLowerCase();
        if (n === 'host' || n.startsWith('container:') || n.startsWith('ns:')) {
          raises.push({ category: 'host-namespace', detail: `${o.name} ${v}`, critical: o.name === '--pid' && n === 'host' });
        }
        break;
      }
      case '-v': {
        const src = volumeSource(v);
        if (src !== undefined) raises.push(hostMountRaise(src, `-v ${src}`));
        break;
      }
      case '--mount': {
        const fields = new Map<string, string>();
        for (const part of v.split(',')) {
          const eq = part.indexOf('=');
          fields.set((eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(), eq < 0 ? 'true' : part.slice(eq + 1));
        }
        const type = (fields.get('type') ?? 'volume').toLowerCase();
        const src = fields.get('source') ?? fields.get('src') ?? '';
        if (type === 'bind' || type === 'npipe') raises.push(hostMountRaise(src || '/', `--mount ${type} ${src}`));
        else if (type === 'volume' || type === 'tmpfs') {
          if (fields.has('volume-driver') || [...fields.keys()].some((k) => k.startsWith('volume-opt'))) {
            raises.push({ category: 'host-mount', detail: `--mount volume with driver options` });
          }
        } else return { reason: `${runner} run --mount type=${type}: a mount type mso does not know` };
        break;
      }
      case '--volumes-from':
        raises.push({ category: 'host-mount', detail: `--volumes-from ${v}` });
        break;
      case '-e': {
        const name = v.split('=')[0]!;
        const why = envProblem([name], `${runner} run -e`);
        if (why) return { reason: why };
        break;
      }
    }
  }
  return { raises };
}

const IMAGE_REF = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;

function containerRunner(runner: string, args: string[]): ServerIdentity {
  let i = 0;
  if (args[0] === 'container') i = 1;
  if (args[i] !== 'run') {
    return unresolved(runner, `only \`${runner} run …\` and \`${runner} container run …\` are understood (global options such as --host or --context, and other subcommands, are refused)`);
  }
  const parsed = DOCKER_OPTIONS(runner).parse(args.slice(i + 1));
  if (!parsed.ok) return unresolved(runner, parsed.reason);
  const [image, first] = parsed.rest;
  if (image === undefined) return unresolved(runner, 'no image to run');
  if (hasVar(image)) return unresolved(runner, `the image '${image}' comes from an environment variable`);
  if (!IMAGE_REF.test(image)) return unresolved(runner, `'${image}' is not an image reference mso can read`);
  if (first !== undefined && /^(sh|bash|zsh|dash|ash|ksh|busybox|env|node|python[0-9.]*|perl|ruby|php|npx|npm|uvx|uv|pip[0-9.]*|pipx|bun|bunx|deno|curl|wget)$/i.test(commandBase(first))) {
    return unresolved(runner, `the container command is replaced with '${first}'`);
  }
  const r = containerRaises(parsed.options, runner);
  if ('reason' in r) return unresolved(runner, r.reason);
  const id: ServerIdentity = { ...parseImage(image), runner };
  return r.raises.length ? { ...id, raises: r.raises } : id;
}

// ---------------------------------------------------------------- interpreters running a local file

const NODE_OPTIONS_TABLE = new OptionTable('node', [
  flag('--no-warnings'),
  flag('--no-deprecation'),
  flag('--enable-source-maps'),
  flag('--trace-warnings'),
  flag('--trace-uncaught'),
  valued('--max-old-space-size'),
]);
const PYTHON_OPTIONS_TABLE = new OptionTable('python', [
  flag('-u'),
  flag('-B'),
  flag('-E'),
  flag('-I'),
  flag('-s'),
  flag('-O'),
  flag('-OO'),
  flag('-q'),
  { ...valued('-m'), stops: true },
]);
const NO_OPTIONS = (name: string) => new OptionTable(name, []);

function scriptIdentity(command: string, base: string, args: string[], ctx: Ctx, table: OptionTable): ServerIdentity {
  const parsed = table.parse(args);
  if (!parsed.ok) return unresolved(base, `${parsed.reason} (only options that do not load other code are accepted)`);
  const cmd = normalisePath(command, ctx.root);
  const mod = parsed.options.find((o) => o.name === '-m');
  if (mod) {
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(mod.value!)) return unresolved(base, `-m '${mod.value}' is not a module name`);
    return make('command', `${cmd} -m ${mod.value}`);
  }
  const [script] = parsed.rest;
  if (script === undefined || script === '-') return unresolved(base, `${base} with no script file reads its code from elsewhere`);
  if (hasVar(script)) return unresolved(base, `the script '${script}' comes from an environment variable`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(script) && !/^[a-z]:[\\/]/i.test(script)) return unresolved(base, `'${script}' is not a local file`);
  return make('command', `${cmd} ${normalisePath(script, ctx.root)}`);
}

function denoIdentity(command: string, args: string[], ctx: Ctx): ServerIdentity {
  if (args[0] !== 'run') return unresolved('deno', 'only `deno run [--allow-…] <file>` is understood');
  const rest = args.slice(1);
  let i = 0;
  while (i < rest.length && /^(-A|-q|--quiet|--no-prompt|--allow-[a-z-]+(=.*)?|--deny-[a-z-]+(=.*)?)$/.test(rest[i]!)) i++;
  return scriptIdentity(command, 'deno', rest.slice(i), ctx, NO_OPTIONS('deno run'));
}

// ---------------------------------------------------------------- wrappers

function assignments(words: string[]): { env: string[]; rest: string[] } {
  let i = 0;
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) i++;
  return { env: words.slice(0, i).map((w) => w.slice(0, w.indexOf('='))), rest: words.slice(i) };
}

/** The one simple command inside a wrapper, with its `NAME=value` prefixes checked. */
function innerCommand(wrapper: string, words: string[], ctx: Ctx): ServerIdentity {
  let { env, rest } = assignments(words);
  if (rest[0] === 'exec') rest = rest.slice(1);
  const why = envProblem(env, wrapper);
  if (why) return unresolved(wrapper, why);
  if (rest.length === 0) return unresolved(wrapper, 'no command inside the wrapper');
  return launch(rest[0]!, rest.slice(1), { ...ctx, depth: ctx.depth + 1 });
}

function shellWrapper(base: string, args: string[], ctx: Ctx): ServerIdentity {
  const opt = args[0] ?? '';
  if (!/^-[eu]*c[eu]*$/.test(opt)) return unresolved(base, `only \`${base} -c "<one command>"\` is understood (got '${opt}')`);
  if (args.length !== 2) return unresolved(base, `${base} -c takes exactly one command string here (${args.length - 1} given)`);
  const split = splitPosix(args[1]!);
  if (!split.ok) return unresolved(base, `${base} -c: ${split.reason}: not one simple command`);
  return innerCommand(`${base} -c`, split.words, ctx);
}

function cmdWrapper(args: string[], ctx: Ctx): ServerIdentity {
  let i = 0;
  while (i < args.length && /^\/([dqs]|e:(on|off)|v:off)$/i.test(args[i]!)) i++;
  if (!/^\/c$/i.test(args[i] ?? '')) return unresolved('cmd', `only \`cmd /c <one command>\` is understood (got '${args[i] ?? ''}')`);
  const words: string[] = [];
  for (const a of args.slice(i + 1)) {
    const split = splitCmd(a);
    if (!split.ok) return unresolved('cmd', `cmd /c: ${split.reason}: not one simple command`);
    words.push(...split.words);
  }
  return innerCommand('cmd /c', words, ctx);
}

function powershellWrapper(base: string, args: string[], ctx: Ctx): ServerIdentity {
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!.toLowerCase().replace(/^\//, '-');
    if (/^-(nop|noprofile|noni|noninteractive|nol|nologo)$/.test(a)) continue;
    if (/^-(ep|ex|executionpolicy)$/.test(a) && i + 1 < args.length) {
      i++;
      continue;
    }
    break;
  }
  const c = (args[i] ?? '').toLowerCase().replace(/^\//, '-');
  if (!/^-(c|com|command)$/.test(c)) return unresolved(base, `only \`${base} -Command <one command>\` is understood (got '${args[i] ?? ''}')`);
  const split = splitPowerShell(args.slice(i + 1).join(' '));
  if (!split.ok) return unresolved(base, `${base} -Command: ${split.reason}: not one simple command`);
  return innerCommand(`${base} -Command`, split.words, ctx);
}

function envWrapper(args: string[], ctx: Ctx): ServerIdentity {
  let i = 0;
  while (i < args.length && /^(-i|--ignore-environment|-)$/.test(args[i]!)) i++;
  if (args[i] === '--') i++;
  if (args[i]?.startsWith('-')) return unresolved('env', `env option '${args[i]}' is refused: mso cannot tell what it changes`);
  return innerCommand('env', args.slice(i), ctx);
}

// ---------------------------------------------------------------- dispatch

const INTERPRETER_TABLES: Record<string, () => OptionTable> = {
  node: () => NODE_OPTIONS_TABLE,
  nodejs: () => NODE_OPTIONS_TABLE,
  tsx: () => NO_OPTIONS('tsx'),
  'ts-node': () => NO_OPTIONS('ts-node'),
  ruby: () => NO_OPTIONS('ruby'),
  perl: () => NO_OPTIONS('perl'),
  php: () => NO_OPTIONS('php'),
};

const LAUNCHER_NAMES = /^(npx|pnpx|bunx|npm|pnpm|yarn|bun|uvx|uv|pipx|docker|podman|deno|java|cmd|powershell|pwsh|env|sh|bash|zsh|dash|ash|ksh|fish|node|nodejs|tsx|ts-node|ruby|perl|php|py|python[0-9.]*)$/;

function launch(command: string, args: string[], ctx: Ctx): ServerIdentity {
  if (ctx.depth > MAX_DEPTH) return unresolved(commandBase(command), 'wrappers nested too deep');
  if (hasVar(command)) return unresolved(commandBase(command), `the command '${command}' comes from an environment variable`);
  // Paths may hold spaces and parentheses (C:\Program Files (x86)\…); a bare name may not.
  if (/[;&|<>`"'\n]/.test(command) || (/\s/.test(command) && !/^([/.~\\]|[A-Za-z]:[\\/])/.test(command))) {
    return unresolved('command', "the command is a command line, not a program (put the arguments in 'args')");
  }
  const base = launcherName(command);
  if (base !== undefined && LAUNCHER_NAMES.test(base)) {
    switch (base) {
      case 'npx':
        return npmRunner('npx', NPX_OPTIONS, args, ctx);
      case 'pnpx':
        return npmRunner('pnpm dlx', PNPM_DLX_OPTIONS, args, ctx);
      case 'bunx':
        return npmRunner('bunx', BUNX_OPTIONS, args, ctx);
      case 'npm':
        if (args[0] === 'exec' || args[0] === 'x') return npmRunner('npm exec', NPX_OPTIONS, args.slice(1), ctx);
        return unresolved('npm', 'only `npm exec` / `npm x` is understood (npm run and npm start run scripts mso does not read)');
      case 'pnpm':
        if (args[0] === 'dlx') return npmRunner('pnpm dlx', PNPM_DLX_OPTIONS, args.slice(1), ctx);
        return unresolved('pnpm', 'only `pnpm dlx` is understood');
      case 'yarn':
        if (args[0] === 'dlx') return npmRunner('yarn dlx', YARN_DLX_OPTIONS, args.slice(1), ctx);
        return unresolved('yarn', 'only `yarn dlx` is understood');
      case 'bun':
        if (args[0] === 'x') return npmRunner('bun x', BUNX_OPTIONS, args.slice(1), ctx);
        if (args[0] === 'run') return scriptIdentity(command, 'bun', args.slice(1), ctx, NO_OPTIONS('bun run'));
        return scriptIdentity(command, 'bun', args, ctx, NO_OPTIONS('bun'));
      case 'uvx':
        return pypiRunner('uvx', UVX_OPTIONS, args, '--from', ctx);
      case 'uv':
        if (args[0] === 'tool' && args[1] === 'run') return pypiRunner('uv tool run', UVX_OPTIONS, args.slice(2), '--from', ctx);
        return unresolved('uv', 'only `uv tool run` is understood (uv run reads the project and its scripts)');
      case 'pipx':
        if (args[0] === 'run') return pypiRunner('pipx run', PIPX_OPTIONS, args.slice(1), '--spec', ctx);
        return unresolved('pipx', 'only `pipx run` is understood');
      case 'docker':
      case 'podman':
        return containerRunner(base, args);
      case 'deno':
        return denoIdentity(command, args, ctx);
      case 'java':
        if (args[0] === '-jar' && args[1] !== undefined && !hasVar(args[1])) return make('command', `${normalisePath(command, ctx.root)} -jar ${normalisePath(args[1], ctx.root)}`);
        return unresolved('java', 'only `java -jar <file>` is understood');
      case 'cmd':
        return cmdWrapper(args, ctx);
      case 'powershell':
      case 'pwsh':
        return powershellWrapper(base, args, ctx);
      case 'env':
        return envWrapper(args, ctx);
    }
    if (/^(sh|bash|zsh|dash|ash|ksh|fish)$/.test(base)) {
      if (args[0]?.startsWith('-')) return shellWrapper(base, args, ctx);
      return scriptIdentity(command, base, args, ctx, NO_OPTIONS(base));
    }
    if (/^(py|python[0-9.]*)$/.test(base)) return scriptIdentity(command, base, args, ctx, PYTHON_OPTIONS_TABLE);
    const table = INTERPRETER_TABLES[base];
    if (table) return scriptIdentity(command, base, args, ctx, table());
  }
  // Any other program: identified by its name (run from PATH) or its path; its arguments are its own.
  const cmd = normalisePath(command, ctx.root);
  return make('command', /[\\/]/.test(command) ? cmd : commandBase(command));
}

/** A stdio server's identity from its command, arguments and the `env` its config sets. */
export function stdioIdentity(
  command: string,
  args: string[],
  root: string,
  env: Record<string, string> = {},
  read: ProjectFileReader = workingTreeReader(root),
): ServerIdentity {
  const id = launch(command, args, { root, depth: 0, read });
  const why = envProblem(Object.keys(env), 'its "env"');
  if (why) return unresolved(id.runner ?? commandBase(command).toLowerCase(), why);
  return id;
}
