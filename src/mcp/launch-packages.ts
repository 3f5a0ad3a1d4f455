import { normalisePypiName, parseNpmSpec, parsePypiSpec, type ServerIdentity } from './identity.js';
import { fail, hasVar, shown, unresolved, type Ctx } from './launch-common.js';
import { OptionTable, flag, refusedFlag, refusedValue, valued } from './launch-options.js';
import { projectConfigProblem } from './launch-project.js';

/**
 * Package runners: npx / npm exec / pnpm dlx / yarn dlx / bunx (npm
 * registry) and uvx / uv tool run / pipx run (PyPI). Each reads exactly one
 * plain registry package, or says why it cannot.
 */

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
  if (!versionVar && !PYPI_SPEC.test(trimmed)) { // mso:allow PYPI_SPEC: each repeated part opens with a comma or an operator its body cannot match
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

export const NPX_OPTIONS = new OptionTable('npx', [
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

export const PNPM_DLX_OPTIONS = new OptionTable('pnpm dlx', [
  flag('-s', '--silent'),
  valued('--package'),
  valued('--reporter'),
  refusedFlag('runs the command through a shell', '-c', '--shell-mode'),
  refusedValue('lets packages run build scripts', '--allow-build'),
  refusedValue('fetches packages from another registry', '--registry'),
]);

export const YARN_DLX_OPTIONS = new OptionTable('yarn dlx', [flag('-q', '--quiet'), valued('-p', '--package')]);

export const BUNX_OPTIONS = new OptionTable('bunx', [
  flag('--bun'),
  flag('--silent'),
  flag('--no-install'),
  valued('-p', '--package'),
  refusedValue('fetches packages from another registry', '--registry'),
]);

export function npmRunner(runner: string, table: OptionTable, args: string[], ctx: Ctx): ServerIdentity {
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
export const UVX_OPTIONS = new OptionTable('uvx', [
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

export const PIPX_OPTIONS = new OptionTable('pipx run', [
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

export function pypiRunner(runner: string, table: OptionTable, args: string[], fromOpt: string, ctx: Ctx): ServerIdentity {
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
