/**
 * Reading the command line inside a shell wrapper (`sh -c "…"`, `cmd /c …`,
 * `powershell -Command …`). Only one simple command is understood: plain
 * words and quotes. Anything a shell would interpret (`;`, `&&`, `||`, `|`,
 * redirections, `$VAR`, `$(…)`, backticks, globs, `~`, comments, newlines)
 * means mso cannot tell what runs, and the result says which character.
 */
export type SplitResult = { ok: true; words: string[] } | { ok: false; reason: string };

function describe(ch: string): string {
  if (ch === '\n' || ch === '\r') return 'a newline';
  return `'${ch}'`;
}

/** POSIX sh: words, '…' literal, "…" without $, ` or \. */
export function splitPosix(line: string): SplitResult {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, reason: 'an unterminated quote' };
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end;
      continue;
    }
    if (ch === '"') {
      const end = line.indexOf('"', i + 1);
      if (end < 0) return { ok: false, reason: 'an unterminated quote' };
      const inner = line.slice(i + 1, end);
      const bad = /[$`\\!]/.exec(inner);
      if (bad) return { ok: false, reason: `${describe(bad[0])} inside double quotes` };
      cur += inner;
      inWord = true;
      i = end;
      continue;
    }
    if (!/[A-Za-z0-9_\-./:@=+,%^]/.test(ch)) return { ok: false, reason: `shell syntax ${describe(ch)}` };
    cur += ch;
    inWord = true;
  }
  if (inWord) words.push(cur);
  return { ok: true, words };
}

/** cmd.exe: "…" quotes only; every character cmd interprets is refused, quoted or not. */
export function splitCmd(line: string): SplitResult {
  const bad = /[&|<>^%!()\r\n]/.exec(line);
  if (bad) return { ok: false, reason: `cmd syntax ${describe(bad[0])}` };
  const words: string[] = [];
  const re = /"([^"]*)"|([^\s"]+)/g;
  let m: RegExpExecArray | null;
  let last = 0;
  let cur: string | undefined;
  while ((m = re.exec(line))) {
    const piece = m[1] ?? m[2]!;
    // Adjacent pieces (no space between) form one word: npx"-y" → npx-y.
    if (cur !== undefined && m.index === last) cur += piece;
    else {
      if (cur !== undefined) words.push(cur);
      cur = piece;
    }
    last = re.lastIndex;
  }
  if (cur !== undefined) words.push(cur);
  if ((line.match(/"/g)?.length ?? 0) % 2 === 1) return { ok: false, reason: 'an unterminated quote' };
  return { ok: true, words };
}

/** PowerShell: plain words and quotes; $, backtick, ;, |, &, (, ), {, }, @ at a word start, commas… are refused. */
export function splitPowerShell(line: string): SplitResult {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = line.indexOf(ch, i + 1);
      if (end < 0) return { ok: false, reason: 'an unterminated quote' };
      const inner = line.slice(i + 1, end);
      if (ch === '"' && /[$`]/.test(inner)) return { ok: false, reason: `PowerShell expansion inside double quotes` };
      cur += inner;
      inWord = true;
      i = end;
      continue;
    }
    if (ch === '@' && !inWord) return { ok: false, reason: "PowerShell syntax '@' at the start of a word (splatting)" };
    if (!/[A-Za-z0-9_\-./:=+^\\@]/.test(ch)) return { ok: false, reason: `PowerShell syntax ${describe(ch)}` };
    cur += ch;
    inWord = true;
  }
  if (inWord) words.push(cur);
  return { ok: true, words };
}
