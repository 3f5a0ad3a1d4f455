/**
 * What a Bash command writes to files, read off the command text: output
 * redirections (`> f`, `>> f`, `&> f`), `tee f`, and the text written when the
 * command shows it (heredoc bodies, `echo`/`printf` arguments). Writes made
 * through Bash never reach the Write/Edit hooks, so the agent hooks look at
 * them here.
 *
 * This is a small shell tokenizer, not a shell: it understands quotes,
 * escapes, comments, line continuations, `$(...)`, pipelines, lists and
 * heredocs. It does not expand variables, globs or command substitutions, and
 * it does not know what other programs (sed -i, cp, python, package managers)
 * write. docs/agent-hooks.md lists what that leaves uncovered.
 */
export interface BashWrite {
  /** The target as written in the command, quotes removed (may be relative to the command's cwd). */
  target: string;
  /** The text written, when the command shows it. */
  content?: string;
  how: 'redirect' | 'heredoc' | 'echo' | 'printf' | 'tee';
}

/** A heredoc body, with the file it goes to when the same command redirects or tees it. */
export interface Heredoc {
  body: string;
  targets: string[];
}

interface Redirect {
  op: string;
  target: string;
}

interface SimpleCommand {
  words: string[];
  redirects: Redirect[];
  heredocs: Array<{ delimiter: string; strip: boolean; body: string }>;
  /** True when this command's stdout is piped into the next one. */
  pipesToNext: boolean;
}

const OUTPUT_OPS = new Set(['>', '>>', '>|', '&>', '&>>']);
const NOT_FILES = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty']);

/** Splits a command into simple commands with their words, redirections and heredoc bodies. */
export function parseBash(src: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let cur: SimpleCommand = { words: [], redirects: [], heredocs: [], pipesToNext: false };
  let pending: Array<{ delimiter: string; strip: boolean; body: string }> = [];
  let pendingRedirect: string | undefined;
  let pendingHeredoc: { strip: boolean } | undefined;
  let i = 0;
  const n = src.length;

  const endCommand = (pipe: boolean) => {
    if (cur.words.length || cur.redirects.length || cur.heredocs.length) {
      cur.pipesToNext = pipe;
      out.push(cur);
    }
    cur = { words: [], redirects: [], heredocs: [], pipesToNext: false };
  };

  const readHeredocBodies = () => {
    for (const h of pending) {
      const lines: string[] = [];
      while (i < n) {
        let end = src.indexOf('\n', i);
        if (end === -1) end = n;
        const raw = src.slice(i, end);
        i = end + 1;
        const line = h.strip ? raw.replace(/^\t+/, '') : raw;
        if (line === h.delimiter) break;
        lines.push(line);
      }
      h.body = lines.join('\n');
    }
    pending = [];
  };

  const addWord = (w: string) => {
    if (pendingHeredoc) {
      const h = { delimiter: w, strip: pendingHeredoc.strip, body: '' };
      cur.heredocs.push(h);
      pending.push(h);
      pendingHeredoc = undefined;
    } else if (pendingRedirect) {
      cur.redirects.push({ op: pendingRedirect, target: w });
      pendingRedirect = undefined;
    } else cur.words.push(w);
  };

  while (i < n) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      i++;
      endCommand(false);
      if (pending.length) readHeredocBodies();
      continue;
    }
    if (c === ';' || c === '(' || c === ')' || c === '{' && /[\s;]/.test(src[i + 1] ?? ' ')) {
      i++;
      endCommand(false);
      continue;
    }
    if (c === '|') {
      const isOr = src[i + 1] === '|';
      i += isOr ? 2 : src[i + 1] === '&' ? 2 : 1;
      endCommand(!isOr);
      continue;
    }
    if (c === '&') {
      if (src[i + 1] === '>') {
        const op = src[i + 2] === '>' ? '&>>' : '&>';
        i += op.length;
        pendingRedirect = op;
        continue;
      }
      i += src[i + 1] === '&' ? 2 : 1;
      endCommand(false);
      continue;
    }
    // Redirections, with an optional file descriptor number in front.
    const redir = /^(\d*)(<<<|<<-|<<|<>|<&|<|>>|>&|>\||>)/.exec(src.slice(i, i + 8));
    if (redir && (redir[1] === '' || /[\s;|&(]/.test(src[i - 1] ?? ' '))) {
      const [, fd, op] = redir as unknown as [string, string, string];
      i += redir[0].length;
      if (op === '<<' || op === '<<-') pendingHeredoc = { strip: op === '<<-' };
      else if (op === '>&' || op === '<&') {
        // `>&2` duplicates a descriptor; `>& file` (no digits) writes a file like &>.
        const m = /^\s*([0-9-]+)\b/.exec(src.slice(i));
        if (m) i += m[0].length;
        else pendingRedirect = '&>';
      } else if (op.startsWith('>') && (fd === '' || fd === '1' || fd === '2')) pendingRedirect = op === '>|' ? '>' : op;
      else pendingRedirect = 'in'; // input redirection: read the word and drop it
      continue;
    }
    // A word: quotes, escapes and $(...) are part of it.
    let w = '';
    while (i < n) {
      const ch = src[i]!;
      if (ch === '\\') {
        if (src[i + 1] === '\n') i += 2;
        else {
          w += src[i + 1] ?? '';
          i += 2;
        }
      } else if (ch === "'") {
        const end = src.indexOf("'", i + 1);
        const stop = end === -1 ? n : end;
        w += src.slice(i + 1, stop);
        i = stop + 1;
      } else if (ch === '"') {
        i++;
        while (i < n && src[i] !== '"') {
          if (src[i] === '\\' && '"\\$`\n'.includes(src[i + 1] ?? '')) {
            if (src[i + 1] !== '\n') w += src[i + 1];
            i += 2;
          } else w += src[i++];
        }
        i++;
      } else if (ch === '$' && src[i + 1] === '(') {
        let depth = 0;
        const start = i;
        for (; i < n; i++) {
          if (src[i] === '(') depth++;
          else if (src[i] === ')' && --depth === 0) {
            i++;
            break;
          }
        }
        w += src.slice(start, i);
      } else if (/[\s;&|()<>]/.test(ch)) break;
      else w += src[i++];
    }
    if (pendingRedirect === 'in') pendingRedirect = undefined;
    else addWord(w);
  }
  endCommand(false);
  return out;
}

function isFileTarget(t: string): boolean {
  return t !== '' && !NOT_FILES.has(t) && !/^&?\d+$/.test(t);
}

const PREFIX_WORDS = new Set(['sudo', 'env', 'command', 'nohup', 'time', 'exec']);

/** The command's words without wrappers and assignments in front (`sudo`, `env X=1`, `LANG=C`). */
function effectiveWords(cmd: SimpleCommand): string[] {
  let k = 0;
  while (k < cmd.words.length && (PREFIX_WORDS.has(cmd.words[k]!) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(cmd.words[k]!) || (k > 0 && cmd.words[k]!.startsWith('-') && PREFIX_WORDS.has(cmd.words[k - 1]!)))) k++;
  return cmd.words.slice(k);
}

/** The text a command prints, when it is plain to see: echo/printf arguments or a heredoc fed to cat. */
function printedText(cmd: SimpleCommand): { content: string; how: BashWrite['how'] } | undefined {
  const [name, ...args] = effectiveWords(cmd);
  // A heredoc is what gets written only when cat or tee copies it (`python - <<EOF > out` writes something else).
  if (cmd.heredocs.length && (name === 'cat' || name === 'tee')) return { content: cmd.heredocs.map((h) => h.body).join('\n'), how: 'heredoc' };
  if (name === 'echo') {
    while (args[0] && /^-[neE]+$/.test(args[0])) args.shift();
    return { content: args.join(' '), how: 'echo' };
  }
  if (name === 'printf') {
    if (args[0] === '-v') return undefined;
    return { content: args.join(' '), how: 'printf' };
  }
  return undefined;
}

/** Every file write the command shows, with its content when known. */
export function bashWrites(command: string): BashWrite[] {
  const cmds = parseBash(command);
  const writes: BashWrite[] = [];
  for (let k = 0; k < cmds.length; k++) {
    const cmd = cmds[k]!;
    const printed = printedText(cmd);
    for (const r of cmd.redirects) {
      if (!OUTPUT_OPS.has(r.op) || !isFileTarget(r.target)) continue;
      writes.push({ target: r.target, content: printed?.content, how: printed?.how ?? 'redirect' });
    }
    const words = effectiveWords(cmd);
    if (words[0] === 'tee') {
      const fed = cmd.heredocs.length ? printedText(cmd) : k > 0 && cmds[k - 1]!.pipesToNext ? printedText(cmds[k - 1]!) : undefined;
      for (const a of words.slice(1)) {
        if (a.startsWith('-') || !isFileTarget(a)) continue;
        writes.push({ target: a, content: fed?.content, how: 'tee' });
      }
    }
  }
  return writes;
}
