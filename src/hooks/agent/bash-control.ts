import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { matchesName } from './control-plane-list.js';
import { expandHome, protectedHit, type ControlPlane, type PathHit } from './control-plane.js';
import { parseShell, type ShellCommand, type ShellWord } from './shell-parse.js';

/**
 * Does a Bash command change mso's control plane or switch a guard off?
 * Walks every simple command (pipelines, lists, subshells, `$(…)`, `sh -c`,
 * `eval`, `xargs`, `find -exec`, scripts it runs, heredocs fed to a shell),
 * tracking `cd` and variables, and fails closed: a command that mentions a
 * protected path is refused unless it is known to only read. The result is
 * a short sentence for the block message, or undefined when the command may run.
 */
interface Ctx {
  plane: ControlPlane;
  cwd: string;
  /** Files this Bash call writes before a later command may run them: the text when it is plain to see, else undefined. */
  written: Map<string, string | undefined>;
  vars: Map<string, string[]>;
  depth: number;
  budget: { tokens: number };
}

const MAX_DEPTH = 8;
const MAX_TOKENS = 50_000;
const MAX_SCRIPT = 1024 * 1024;

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'busybox']);
const INTERPRETERS = new Set(['python', 'python2', 'python3', 'node', 'nodejs', 'deno', 'bun', 'perl', 'ruby', 'php', 'lua', 'rscript', 'osascript', 'pwsh', 'powershell', 'tclsh', 'jshell', 'groovy', 'tsx', 'ts-node']);
const DECODERS = new Set(['base64', 'base32', 'basenc', 'xxd', 'openssl', 'gzip', 'gunzip', 'zcat', 'bzip2', 'bunzip2', 'bzcat', 'xz', 'unxz', 'xzcat', 'zstd', 'unzstd', 'uudecode', 'rev', 'tr', 'iconv', 'curl', 'wget', 'nc', 'ncat']);
/** Commands that only read files (with the options that would make them write checked below). */
const READ_ONLY = new Set([
  'cat', 'tac', 'less', 'more', 'head', 'tail', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'ls', 'dir', 'tree', 'stat', 'file', 'wc',
  'diff', 'cmp', 'comm', 'md5sum', 'sha1sum', 'sha256sum', 'sha512sum', 'shasum', 'b2sum', 'cksum', 'du', 'df', 'realpath', 'readlink',
  'basename', 'dirname', 'echo', 'printf', 'test', '[', 'true', 'false', 'pwd', 'which', 'type', 'whoami', 'id', 'date', 'jq', 'hexdump',
  'od', 'strings', 'nl', 'fold', 'fmt', 'column', 'cut', 'paste', 'bat', 'view', 'code', 'open', 'sed', 'awk', 'gawk', 'mawk', 'sort', 'yq',
  'mso', 'exit', 'return', 'wait', 'sleep', 'set', 'shopt', 'unset', 'case', 'in', 'esac', 'select', 'function', 'local', 'read', 'getfacl', 'lsattr',
]);
/** Commands that delete, move or re-permission what they name: naming a folder that holds the control plane is enough. */
const DESTRUCTIVE = new Set(['rm', 'rmdir', 'unlink', 'shred', 'srm', 'wipe', 'trash', 'trash-put', 'gio', 'chmod', 'chown', 'chgrp', 'chattr', 'setfacl', 'mv', 'git-rm']);
const GIT_READ_ONLY = new Set([
  'status', 'diff', 'log', 'show', 'blame', 'annotate', 'ls-files', 'ls-tree', 'ls-remote', 'cat-file', 'rev-parse', 'rev-list', 'grep',
  'describe', 'shortlog', 'whatchanged', 'diff-tree', 'diff-index', 'diff-files', 'check-ignore', 'check-attr', 'show-ref', 'for-each-ref',
  'merge-base', 'name-rev', 'count-objects', 'fsck', 'help', 'version', 'var', 'cherry', 'range-diff', 'format-patch', 'archive', 'bundle',
]);

export function bashRefusal(plane: ControlPlane, command: string, cwd: string): string | undefined {
  return analyze(command, { plane, cwd, written: new Map(), vars: new Map(), depth: 0, budget: { tokens: MAX_TOKENS } });
}

function child(ctx: Ctx): Ctx {
  return { ...ctx, vars: new Map(ctx.vars), depth: ctx.depth + 1 };
}

function analyze(code: string, ctx: Ctx): string | undefined {
  if (ctx.depth > MAX_DEPTH) return `nests shells more than ${MAX_DEPTH} deep, deeper than mso follows`;
  for (const cmd of parseShell(code)) {
    const r = analyzeCommand(cmd, ctx);
    if (r) return r;
  }
  return undefined;
}

// ---------------------------------------------------------------- words

function braceExpand(s: string, limit = 64): string[] {
  const m = /\{([^{}]*,[^{}]*)\}/.exec(s);
  if (!m) return [s];
  const out: string[] = [];
  for (const alt of m[1]!.split(',')) {
    for (const e of braceExpand(s.slice(0, m.index) + alt + s.slice(m.index + m[0].length), limit)) {
      if (out.length >= limit) return out;
      out.push(e);
    }
  }
  return out;
}

/** A word's possible values: known variables substituted (`$HOME`, `$PWD`, earlier assignments, `for` lists), braces expanded. */
/** `printf`'s escapes in its format (`\\056`, `\\x2e`, `\\n`). */
function printfText(args: string[]): string {
  return args.join(' ').replace(/\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (_m, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
    return ({ n: '\n', t: '\t', '\\': '\\' } as Record<string, string>)[e] ?? e;
  });
}

/** The output of a command substitution when it is plain to see (`$(pwd)`, `$(echo x)`, `$(printf '\\056mso')`, the top level). */
function knownOutput(code: string, ctx: Ctx): string | undefined {
  const cmds = parseShell(code);
  if (cmds.length !== 1) return undefined;
  const words = cmds[0]!.words;
  if (words.some((w) => w.subs.length || w.value.includes('$')) || cmds[0]!.redirects.length) return undefined;
  const argv = words.map((w) => w.value);
  const name = progName(argv[0] ?? '');
  if (name === 'pwd') return ctx.cwd;
  if (name === 'echo') return argv.slice(1).filter((a) => !/^-[neE]+$/.test(a)).join(' ');
  if (name === 'printf') return printfText(argv.slice(1));
  if (name === 'git' && argv.includes('--show-toplevel')) return ctx.plane.root;
  if ((name === 'realpath' || name === 'readlink') && argv.length >= 2) return resolve(ctx.cwd, argv[argv.length - 1]!);
  return undefined;
}

function expandWord(w: ShellWord, ctx: Ctx): string[] {
  let values = [w.value];
  if (w.subs.length) {
    // Substitutions with a known output are replaced by it; the others stay as written.
    let v = w.value;
    for (const sub of w.subs) {
      const out = knownOutput(sub, ctx);
      if (out === undefined) continue;
      v = v.replace(`$(${sub})`, out).replace(`\`${sub}\``, out);
    }
    values = [v];
  }
  if (w.value.includes('$')) {
    const next: string[] = [];
    for (const v of values) {
      let outs = [''];
      let last = 0;
      for (const m of v.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[:\-=+?#%][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
        const name = (m[1] ?? m[2])!;
        const known = name === 'HOME' ? [homedir()] : name === 'PWD' ? [ctx.cwd] : ctx.vars.get(name);
        const lit = v.slice(last, m.index);
        const subst = known ?? [m[0]];
        outs = outs.flatMap((o) => subst.map((s) => o + lit + s)).slice(0, 64);
        last = m.index! + m[0].length;
      }
      next.push(...outs.map((o) => o + v.slice(last)));
    }
    values = next;
  }
  return values.flatMap((v) => braceExpand(v));
}

/** Path-like pieces of an argument or of code: the whole text, then the pieces between quotes, brackets and operators. */
function tokensOf(text: string, ctx: Ctx): string[] {
  const out = new Set<string>();
  if (text.length <= 4096 && text !== '') out.add(text);
  for (const t of text.split(/[\s'"`(){},;=+<>|&:!]+/)) {
    if (t === '' || t.length > 4096 || t.includes('://')) continue;
    out.add(t.startsWith('-') && t.includes('/') ? t.replace(/^-+[A-Za-z]?/, '') : t);
  }
  ctx.budget.tokens -= out.size;
  return [...out];
}

function overBudget(ctx: Ctx): boolean {
  return ctx.budget.tokens < 0;
}

/** The protected entry a text names (`inside` only: the entry or a path under it). */
function mentionIn(text: string, ctx: Ctx, cwd = ctx.cwd): PathHit | undefined {
  for (const t of tokensOf(text, ctx)) {
    if (t.startsWith('-') && !t.includes('/')) continue;
    const hit = pathHit(t, ctx, cwd);
    if (hit?.how === 'inside') return hit;
  }
  return undefined;
}

/**
 * A path, resolved; when part of it is unknown at hook time (`$DIR/.mso/x`,
 * `$(some command)/.husky`), what follows the unknown part is also tried from
 * the workspace root and the cwd: fail closed on the part mso can read.
 */
function pathHit(p: string, ctx: Ctx, cwd = ctx.cwd): PathHit | undefined {
  const hit = protectedHit(ctx.plane, p, cwd);
  if (hit?.how === 'inside' || !/\$|`/.test(p)) return hit;
  const m = /^.*(?:\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*|`[^`]*`)\/*(.*)$/s.exec(p);
  const tail = m?.[1];
  if (!tail || tail.startsWith('/')) return hit;
  for (const base of [ctx.plane.root, cwd]) {
    const t = protectedHit(ctx.plane, tail, base);
    if (t?.how === 'inside') return t;
  }
  return hit;
}

/** A word built from a decoder's output (`$(echo … | base64 -d)`): mso cannot read the name. */
function decodedSub(w: ShellWord): string | undefined {
  for (const sub of w.subs) {
    for (const c of parseShell(sub)) {
      const name = progName(c.words[0]?.value ?? '');
      if (DECODERS.has(name) || (name === 'printf' && c.words.some((x) => x.value.includes('$')))) return name;
    }
  }
  return undefined;
}

/** A script this call runs: its text, or a refusal when the same call writes it first with text mso cannot see. */
function scriptText(p: string, ctx: Ctx): { text?: string; refused?: string } {
  const abs = resolve(ctx.cwd, expandHome(p));
  if (ctx.written.has(abs)) {
    const text = ctx.written.get(abs);
    return text === undefined ? { refused: `runs ${p}, which this command writes first; mso cannot read it in advance` } : { text };
  }
  return { text: readScript(p, ctx.cwd) };
}

/** What a command prints when it is plain to see: `echo`/`printf` arguments, a heredoc fed to `cat`. */
function shownText(cmd: ShellCommand, ctx: Ctx): string | undefined {
  if (cmd.words.some((w) => w.subs.length)) return undefined;
  const argv = cmd.words.flatMap((w) => expandWord(w, ctx));
  const name = progName(argv[0] ?? '');
  if (name === 'echo') return argv.slice(1).filter((a) => !/^-[neE]+$/.test(a)).join(' ');
  if (name === 'printf') return printfText(argv.slice(1));
  if (name === 'cat' && argv.length === 1 && cmd.stdinTexts.length) return cmd.stdinTexts.join('\n');
  return undefined;
}

function readScript(p: string, cwd: string): string | undefined {
  try {
    const abs = resolve(cwd, expandHome(p));
    const st = statSync(abs);
    if (!st.isFile() || st.size > MAX_SCRIPT) return undefined;
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}

const changes = (hit: PathHit) => (hit.how === 'inside' ? hit.target : `${hit.target}, which holds ${hit.entry.shown}`);

// ---------------------------------------------------------------- commands

function analyzeCommand(cmd: ShellCommand, ctx: Ctx): string | undefined {
  // Nested code runs first in the shell too.
  for (const w of [...cmd.words, ...cmd.redirects.map((r) => r.target)]) {
    for (const sub of w.subs) {
      const r = analyze(sub, child(ctx));
      if (r) return r;
    }
  }
  for (const r of cmd.redirects) {
    if (r.op === '<' || r.op === 'herestring') continue;
    const dec = decodedSub(r.target);
    if (dec) return `writes to a file whose name is decoded by ${dec}, which mso cannot check`;
    for (const t of expandWord(r.target, ctx)) {
      const abs = resolve(ctx.cwd, expandHome(t));
      const shown = shownText(cmd, ctx);
      const before = r.op.endsWith('>>') ? (ctx.written.has(abs) ? ctx.written.get(abs) : (readScript(abs, ctx.cwd) ?? '')) : '';
      ctx.written.set(abs, shown === undefined || before === undefined ? undefined : `${before}\n${shown}`);
      const hit = pathHit(t, ctx) ?? mentionIn(r.target.value, ctx);
      if (hit?.how === 'inside') return `writes ${changes(hit)} (redirection ${r.op} ${t})`;
    }
  }
  let argv = cmd.words.flatMap((w) => expandWord(w, ctx));
  // Leading assignments: `HUSKY=0 git commit`, or a plain `X=.mso` remembered for later words.
  let k = 0;
  for (; k < argv.length; k++) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(argv[k]!);
    if (!m) break;
    const bad = envRefusal(m[1]!, ctx);
    if (bad) return bad;
    ctx.vars.set(m[1]!, [m[2]!]);
  }
  argv = argv.slice(k);
  if (argv.length === 0) return undefined;
  if (overBudget(ctx)) return 'is too large for mso to check';
  return runArgv(argv, cmd, ctx);
}

function envRefusal(name: string, ctx: Ctx): string | undefined {
  const hit = matchesName(ctx.plane.list.environment, name);
  return hit ? `sets ${name}, which can switch a git hook or mso off` : undefined;
}

function progName(arg: string): string {
  return basename(arg.replace(/\\/g, '/')).toLowerCase().replace(/\.exe$/, '');
}

/** Strips wrappers (`sudo`, `env X=1`, `command`, `exec`, `nice`, `timeout 5`…); returns the argv that runs, or a refusal. */
function unwrap(argv: string[], ctx: Ctx): { argv: string[]; cwd?: string } | string {
  let cwd: string | undefined;
  for (let guard = 0; guard < 16 && argv.length; guard++) {
    const name = progName(argv[0]!);
    let i = 1;
    const skipOpts = (withValue: Set<string>) => {
      while (i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-') {
        if (argv[i] === '--') {
          i++;
          break;
        }
        if (withValue.has(argv[i]!)) i++;
        i++;
      }
    };
    if (name === 'sudo' || name === 'doas') skipOpts(new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '-R']));
    else if (name === 'env') {
      while (i < argv.length) {
        const a = argv[i]!;
        if (a === '-u' || a === '--unset') i += 2;
        else if (a === '-C' || a === '--chdir') {
          cwd = resolve(cwd ?? ctx.cwd, expandHome(argv[i + 1] ?? '.'));
          i += 2;
        } else if (a === '-S' || a === '--split-string') {
          const rest = argv.slice(i + 2);
          argv = [...(argv[i + 1] ?? '').split(/\s+/).filter(Boolean), ...rest];
          i = 0;
          break;
        } else if (a.startsWith('-')) i++;
        else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
          const bad = envRefusal(a.slice(0, a.indexOf('=')), ctx);
          if (bad) return bad;
          i++;
        } else break;
      }
    } else if (name === 'command' || name === 'builtin') {
      if (argv[1] === '-v' || argv[1] === '-V') return { argv: [] };
      skipOpts(new Set());
    } else if (name === 'exec') skipOpts(new Set(['-a']));
    else if (name === 'nohup' || name === 'time' || name === 'setsid' || name === 'chronic' || name === 'unbuffer' || name === 'caffeinate') skipOpts(new Set());
    else if (name === 'nice' || name === 'ionice' || name === 'chrt' || name === 'taskset') skipOpts(new Set(['-n', '-c', '-p']));
    else if (name === 'stdbuf') skipOpts(new Set(['-i', '-o', '-e']));
    else if (name === 'timeout') {
      skipOpts(new Set(['-s', '-k', '--signal', '--kill-after']));
      i++; // the duration
    } else return { argv, cwd };
    argv = argv.slice(i);
  }
  return { argv, cwd };
}

function runArgv(argvIn: string[], cmd: ShellCommand, ctxIn: Ctx): string | undefined {
  const un = unwrap(argvIn, ctxIn);
  if (typeof un === 'string') return un;
  const argv = un.argv;
  if (argv.length === 0) return undefined;
  const ctx = un.cwd ? { ...ctxIn, cwd: un.cwd } : ctxIn;
  const name = progName(argv[0]!);
  const args = argv.slice(1);

  const listed = listedCommand(argv, ctx);
  if (listed) return listed;

  switch (name) {
    case 'cd':
    case 'pushd': {
      const to = args.find((a) => !a.startsWith('-')) ?? '~';
      if (to !== '-') ctxIn.cwd = resolve(ctxIn.cwd, expandHome(to));
      return undefined;
    }
    case 'export':
    case 'declare':
    case 'typeset':
    case 'readonly':
    case 'local':
      for (const a of args) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
        if (!m) continue;
        const bad = envRefusal(m[1]!, ctx);
        if (bad) return bad;
        ctxIn.vars.set(m[1]!, [m[2]!]);
      }
      return undefined;
    case 'alias':
      for (const a of args) {
        const eq = a.indexOf('=');
        if (eq > 0) {
          const r = analyze(a.slice(eq + 1), child(ctx));
          if (r) return r;
        }
      }
      return undefined;
    case 'for':
      if (args[1] === 'in' && args[0]) ctxIn.vars.set(args[0], args.slice(2));
      return undefined;
    case 'eval': {
      const code = args.join(' ');
      if (/\$\(|`|\$[A-Za-z_{]/.test(code)) return 'runs code through eval that mso cannot read (a command substitution or variable)';
      return analyze(code, child(ctx));
    }
    case 'source':
    case '.': {
      const file = args[0];
      if (!file) return undefined;
      if (file === '-' || file.startsWith('/dev/')) return `runs code from ${file} that mso cannot read`;
      const { text, refused } = scriptText(file, ctx);
      if (refused) return refused;
      return text === undefined ? undefined : analyze(text, child(ctx));
    }
    case 'xargs':
    case 'parallel':
      return xargsRefusal(args, cmd, ctx);
    case 'find':
      return findRefusal(args, ctx);
    case 'git':
      return gitRefusal(args, cmd, ctx);
    case 'cp':
    case 'install':
    case 'rsync':
    case 'scp':
    case 'ln':
    case 'mv':
      return copyRefusal(name, args, ctx);
    case 'dd':
      for (const a of args) {
        if (!a.startsWith('of=')) continue;
        const hit = pathHit(a.slice(3), ctx);
        if (hit?.how === 'inside') return `writes ${changes(hit)} (dd ${a})`;
      }
      return undefined;
    case 'patch':
      return patchRefusal(args, cmd, ctx);
  }

  if (SHELLS.has(name)) return shellRefusal(name, args, cmd, ctx);
  if (INTERPRETERS.has(name) || /^python\d/.test(name)) return interpreterRefusal(name, args, cmd, ctx);
  if (argv[0]!.includes('/')) {
    // A script run by path: follow it when mso can read it.
    const { text, refused } = scriptText(argv[0]!, ctx);
    if (refused) return refused;
    if (text !== undefined) {
      const r = /^#!.*\b(sh|bash|zsh|dash|ksh)\b/.test(text) || /\.(sh|bash)$/.test(argv[0]!) ? analyze(text, child(ctx)) : codeRefusal(text, ctx, argv[0]!, false);
      if (r) return r;
    }
  }
  if (READ_ONLY.has(name) && readOnlyForm(name, args)) return undefined;
  for (const w of cmd.words) {
    const dec = decodedSub(w);
    if (dec) return `gives ${name} a name decoded by ${dec}, which mso cannot check`;
  }

  // Anything else may write what it names: any mention of the control plane is refused,
  // and a later command of this call that runs one of those files is not trusted to be read in advance.
  for (const a of args) if (!a.startsWith('-')) ctx.written.set(resolve(ctx.cwd, expandHome(a)), undefined);
  for (const a of argv[0]!.includes('/') ? argv : args) {
    if (DESTRUCTIVE.has(name)) {
      const hit = pathHit(a, ctx);
      if (hit) return `${verb(name)} ${changes(hit)} (${name} ${a})`;
    }
    const hit = mentionIn(a, ctx);
    if (hit) return `${verb(name)} ${changes(hit)} (${name} names it, and mso cannot tell it only reads)`;
  }
  return undefined;
}

function verb(name: string): string {
  if (name === 'rm' || name === 'rmdir' || name === 'unlink' || name === 'shred') return 'deletes';
  if (name === 'mv') return 'moves';
  if (name === 'chmod' || name === 'chown' || name === 'chgrp' || name === 'chattr' || name === 'setfacl') return 'changes the permissions of';
  if (name === 'ln') return 'links';
  return 'changes';
}

/** Read-only commands with an option or script that makes them write are not read-only. */
function readOnlyForm(name: string, args: string[]): boolean {
  switch (name) {
    case 'sed': {
      if (args.some((a) => /^-[^-]*i/.test(a) || a.startsWith('--in-place'))) return false;
      // The script: -e values, else the first operand. `w file` writes, `e` runs a command.
      const scripts: string[] = [];
      for (let i = 0; i < args.length; i++) if (args[i] === '-e' || args[i] === '--expression') scripts.push(args[++i] ?? '');
      if (scripts.length === 0) scripts.push(args.find((a) => !a.startsWith('-')) ?? '');
      return !scripts.some((sc) => /(^|[;}\s\d$/])[wWe](\s|$|;)/.test(sc));
    }
    case 'perl':
      return false;
    case 'awk':
    case 'gawk':
    case 'mawk':
      return !args.some((a) => /[>|]|system|-i\s*inplace|inplace/.test(a));
    case 'sort':
      return !args.some((a) => a === '-o' || /^-[^-]*o/.test(a) || a.startsWith('--output'));
    case 'yq':
      return !args.some((a) => /^-[^-]*i/.test(a) || a === '--inplace');
    case 'mso': {
      const sub = args.find((a) => !a.startsWith('-'));
      return sub === 'scan' || sub === 'trust' || sub === 'hook' || (sub === 'mcp' && args.includes('check')) || sub === undefined;
    }
    case 'code':
    case 'open':
    case 'view':
      return true;
    default:
      return true;
  }
}

// ---------------------------------------------------------------- listed commands (mso, husky, pre-commit)

/** What actually runs: `npx mso …`, `node dist/cli/main.js …`, `/usr/local/bin/mso …` are all `mso …`. */
function normaliseProgram(argv: string[]): string[] {
  const name = progName(argv[0]!);
  const skip = (from: number, withValue: Set<string>) => {
    let i = from;
    while (i < argv.length && argv[i]!.startsWith('-')) {
      if (argv[i] === '--') return i + 1;
      if (withValue.has(argv[i]!)) i++;
      i++;
    }
    return i;
  };
  const pkg = (s: string) => s.replace(/^(@[^/]+\/)?([^@]+)(@.*)?$/, (_m, scope: string | undefined, n: string) => `${scope ?? ''}${n}`).toLowerCase();
  if (name === 'npx' || name === 'bunx' || name === 'pnpx') {
    const i = skip(1, new Set(['-p', '--package', '-c', '--call', '--registry', '--cache']));
    return argv[i] ? [pkg(argv[i]!), ...argv.slice(i + 1)] : argv;
  }
  if (name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'bun') {
    let i = skip(1, new Set(['--prefix', '-C', '--dir', '--cwd', '--filter', '-F']));
    const verb = argv[i];
    if (verb === 'exec' || verb === 'x' || verb === 'dlx' || verb === 'run' || verb === 'run-script') i = skip(i + 1, new Set(['-p', '--package', '-c', '--call']));
    else if (name === 'npm') return argv;
    return argv[i] ? [pkg(argv[i]!), ...argv.slice(i + 1)] : argv;
  }
  if (name === 'node' || name === 'nodejs' || name === 'bun' || name === 'deno' || name === 'tsx' || name === 'ts-node') {
    const i = skip(1, new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--conditions', '-C']));
    const script = argv[i]?.replace(/\\/g, '/');
    if (script && (/(^|\/)(dist|src)\/cli\/main\.[cm]?[jt]s$/.test(script) || /(^|\/)mso(\.[cm]?js)?$/.test(script))) return ['mso', ...argv.slice(i + 1)];
    return argv;
  }
  if (name === 'mso' || name === 'mso.js' || name === 'mso.mjs') return ['mso', ...argv.slice(1)];
  // The entry run directly through its shebang: `./node_modules/mso/dist/cli/main.cjs …` (the bin).
  if (/(^|\/)(dist|src)\/cli\/main\.[cm]?[jt]s$/.test(argv[0]!.replace(/\\/g, '/'))) return ['mso', ...argv.slice(1)];
  return argv;
}

function listedCommand(argvIn: string[], ctx: Ctx): string | undefined {
  const argv = normaliseProgram(argvIn);
  const prog = progName(argv[0]!);
  const rest = argv.slice(1);
  const positional = rest.filter((a) => !a.startsWith('-'));
  for (const entry of ctx.plane.list.commands) {
    if (entry[0]!.toLowerCase() !== prog) continue;
    let p = 0;
    let ok = true;
    for (const word of entry.slice(1)) {
      if (word.startsWith('-')) {
        if (!rest.some((a) => a === word || a.startsWith(word + '='))) ok = false;
      } else if ((positional[p++] ?? '').toLowerCase() !== word.toLowerCase()) ok = false;
      if (!ok) break;
    }
    if (ok) return `runs \`${entry.join(' ')}\`, which only a person may run`;
  }
  if (prog === 'mso') {
    // `mso scan -o FILE` / `--write-baseline FILE` writes FILE.
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i]!;
      const m = /^(-o|--output|--write-baseline)(?:=(.*))?$/.exec(a);
      if (!m) continue;
      const file = m[2] ?? rest[i + 1] ?? '';
      const hit = pathHit(file, ctx);
      if (hit?.how === 'inside') return `writes ${changes(hit)} (mso ${a} ${file})`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- shells and interpreters

/** The code a command pipes in, when it is plain to see (`echo …`, `printf …`, `cat <<EOF`, `cat file`). */
function pipedCode(cmd: ShellCommand, ctx: Ctx): string | undefined {
  if (cmd.stdinTexts.length) return cmd.stdinTexts.join('\n');
  for (const r of cmd.redirects) if (r.op === '<') return readScript(r.target.value, ctx.cwd) ?? '';
  const from = cmd.pipedFrom;
  if (!from) return '';
  const words = from.words.map((w) => w.value);
  if (from.words.some((w) => w.subs.length || /\$[A-Za-z_{]/.test(w.value))) return undefined;
  const name = progName(words[0] ?? '');
  if (name === 'echo') return words.slice(1).filter((w) => !/^-[neE]+$/.test(w)).join(' ');
  if (name === 'printf') return words.slice(1).join(' ');
  if (name === 'cat') {
    if (from.stdinTexts.length) return from.stdinTexts.join('\n');
    const files = words.slice(1).filter((w) => !w.startsWith('-'));
    const texts = files.map((f) => readScript(f, ctx.cwd));
    return texts.some((t) => t === undefined) ? undefined : texts.join('\n');
  }
  return undefined;
}

function shellRefusal(name: string, args: string[], cmd: ShellCommand, ctx: Ctx): string | undefined {
  let i = 0;
  if (name === 'busybox') i = 1; // busybox sh …
  let code: string | undefined;
  let script: string | undefined;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-o' || a === '+o' || a === '--rcfile' || a === '--init-file') {
      i++;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(a)) {
      if (a.includes('c') && a.startsWith('-')) {
        code = args[i + 1] ?? '';
        break;
      }
      continue;
    }
    if (a.startsWith('--')) continue;
    break;
  }
  if (code !== undefined) return analyze(code, child(ctx));
  script = args[i];
  if (script !== undefined && script.startsWith('/dev/') && script !== '/dev/null') return `runs code from ${script} that mso cannot read`;
  if (script !== undefined && script !== '-') {
    const { text, refused } = scriptText(script, ctx);
    if (refused) return refused;
    if (text === undefined) return `runs ${script}, a script mso cannot read (missing, or over ${MAX_SCRIPT} bytes)`;
    return analyze(text, child(ctx));
  }
  const piped = pipedCode(cmd, ctx);
  if (piped === undefined) return `pipes code into ${name} that mso cannot read (${describeSource(cmd)})`;
  return piped ? analyze(piped, child(ctx)) : undefined;
}

function describeSource(cmd: ShellCommand): string {
  const from = cmd.pipedFrom;
  return from ? `from \`${from.words.map((w) => w.value).join(' ').slice(0, 60)}\`` : 'from stdin';
}

const DECODING = /b64decode|base64|fromCharCode|atob\(|unhexlify|fromhex|codecs\.decode|zlib|rot.?13|\\x[0-9a-f]{2}|\\[0-7]{3}|\bchr\(|\bpack\(|\[::-1\]|reverse\(\)/i;
const RUNNING = /\bexec\b|\beval\b|system\(|spawn|execSync|execFile|subprocess|popen|Function\(|writeFile|open\(|unlink|rmtree|rmSync|rename|symlink|chmod|`/i;

/**
 * Code in another language: any path-like piece of it that names the control
 * plane refuses the call (string literals joined with `+` or side by side are
 * read joined). Code that decodes something and then runs or writes it is
 * refused as obfuscation: mso cannot read what it does.
 */
function codeRefusal(code: string, ctx: Ctx, where: string, inline = true): string | undefined {
  const joined = code.replace(/(['"])\s*(?:\+|\.|\.\.)?\s*\1/g, '');
  const hit = mentionIn(joined, ctx) ?? (joined !== code ? mentionIn(code, ctx) : undefined);
  if (hit) return `changes ${changes(hit)} (${where} names it)`;
  if (inline && DECODING.test(code) && RUNNING.test(code)) return `runs code that decodes what it does (${where}); mso cannot check it`;
  return undefined;
}

function interpreterRefusal(name: string, args: string[], cmd: ShellCommand, ctx: Ctx): string | undefined {
  const codeFlags = new Set(['-c', '-e', '-E', '--eval', '-p', '--print', '-r', '--command', '-Command', '-x']);
  let sawCode = false;
  let script: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (codeFlags.has(a) || /^-[a-zA-Z]*[ce]$/.test(a)) {
      const code = args[i + 1] ?? '';
      sawCode = true;
      const r = codeRefusal(code, ctx, `${name} ${a}`);
      if (r) return r;
      i++;
      continue;
    }
    if (name === 'deno' && a === 'eval') {
      sawCode = true;
      const r = codeRefusal(args.slice(i + 1).join(' '), ctx, 'deno eval');
      if (r) return r;
      break;
    }
    if (a === '-m' && /^python/.test(name)) {
      sawCode = true; // a module: not a file mso reads
      i++;
      continue;
    }
    if (!a.startsWith('-') && script === undefined && !sawCode) script = a;
    // Other arguments (perl -i files, script arguments) may be written too.
    const hit = mentionIn(a, ctx);
    if (hit) return `changes ${changes(hit)} (${name} ${a})`;
  }
  if (sawCode) return undefined;
  if (script !== undefined && script !== '-') {
    const { text, refused } = scriptText(script, ctx);
    if (refused) return refused;
    return text === undefined ? undefined : codeRefusal(text, ctx, script, false);
  }
  const piped = pipedCode(cmd, ctx);
  if (piped === undefined) return `pipes code into ${name} that mso cannot read (${describeSource(cmd)})`;
  return piped ? codeRefusal(piped, ctx, `code piped into ${name}`) : undefined;
}

// ---------------------------------------------------------------- xargs, find

function upstream(cmd: ShellCommand): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (let c = cmd.pipedFrom; c && out.length < 32; c = c.pipedFrom) out.push(c);
  return out;
}

function xargsRefusal(args: string[], cmd: ShellCommand, ctx: Ctx): string | undefined {
  const withValue = new Set(['-I', '-L', '-l', '-n', '-P', '-s', '-d', '-E', '-e', '-a', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--replace', '--max-lines', '--eof', '-j', '--jobs', '-S']);
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) {
    if (args[i] === '--') {
      i++;
      break;
    }
    if (withValue.has(args[i]!)) i++;
    i++;
  }
  const inner = args.slice(i);
  if (inner.length === 0) return undefined; // echo
  const innerName = progName(inner[0]!);
  // Names fed in plain sight (`echo .mso | xargs rm`, `xargs rm <<< .mso`) are checked as arguments.
  const fed = pipedCode(cmd, ctx);
  if (fed) {
    const r = runArgv([...inner, ...fed.split(/\s+/).filter(Boolean)], { words: [], redirects: [], stdinTexts: [] }, ctx);
    if (r) return r;
  }
  const own = runArgv(inner, { words: [], redirects: [], stdinTexts: [] }, ctx);
  if (own) return own;
  if (READ_ONLY.has(innerName) && readOnlyForm(innerName, inner.slice(1))) return undefined;
  // The names come from the pipe: refuse a writer fed by a decoder, or by a listing that reaches the control plane.
  for (const up of upstream(cmd)) {
    const words = up.words.map((w) => w.value);
    const upName = progName(words[0] ?? '');
    if (DECODERS.has(upName)) return `feeds names decoded by ${upName} to ${innerName}, which mso cannot check`;
    if (upName === 'find') {
      if (findReaches(words.slice(1), ctx)) return `${verb(innerName)} files found under a folder that holds the control plane (find … | xargs ${innerName})`;
      continue;
    }
    const paths = words.slice(1).filter((w) => !w.startsWith('-'));
    const lists = new Set(['ls', 'fd', 'fdfind', 'git', 'rg', 'grep', 'du', 'tree']);
    if (!lists.has(upName)) continue;
    const targets = paths.length ? paths : ['.'];
    for (const t of targets) {
      const hit = pathHit(t, ctx);
      if (hit && (upName !== 'grep' && upName !== 'rg' ? true : words.some((w) => /^-[^-]*[rRl]/.test(w)) || upName === 'rg')) {
        return `${verb(innerName)} files listed from ${changes(hit)} (${upName} … | xargs ${innerName})`;
      }
    }
  }
  return undefined;
}

/** Names of files inside the control plane, for matching find's -name filters. */
function protectedNames(ctx: Ctx): string[] {
  const names = new Set<string>();
  for (const e of ctx.plane.entries) {
    for (const s of e.segs) names.add(s);
    const walk = (dir: string, depth: number) => {
      if (depth > 3 || names.size > 2000) return;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const d of entries) {
        names.add(d.name.toLowerCase());
        if (d.isDirectory()) walk(join(dir, d.name), depth + 1);
      }
    };
    walk(e.abs, 0);
  }
  return [...names];
}

function globToRegex(g: string): RegExp {
  const src = g.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  try {
    return new RegExp(`^${src}$`, 'i');
  } catch {
    return /^.*$/;
  }
}

/** Does a find over these arguments reach the control plane (start paths, then -name filters)? */
function findReaches(args: string[], ctx: Ctx): boolean {
  const starts: string[] = [];
  let i = 0;
  for (; i < args.length && !args[i]!.startsWith('-') && args[i] !== '(' && args[i] !== '!'; i++) starts.push(args[i]!);
  if (starts.length === 0) starts.push('.');
  let inside = false;
  let reach = false;
  for (const s of starts) {
    const hit = pathHit(s, ctx);
    if (hit) reach = true;
    if (hit?.how === 'inside') inside = true;
  }
  if (!reach) return false;
  if (inside) return true;
  const rest = args.slice(i);
  if (rest.some((a) => a === '!' || a === '-not' || /^-i?(path|wholename|regex)$/.test(a))) return true;
  const patterns: string[] = [];
  for (let j = 0; j < rest.length; j++) if (rest[j] === '-name' || rest[j] === '-iname') patterns.push(rest[j + 1] ?? '*');
  if (patterns.length === 0) return true;
  const names = protectedNames(ctx);
  return patterns.some((p) => {
    const re = globToRegex(p);
    return names.some((n) => re.test(n));
  });
}

function findRefusal(args: string[], ctx: Ctx): string | undefined {
  for (let j = 0; j < args.length; j++) {
    const a = args[j]!;
    if (/^-fprint0?$|^-fprintf$|^-fls$/.test(a)) {
      const hit = pathHit(args[j + 1] ?? '', ctx);
      if (hit?.how === 'inside') return `writes ${changes(hit)} (find ${a})`;
    }
    if (a === '-delete' && findReaches(args, ctx)) return 'deletes files in the control plane (find … -delete reaches it)';
    if (/^-(exec|execdir|ok|okdir)$/.test(a)) {
      let end = j + 1;
      while (end < args.length && args[end] !== ';' && args[end] !== '+') end++;
      const inner = args.slice(j + 1, end);
      j = end;
      if (inner.length === 0) continue;
      const own = runArgv(inner, { words: [], redirects: [], stdinTexts: [] }, ctx);
      if (own) return own;
      const innerName = progName(inner[0]!);
      if (READ_ONLY.has(innerName) && readOnlyForm(innerName, inner.slice(1))) continue;
      if (findReaches(args, ctx)) return `${verb(innerName)} files in the control plane (find … ${a} ${innerName})`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- cp, mv, ln, rsync

function copyRefusal(name: string, args: string[], ctx: Ctx): string | undefined {
  const positional: string[] = [];
  let target: string | undefined;
  let linkMode = name === 'ln' || name === 'mv';
  let contents = false;
  let deleting = false;
  let noTargetDir = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a === '-t' || a === '--target-directory') target = args[++i];
    else if (a.startsWith('--target-directory=')) target = a.slice('--target-directory='.length);
    else if (a.startsWith('--')) {
      if (/^--(link|symbolic-link|remove-source-files)$/.test(a)) linkMode = true;
      if (/^--delete/.test(a)) deleting = true;
      if (a === '--no-target-directory') noTargetDir = true;
      if (/^--(suffix|backup|mode|owner|group|exclude|include|filter|rsh|chmod|chown)$/.test(a)) i++;
    } else if (a.startsWith('-') && a !== '-') {
      if (name !== 'rsync' && /[ls]/.test(a.slice(1)) && name !== 'install') linkMode = true;
      if (name === 'install' && /[mogS]$/.test(a)) i++;
      if (/T/.test(a) && name !== 'rsync') noTargetDir = true;
      if (name === 'rsync' && /^-[a-zA-Z]*e$/.test(a)) i++;
    } else positional.push(a);
  }
  if (target === undefined) target = positional.pop();
  const sources = positional;
  if (target === undefined) return undefined;
  ctx.written.set(resolve(ctx.cwd, expandHome(target)), undefined);
  for (const s of sources) ctx.written.set(resolve(ctx.cwd, expandHome(target), basename(s)), undefined);
  const tHit = pathHit(target, ctx);
  if (tHit?.how === 'inside') return `${verb(name === 'mv' ? 'changes' : name)} ${changes(tHit)} (${name} … ${target})`;
  if (tHit?.how === 'ancestor') {
    if (deleting || noTargetDir) return `replaces a folder that holds ${tHit.entry.shown} (${name} … ${target})`;
    for (const s of sources) {
      const trimmed = s.replace(/\/+$/, '');
      if (s.endsWith('/.') || (name === 'rsync' && s.endsWith('/')) || trimmed === '.' || trimmed === '') {
        return `copies a whole folder over one that holds ${tHit.entry.shown} (${name} ${s} ${target})`;
      }
      const hit = pathHit(join(target, basename(trimmed)), ctx);
      if (hit?.how === 'inside') return `${verb(name === 'mv' ? 'changes' : name)} ${changes(hit)} (${name} ${s} ${target})`;
    }
  }
  if (linkMode) {
    for (const s of sources) {
      const hit = pathHit(s, ctx);
      if (hit && (hit.how === 'inside' || name === 'mv')) return `${verb(name)} ${changes(hit)} (${name} ${s})`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- patches

function patchPaths(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:(?:---|\+\+\+)\s+|diff --git\s+|rename (?:from|to)\s+|copy (?:from|to)\s+)(\S+)(?:\s+(\S+))?/gm)) {
    for (const p of [m[1], m[2]]) if (p && p !== '/dev/null') out.push(p, p.replace(/^[ab]\//, ''));
  }
  return out;
}

function patchTextRefusal(text: string, ctx: Ctx, cwd: string, what: string): string | undefined {
  for (const p of patchPaths(text)) {
    const hit = pathHit(p, ctx, cwd);
    if (hit?.how === 'inside') return `changes ${changes(hit)} (${what} patches it)`;
  }
  return undefined;
}

function patchRefusal(args: string[], cmd: ShellCommand, ctx: Ctx): string | undefined {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-i' || a === '--input') files.push(args[++i] ?? '');
    else if (!a.startsWith('-')) files.push(a);
    const hit = !a.startsWith('-') ? pathHit(a, ctx) : undefined;
    if (hit?.how === 'inside') return `changes ${changes(hit)} (patch ${a})`;
  }
  const texts = files.map((f) => readScript(f, ctx.cwd) ?? '');
  const piped = pipedCode(cmd, ctx);
  if (piped) texts.push(piped);
  for (const t of texts) {
    const r = patchTextRefusal(t, ctx, ctx.cwd, 'patch');
    if (r) return r;
  }
  return undefined;
}

// ---------------------------------------------------------------- git

function gitRefusal(args: string[], cmd: ShellCommand, ctx: Ctx): string | undefined {
  let cwd = ctx.cwd;
  let i = 0;
  let otherRepo = false;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const a = args[i]!;
    if (a.startsWith('-c') || a.startsWith('--config-env')) {
      const kv = a === '-c' || a === '--config-env' ? (args[++i] ?? '') : a.startsWith('-c') ? a.slice(2) : a.slice(a.indexOf('=') + 1);
      const key = kv.split('=')[0]!;
      if (matchesName(ctx.plane.list.gitConfigKeys, key)) return `sets git ${key}, which changes which git hooks run (git -c)`;
    } else if (a === '-C') cwd = resolve(cwd, expandHome(args[++i] ?? '.'));
    else if (/^--(git-dir|work-tree)(=|$)/.test(a)) {
      otherRepo = true;
      if (!a.includes('=')) i++;
    } else if (/^--(namespace|super-prefix|exec-path|list-cmds)$/.test(a)) i++;
    else if (a.startsWith('--exec-path=')) return 'points git at other programs (--exec-path)';
  }
  const sub = (args[i] ?? '').toLowerCase();
  const rest = args.slice(i + 1);
  for (const a of rest) {
    if (a === '--') break;
    if (/^--no-ver(i(fy?)?)?(=|$)/.test(a)) return `skips the git hooks (git ${sub} ${a})`;
  }
  if (sub === 'commit') {
    for (const a of rest) {
      if (a === '--') break;
      if (!/^-[^-]/.test(a)) continue;
      for (const ch of a.slice(1)) {
        if (ch === 'n') return `skips the git hooks (git commit ${a})`;
        if ('mFcCtSu'.includes(ch)) break;
      }
    }
  }
  if (sub === 'config') return gitConfigRefusal(rest, cwd, ctx);
  if (otherRepo && !GIT_READ_ONLY.has(sub)) return `runs git ${sub} on another git folder or work tree, around the repository's hooks`;
  if (GIT_READ_ONLY.has(sub)) return undefined;
  if (sub === 'apply' || sub === 'am') {
    for (const a of rest) {
      if (a.startsWith('-')) continue;
      const text = readScript(a, cwd);
      const r = text && patchTextRefusal(text, ctx, cwd, `git ${sub}`);
      if (r) return r;
    }
    const piped = pipedCode(cmd, ctx);
    const r = piped && patchTextRefusal(piped, ctx, cwd, `git ${sub}`);
    if (r) return r;
    return undefined;
  }
  if (sub === 'clean' && rest.some((a) => /^-[^-]*[xX]/.test(a))) {
    // -x/-X also deletes ignored files: mso's local state under .mso/ among them.
    const paths = rest.filter((a) => !a.startsWith('-'));
    for (const p of paths.length ? paths : ['.']) {
      const hit = pathHit(p, ctx, cwd);
      if (hit) return `deletes ignored files in ${changes(hit)} (git clean ${rest.join(' ')})`;
    }
  }
  // Everything else that names a protected path (checkout -- .mso/x, restore, rm, mv, update-index, add, stash push …).
  for (const a of rest) {
    if (a.startsWith('-') && !a.includes('=')) continue;
    const value = a.startsWith('-') ? a.slice(a.indexOf('=') + 1) : a.replace(/^:(\/|\([^)]*\))?/, '');
    const hit = pathHit(value, ctx, cwd);
    if (hit?.how === 'inside' || (hit && (sub === 'rm' || sub === 'mv'))) return `changes ${changes(hit)} (git ${sub} ${a})`;
  }
  return undefined;
}

function gitConfigRefusal(rest: string[], cwd: string, ctx: Ctx): string | undefined {
  let scope: 'local' | 'global' | 'file' = 'local';
  let file: string | undefined;
  let write = false;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--global' || a === '--system') scope = 'global';
    else if (a === '-f' || a === '--file') {
      scope = 'file';
      file = rest[++i];
    } else if (a.startsWith('--file=')) {
      scope = 'file';
      file = a.slice(7);
    } else if (/^--(unset|unset-all|add|replace-all|rename-section|remove-section|edit)$/.test(a) || a === '-e') write = true;
    else if (a === '--blob' || a === '--type' || a === '--default' || a === '--comment') i++;
    else if (!a.startsWith('-')) positional.push(a);
  }
  const verbs = new Set(['set', 'unset', 'rename-section', 'remove-section', 'edit']);
  const reads = new Set(['get', 'list']);
  let key = positional[0];
  if (positional[0] && verbs.has(positional[0])) {
    write = true;
    key = positional[1];
  } else if (positional[0] && reads.has(positional[0])) key = positional[1];
  else if (positional.length >= 2) write = true;
  if (!write) return undefined;
  if (key && matchesName(ctx.plane.list.gitConfigKeys, key)) return `sets git ${key}, which changes which git hooks run (git config)`;
  if (scope === 'file') {
    const hit = pathHit(file ?? '', ctx, cwd);
    return hit?.how === 'inside' ? `writes ${changes(hit)} (git config --file)` : undefined;
  }
  if (scope === 'global') return rest.some((a) => /^--(edit|remove-section|rename-section)$/.test(a) || a === '-e') ? 'edits the global git configuration (git config --global --edit)' : undefined;
  // The repository's own .git/config is control plane: a person changes it.
  const dotGit = pathHit(join(cwd, '.git', 'config'), ctx, cwd);
  return dotGit?.how === 'inside' ? `writes ${changes(dotGit)} (git config ${rest.join(' ')})` : undefined;
}
