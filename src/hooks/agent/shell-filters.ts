import { zlib } from '../../core/builtins.js';

/**
 * What a pipeline of well-known text filters makes of literal input, for the shell reading
 * (shell-reading.ts): `echo <reversed token> | rev`, `tr 'A-Za-z' 'N-ZA-Mn-za-m' <<< <rot13>`,
 * `printf '\147\150…'`, `echo … | base32 -d`, `echo … | base64 -d | gunzip`, `xxd -r -p`. A token the
 * command only spells out after such a filter is then whole in the reading. Programs not listed here
 * (and any filter given a file) give no output: the reading stays as it was.
 */
export const MAX_OUTPUT = 64 * 1024;

/** What `echo` or `printf` prints (with the escapes they interpret), or undefined for any other command. */
export function printedBytes(words: string[]): Buffer | undefined {
  const name = words[0] === 'builtin' ? words[1] : words[0];
  const args = words[0] === 'builtin' ? words.slice(2) : words.slice(1);
  if (name === 'echo') {
    let newline = true;
    let escapes = false;
    let k = 0;
    for (; k < args.length && /^-[neE]+$/.test(args[k]!); k++) {
      if (args[k]!.includes('n')) newline = false;
      if (args[k]!.includes('e')) escapes = true;
      if (args[k]!.includes('E')) escapes = false;
    }
    const text = args.slice(k).join(' ');
    return Buffer.concat([escapes ? unescape(text) : Buffer.from(text), Buffer.from(newline ? '\n' : '')]);
  }
  if (name === 'printf') {
    let k = 0;
    if (args[k] === '-v') return undefined; // into a variable, not out
    if (args[k] === '--') k++;
    const format = args[k];
    if (format === undefined) return undefined;
    const rest = args.slice(k + 1);
    let i = 0;
    // %s and %b take the next argument (%b with its escapes); the format's own escapes are interpreted.
    const parts: Buffer[] = [];
    let last = 0;
    for (const m of format.matchAll(/%([sb%])/g)) {
      parts.push(unescape(format.slice(last, m.index)));
      if (m[1] === '%') parts.push(Buffer.from('%'));
      else if (m[1] === 's') parts.push(Buffer.from(rest[i++] ?? ''));
      else parts.push(unescape(rest[i++] ?? ''));
      last = m.index + m[0].length;
    }
    parts.push(unescape(format.slice(last)));
    return Buffer.concat(parts);
  }
  return undefined;
}

/** `\n`, `\t`, `\\`, `\xHH`, `\NNN` / `\0NNN` (octal) as printf and `echo -e` read them. */
function unescape(s: string): Buffer {
  if (!s.includes('\\')) return Buffer.from(s);
  const out: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, '"': 34, "'": 39 };
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i + 1 >= s.length) {
      out.push(...Buffer.from(s[i]!));
      continue;
    }
    const rest = s.slice(i + 1);
    let m: RegExpExecArray | null;
    if ((m = /^x([0-9A-Fa-f]{1,2})/.exec(rest))) out.push(parseInt(m[1]!, 16));
    else if ((m = /^0?([0-7]{1,3})/.exec(rest))) out.push(parseInt(m[1]!, 8) & 0xff);
    else if (simple[rest[0]!] !== undefined) {
      out.push(simple[rest[0]!]!);
      m = [rest[0]!] as unknown as RegExpExecArray;
    } else {
      out.push(92);
      continue;
    }
    i += m[0].length;
  }
  return Buffer.from(out);
}

/** What a filter command writes for `input`, or undefined when it is not one of the known filters. */
export function filterOutput(words: string[], input: Buffer): Buffer | undefined {
  const name = words[0]?.replace(/^.*\//, '');
  const flags = words.slice(1).filter((w) => w.startsWith('-'));
  const operands = words.slice(1).filter((w) => !w.startsWith('-'));
  const has = (...names: string[]) => flags.some((f) => names.includes(f) || (/^-[a-zA-Z]+$/.test(f) && names.some((n) => /^-[a-zA-Z]$/.test(n) && f.includes(n[1]!))));
  switch (name) {
    case 'cat':
      return operands.length === 0 || (operands.length === 1 && operands[0] === '-') ? input : undefined;
    case 'rev':
      return operands.length ? undefined : Buffer.from(input.toString('utf8').split('\n').map((l) => [...l].reverse().join('')).join('\n'));
    case 'tr':
      return tr(flags, operands, input);
    case 'base64':
    case 'openssl':
    case 'basenc': {
      if (name === 'openssl' && !(operands[0] === 'base64' || (operands[0] === 'enc' && has('-base64', '-a')))) return undefined;
      const base32 = name === 'basenc' && has('--base32');
      if (!has('-d', '--decode', '-D')) return undefined;
      if (name === 'basenc' && !base32 && !has('--base64', '--base64url')) return undefined;
      return base32 ? fromBase32(input) : Buffer.from(input.toString('latin1').replace(/\s+/g, ''), 'base64');
    }
    case 'base32':
      return has('-d', '--decode') && operands.length === 0 ? fromBase32(input) : undefined;
    case 'xxd':
      return has('-r') && has('-p', '-ps', '-plain') && operands.length === 0 ? Buffer.from(input.toString('latin1').replace(/[^0-9A-Fa-f]/g, ''), 'hex') : undefined;
    case 'gunzip':
    case 'zcat':
    case 'gzip':
      if ((name === 'gzip' && !has('-d', '--decompress')) || operands.length) return undefined;
      try {
        return zlib().gunzipSync(input, { maxOutputLength: MAX_OUTPUT });
      } catch {
        return undefined;
      }
    default:
      return undefined;
  }
}

/** `tr SET1 SET2` and `tr -d SET1` with ranges, escapes and the [:upper:]/[:lower:]/[:digit:] classes. */
function tr(flags: string[], operands: string[], input: Buffer): Buffer | undefined {
  if (flags.some((f) => f !== '-d')) return undefined;
  const set1 = expandSet(operands[0]);
  if (!set1) return undefined;
  const text = input.toString('latin1');
  if (flags.includes('-d')) {
    if (operands.length !== 1) return undefined;
    const drop = new Set(set1);
    return Buffer.from([...text].filter((c) => !drop.has(c)).join(''), 'latin1');
  }
  const set2 = expandSet(operands[1]);
  if (!set2 || set2.length === 0 || operands.length !== 2) return undefined;
  const map = new Map<string, string>();
  set1.forEach((c, i) => map.set(c, set2[Math.min(i, set2.length - 1)]!));
  return Buffer.from([...text].map((c) => map.get(c) ?? c).join(''), 'latin1');
}

const CLASSES: Record<string, string> = {
  '[:upper:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '[:lower:]': 'abcdefghijklmnopqrstuvwxyz',
  '[:digit:]': '0123456789',
};

function expandSet(spec: string | undefined): string[] | undefined {
  if (spec === undefined || spec.length > 512) return undefined;
  const out: string[] = [];
  for (let i = 0; i < spec.length; i++) {
    const cls = Object.keys(CLASSES).find((k) => spec.startsWith(k, i));
    if (cls) {
      out.push(...CLASSES[cls]!);
      i += cls.length - 1;
      continue;
    }
    let c = spec[i]!;
    if (c === '\\' && i + 1 < spec.length) c = { n: '\n', t: '\t', '\\': '\\' }[spec[++i]!] ?? spec[i]!;
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      const end = spec.charCodeAt(i + 2);
      for (let x = c.charCodeAt(0); x <= end && out.length < 4096; x++) out.push(String.fromCharCode(x));
      i += 2;
    } else out.push(c);
  }
  return out;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function fromBase32(input: Buffer): Buffer | undefined {
  const s = input.toString('latin1').replace(/[\s=]+/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of s) {
    const v = B32.indexOf(c);
    if (v === -1) return undefined;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
