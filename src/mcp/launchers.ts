import { isAbsolute, relative, resolve, sep } from 'node:path';
import { commandBase, make, type ServerIdentity } from './identity.js';
import { MAX_DEPTH, hasVar, unresolved, type Ctx } from './launch-common.js';
import { containerRunner } from './launch-container.js';
import { envProblem } from './launch-env.js';
import { OptionTable, flag, valued } from './launch-options.js';
import { BUNX_OPTIONS, NPX_OPTIONS, PNPM_DLX_OPTIONS, PIPX_OPTIONS, UVX_OPTIONS, YARN_DLX_OPTIONS, npmRunner, pypiRunner } from './launch-packages.js';
import { workingTreeReader, type ProjectFileReader } from './launch-project.js';
import { splitCmd, splitPosix, splitPowerShell } from './launch-shell.js';

/**
 * What a stdio server's command line runs. Each launcher has a table of the
 * options it knows (launch-options.ts); an option it does not know, one that
 * changes what runs (extra packages, registries, index URLs, entrypoints,
 * shell commands), a package spec that is not a plain registry package, or
 * shell syntax in a wrapper gives an `unresolved` identity with the reason:
 * never a guess, never the first package on the line.
 */

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
