import { filterOutput, MAX_OUTPUT, printedBytes } from './shell-filters.js';
import { parseShell, type ShellCommand } from './shell-parse.js';

/**
 * What a Bash command hands the programs it runs, as far as that is known without running it.
 * A token the raw text hides behind the shell's own syntax is whole here:
 *
 * - quoting and escapes removed, as the shell removes them: `ghp_ab''cd`, `"ghp_ab""cd"`,
 *   `ghp_ab\cd` are each one word (shell-parse.ts);
 * - `$NAME`, `${NAME}` and `${NAME:offset[:length]}` replaced by a literal value the same command
 *   assigned earlier (`A=ghp_ab; B=cd; echo $A$B`, `export`, `local`, `declare`, `+=`);
 * - what `echo` and `printf` print (`printf '%s%s' ghp_ab cd`, their escapes read; shell-filters.ts);
 * - code handed to `sh -c`, `bash -c`, `eval`, `$(…)` and backticks read in turn;
 * - what a pipeline of well-known filters makes of literal input (`echo … | rev`, `tr` rot13, `base32 -d`,
 *   `base64 -d | gunzip`, `xxd -r -p`, `printf '\147…'`; shell-filters.ts), as a line of its own.
 *
 * String literals joined in code (`python3 -c "print('ghp_ab' + 'cd')"`) are the secret scanner's
 * decode stage's (`concat`, scanners/secrets/decode.ts), in every source, not only here.
 *
 * One line per simple command. The secret rules scan this beside the raw command (tool-fragments.ts),
 * so a finding here is one the raw text hid. Bounded: expansions stop growing past MAX_VALUE
 * characters a variable and the reading past 4× the command plus MAX_VALUE.
 */
const MAX_DEPTH = 4;
const MAX_VALUE = 64 * 1024;
const DECLARERS = new Set(['export', 'local', 'declare', 'typeset', 'readonly']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=([\s\S]*)$/;
const EXPANSION = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::(\d+)(?::(\d+))?)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function shellReading(command: string): string {
  const vars = new Map<string, string>();
  const lines: string[] = [];
  let size = 0;
  const limit = command.length * 4 + MAX_VALUE;

  const expand = (text: string): string =>
    text.includes('$')
      ? text.replace(EXPANSION, (whole, braced: string | undefined, offset: string | undefined, length: string | undefined, bare: string | undefined) => {
          const value = vars.get((braced ?? bare)!);
          if (value === undefined) return whole;
          if (offset === undefined) return value;
          const from = Number(offset);
          return length === undefined ? value.slice(from) : value.slice(from, from + Number(length));
        })
      : text;

  const assign = (word: string): boolean => {
    const m = ASSIGNMENT.exec(word);
    if (!m) return false;
    const [, name, append, raw] = m as unknown as [string, string, string, string];
    const value = (append ? (vars.get(name) ?? '') : '') + expand(raw);
    vars.set(name, value.slice(0, MAX_VALUE));
    return true;
  };

  const read = (src: string, depth: number): void => {
    if (depth > MAX_DEPTH || size > limit) return;
    // What each command of a pipeline writes, when it is known (literal text through known filters).
    const outputs = new Map<ShellCommand, Buffer>();
    for (const cmd of parseShell(src)) {
      for (const w of cmd.words) for (const sub of w.subs) read(sub, depth + 1);
      for (const r of cmd.redirects) for (const sub of r.target.subs) read(sub, depth + 1);
      const words = readWords(cmd);
      if (words.length === 0) continue;
      // What echo / printf print (their %s filled, their escapes read) is pipelineOutput's line below.
      const line = words.join(' ');
      lines.push(line);
      size += line.length;
      const written = pipelineOutput(cmd, words, outputs);
      if (written !== undefined && written !== line) {
        lines.push(written);
        size += written.length;
      }
      if (size > limit) return;
      const code = nestedCode(words);
      if (code !== undefined) read(code, depth + 1);
    }
  };

  /** The command's words after expansion; assignments recorded (a prefix `A=1 cmd` and `export A=1` alike). */
  const readWords = (cmd: ShellCommand): string[] => {
    const out: string[] = [];
    let prefix = true;
    let declaring = false;
    for (const w of cmd.words) {
      const raw = withOutputs(w.value, w.subs);
      const value = expand(raw);
      if ((prefix || declaring) && assign(raw)) {
        out.push(value);
        continue;
      }
      if (prefix && DECLARERS.has(value)) declaring = true;
      else if (!(declaring && value.startsWith('-'))) declaring = false;
      prefix = false;
      out.push(value);
    }
    return out;
  };

  /** The text `cmd` writes, when its input and program are known and it is text; recorded for the next command of the pipe. */
  const pipelineOutput = (cmd: ShellCommand, words: string[], outputs: Map<ShellCommand, Buffer>): string | undefined => {
    const input = cmd.stdinTexts.length ? Buffer.from(cmd.stdinTexts.map(expand).join('\n') + '\n') : cmd.pipedFrom ? outputs.get(cmd.pipedFrom) : undefined;
    const out = printedBytes(words) ?? (input ? filterOutput(words, input) : undefined);
    if (!out || out.length > MAX_OUTPUT) return undefined;
    outputs.set(cmd, out);
    const text = out.toString('utf8').replace(/\n$/, '');
    // Binary output (compressed data on its way to gunzip) is passed on, not read as a line.
    return /[\x00-\x08\x0e-\x1f\x7f\ufffd]/.test(text) ? undefined : text;
  };

  /** `$(echo ghp_ab)cd`: a substitution whose code only echoes or printfs literals, replaced by what it prints. */
  const withOutputs = (word: string, subs: string[]): string => {
    for (const sub of subs) {
      const cmds = parseShell(sub);
      if (cmds.length !== 1) continue;
      const bytes = printedBytes(cmds[0]!.words.map((w) => expand(w.value)));
      if (!bytes) continue;
      // A substitution drops the output's trailing newlines.
      const out = bytes.toString('utf8').replace(/\n+$/, '');
      word = word.replace('$(' + sub + ')', () => out).replace('`' + sub + '`', () => out);
    }
    return word;
  };

  read(command, 0);
  return lines.join('\n');
}

/** Shell code a command runs from a string: `sh -c CODE`, `bash -lc CODE`, `eval WORDS…`. */
function nestedCode(words: string[]): string | undefined {
  const name = words[0]?.replace(/^.*\//, '');
  if (name === 'eval') return words.slice(1).join(' ');
  if (!name || !SHELLS.has(name)) return undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('-')) return undefined;
    if (/^-[a-z]*c[a-z]*$/.test(w)) return words[i + 1];
  }
  return undefined;
}
