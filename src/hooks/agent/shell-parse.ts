/**
 * A shell tokenizer for the control-plane guard: enough of POSIX sh and bash
 * to find every simple command in a Bash call, with its words unquoted
 * (`'…'`, `"…"`, `$'…'` with its escapes, backslashes), its redirections,
 * heredoc and here-string bodies, and the code nested inside `$(…)`,
 * backticks and `<(…)`/`>(…)` (returned for the caller to parse in turn).
 * Pipelines, `&&`, `||`, `;`, `&`, newlines, subshells and braces separate
 * commands. Variables, globs and braces are left for the caller to expand.
 * It never throws: unbalanced quotes run to the end of the text.
 */
export interface ShellWord {
  /** The word with quotes and escapes removed; `$VAR`, `${…}` and `$(…)` kept as written. */
  value: string;
  /** Code nested in the word: `$(…)`, backticks, `<(…)`, `>(…)`. */
  subs: string[];
}

export interface ShellRedirect {
  /** `>`, `>>`, `&>`, `<>` (writes) or `<` (reads). */
  op: string;
  target: ShellWord;
  /** The file descriptor written in front of the operator (`2>`), when there is one. */
  fd?: string;
}

export interface ShellCommand {
  words: ShellWord[];
  redirects: ShellRedirect[];
  /** Heredoc and here-string bodies fed to the command's stdin. */
  stdinTexts: string[];
  /** The command whose output is piped into this one (`a | b`: b.pipedFrom is a). */
  pipedFrom?: ShellCommand;
}

const RESERVED_SKIP = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', '[[', ']]', 'esac', 'coproc']);

/** Index just past the `)` matching the `(` at `open`, skipping quoted text. */
function closeParen(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === "'") {
      const e = src.indexOf("'", i + 1);
      i = e === -1 ? src.length : e;
    } else if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return src.length;
}

/** bash's `$'…'` escapes. */
function ansiC(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs, (_m, e: string) => {
    const k = e[0]!;
    if (k === 'x' || k === 'u' || k === 'U') {
      const cp = parseInt(e.slice(1), 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    if (/[0-7]/.test(k)) return String.fromCharCode(parseInt(e, 8) & 0xff);
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
    if (k === 'c') return String.fromCharCode(e.charCodeAt(1) & 0x1f);
    return map[k] ?? '\\' + e;
  });
}

export function parseShell(src: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  const fresh = (): ShellCommand => ({ words: [], redirects: [], stdinTexts: [] });
  let cur = fresh();
  let pendingRedirect: string | undefined;
  let pendingFd: string | undefined;
  let pendingHeredoc: { strip: boolean } | undefined;
  let heredocs: Array<{ delimiter: string; strip: boolean; cmd: ShellCommand }> = [];
  const n = src.length;
  let i = 0;

  const end = (pipe: boolean) => {
    if (cur.words.length || cur.redirects.length || cur.stdinTexts.length) {
      out.push(cur);
      const next = fresh();
      if (pipe) next.pipedFrom = cur;
      cur = next;
    } else if (!pipe) cur.pipedFrom = undefined;
  };
  const readBodies = () => {
    for (const h of heredocs) {
      const lines: string[] = [];
      while (i < n) {
        let e = src.indexOf('\n', i);
        if (e === -1) e = n;
        const raw = src.slice(i, e);
        i = e + 1;
        const line = h.strip ? raw.replace(/^\t+/, '') : raw;
        if (line === h.delimiter) break;
        lines.push(line);
      }
      h.cmd.stdinTexts.push(lines.join('\n'));
    }
    heredocs = [];
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
      end(false);
      if (heredocs.length) readBodies();
      continue;
    }
    if (c === ';' || c === '(' || c === ')') {
      i += src[i + 1] === ';' ? 2 : 1;
      end(false);
      continue;
    }
    if (c === '|') {
      const isOr = src[i + 1] === '|';
      i += isOr || src[i + 1] === '&' ? 2 : 1;
      end(!isOr);
      continue;
    }
    if (c === '&' && src[i + 1] !== '>') {
      i += src[i + 1] === '&' ? 2 : 1;
      end(false);
      continue;
    }
    // Process substitution is a word, not a redirection.
    if ((c === '<' || c === '>') && src[i + 1] === '(') {
      const close = closeParen(src, i + 1);
      const word = { value: '/dev/fd/63', subs: [src.slice(i + 2, close - 1)] };
      i = close;
      if (pendingRedirect) {
        cur.redirects.push({ op: pendingRedirect, target: word });
        pendingRedirect = undefined;
      } else cur.words.push(word);
      continue;
    }
    const redir = /^(\d*|&)(<<<|<<-|<<|<>|<&|<|>>|>&|>\||>)/.exec(src.slice(i, i + 8));
    if (redir && (redir[1] === '' || redir[1] === '&' || /[\s;|&(]/.test(src[i - 1] ?? ' '))) {
      const [, fd, op] = redir as unknown as [string, string, string];
      i += redir[0].length;
      pendingFd = /^\d+$/.test(fd) ? fd : undefined;
      if (op === '<<' || op === '<<-') pendingHeredoc = { strip: op === '<<-' };
      else if (op === '<<<') pendingRedirect = 'herestring';
      else if (op === '>&' || op === '<&') {
        const m = /^\s*([0-9]+-?|-)(?=[\s;|&)]|$)/.exec(src.slice(i));
        if (m) i += m[0].length;
        else pendingRedirect = op === '>&' ? '&>' : '<';
      } else if (fd === '&') pendingRedirect = op === '>>' ? '&>>' : '&>';
      else if (op === '<') pendingRedirect = '<';
      else pendingRedirect = op === '>|' ? '>' : op;
      continue;
    }
    // A word.
    const word: ShellWord = { value: '', subs: [] };
    const startOfWord = i;
    while (i < n) {
      const ch = src[i]!;
      if (ch === '\\') {
        if (src[i + 1] !== '\n') word.value += src[i + 1] ?? '';
        i += 2;
      } else if (ch === "'") {
        const e = src.indexOf("'", i + 1);
        const stop = e === -1 ? n : e;
        word.value += src.slice(i + 1, stop);
        i = stop + 1;
      } else if (ch === '$' && src[i + 1] === "'") {
        let j = i + 2;
        while (j < n && src[j] !== "'") j += src[j] === '\\' ? 2 : 1;
        word.value += ansiC(src.slice(i + 2, Math.min(j, n)));
        i = j + 1;
      } else if (ch === '"' || (ch === '$' && src[i + 1] === '"')) {
        i += ch === '$' ? 2 : 1;
        while (i < n && src[i] !== '"') {
          if (src[i] === '\\' && '"\\$`\n'.includes(src[i + 1] ?? '')) {
            if (src[i + 1] !== '\n') word.value += src[i + 1];
            i += 2;
          } else if (src[i] === '$' && src[i + 1] === '(') {
            const close = closeParen(src, i + 1);
            word.subs.push(src.slice(i + 2, close - 1));
            word.value += src.slice(i, close);
            i = close;
          } else if (src[i] === '`') {
            const e = src.indexOf('`', i + 1);
            const stop = e === -1 ? n : e;
            word.subs.push(src.slice(i + 1, stop));
            word.value += src.slice(i, stop + 1);
            i = stop + 1;
          } else word.value += src[i++];
        }
        i++;
      } else if (ch === '$' && src[i + 1] === '(') {
        const close = closeParen(src, i + 1);
        word.subs.push(src.slice(i + 2, close - 1));
        word.value += src.slice(i, close);
        i = close;
      } else if (ch === '$' && src[i + 1] === '{') {
        const e = src.indexOf('}', i);
        const stop = e === -1 ? n : e + 1;
        word.value += src.slice(i, stop);
        i = stop;
      } else if (ch === '`') {
        const e = src.indexOf('`', i + 1);
        const stop = e === -1 ? n : e;
        word.subs.push(src.slice(i + 1, stop));
        word.value += src.slice(i, stop + 1);
        i = stop + 1;
      } else if (/[\s;&|()<>]/.test(ch)) break;
      else word.value += src[i++];
    }
    if (i === startOfWord) {
      i++; // a lone character the loops above do not consume
      continue;
    }
    if (pendingHeredoc) {
      heredocs.push({ delimiter: word.value, strip: pendingHeredoc.strip, cmd: cur });
      pendingHeredoc = undefined;
    } else if (pendingRedirect === 'herestring') {
      cur.stdinTexts.push(word.value);
      if (word.subs.length) cur.redirects.push({ op: '<', target: word });
      pendingRedirect = undefined;
    } else if (pendingRedirect) {
      cur.redirects.push(pendingFd === undefined ? { op: pendingRedirect, target: word } : { op: pendingRedirect, target: word, fd: pendingFd });
      pendingRedirect = undefined;
    } else if (cur.words.length === 0 && RESERVED_SKIP.has(word.value) && word.subs.length === 0) {
      // A reserved word: the command starts after it.
    } else cur.words.push(word);
  }
  end(false);
  if (heredocs.length) readBodies();
  return out;
}
