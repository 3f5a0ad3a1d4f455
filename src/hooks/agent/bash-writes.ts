/**
 * What a Bash command writes to files, read off the command text: output
 * redirections (`> f`, `>> f`, `&> f`), `tee f`, and the text written when the
 * command shows it (heredoc bodies, `echo`/`printf` arguments). Writes made
 * through Bash never reach the Write/Edit hooks, so the agent hooks look at
 * them here.
 *
 * The command is read with the control-plane guard's tokenizer (shell-parse.ts:
 * quotes, `$'…'` escapes, comments, line continuations, `$(...)`, pipelines,
 * lists, heredocs and here-strings), so both guards see the same words. It
 * does not expand variables, globs or command substitutions, and it does not
 * know what other programs (sed -i, cp, python, package managers) write.
 * docs/agent-hooks.md lists what that leaves uncovered.
 */
import { parseShell, type ShellCommand } from './shell-parse.js';

export interface BashWrite {
  /** The target as written in the command, quotes removed (may be relative to the command's cwd). */
  target: string;
  /** The text written, when the command shows it. */
  content?: string;
  how: 'redirect' | 'heredoc' | 'echo' | 'printf' | 'tee';
}

const OUTPUT_OPS = new Set(['>', '>>', '&>', '&>>']);
const NOT_FILES = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty']);

function isFileTarget(t: string): boolean {
  return t !== '' && !NOT_FILES.has(t) && !/^&?\d+$/.test(t);
}

const PREFIX_WORDS = new Set(['sudo', 'env', 'command', 'nohup', 'time', 'exec']);

/** The command's words without wrappers and assignments in front (`sudo`, `env X=1`, `LANG=C`). */
function effectiveWords(cmd: ShellCommand): string[] {
  const words = cmd.words.map((w) => w.value);
  let k = 0;
  while (k < words.length && (PREFIX_WORDS.has(words[k]!) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k]!) || (k > 0 && words[k]!.startsWith('-') && PREFIX_WORDS.has(words[k - 1]!)))) k++;
  return words.slice(k);
}

/** The text a command prints, when it is plain to see: echo/printf arguments or a heredoc (here-string) fed to cat. */
function printedText(cmd: ShellCommand): { content: string; how: BashWrite['how'] } | undefined {
  const [name, ...args] = effectiveWords(cmd);
  // A heredoc is what gets written only when cat or tee copies it (`python - <<EOF > out` writes something else).
  if (cmd.stdinTexts.length && (name === 'cat' || name === 'tee')) return { content: cmd.stdinTexts.join('\n'), how: 'heredoc' };
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
  const writes: BashWrite[] = [];
  for (const cmd of parseShell(command)) {
    const printed = printedText(cmd);
    for (const r of cmd.redirects) {
      const target = r.target.value;
      if (!OUTPUT_OPS.has(r.op) || !isFileTarget(target)) continue;
      // `3> f` creates f but the printed text goes to stdout, not there.
      const fedHere = r.fd === undefined || r.fd === '1' || r.fd === '2';
      writes.push({ target, content: fedHere ? printed?.content : undefined, how: (fedHere && printed?.how) || 'redirect' });
    }
    const words = effectiveWords(cmd);
    if (words[0] === 'tee') {
      const fed = cmd.stdinTexts.length ? printedText(cmd) : cmd.pipedFrom ? printedText(cmd.pipedFrom) : undefined;
      for (const a of words.slice(1)) {
        if (a.startsWith('-') || !isFileTarget(a)) continue;
        writes.push({ target: a, content: fed?.content, how: 'tee' });
      }
    }
  }
  return writes;
}
