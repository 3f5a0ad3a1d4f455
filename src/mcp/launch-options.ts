/**
 * An allow-list option parser for package launchers (npx, uvx, docker...).
 * Each launcher lists every option it accepts, with its arity; anything else
 * means mso cannot tell what the launcher will run, so parsing stops with a
 * reason instead of guessing. Forms understood: `--opt value`, `--opt=value`,
 * `-o value`, `-ovalue`, combined short flags (`-it`, `-yp pkg`) and `--`.
 */
export interface OptionSpec {
  /** Every spelling: `-p`, `--package`. The first is the canonical name. */
  names: string[];
  /** Takes a value (`--opt v`, `--opt=v`, `-ov`), or is a flag. */
  value: boolean;
  /** When set, the option changes what runs and is refused with this reason. */
  refuse?: string;
  /** A value may come from an environment variable (`${VAR}`): only where the value cannot change identity. */
  envValueOk?: boolean;
  /** Everything after this option (and its value) belongs to what it names (`python -m mod args…`). */
  stops?: boolean;
}

export interface ParsedOption {
  name: string;
  value?: string;
  /** How it was written, for messages. */
  raw: string;
}

export type ParseResult =
  | { ok: true; options: ParsedOption[]; rest: string[]; terminated: boolean }
  | { ok: false; reason: string };

export class OptionTable {
  private readonly byName = new Map<string, OptionSpec>();

  constructor(readonly launcher: string, specs: OptionSpec[]) {
    for (const s of specs) for (const n of s.names) this.byName.set(n, s);
  }

  get(name: string): OptionSpec | undefined {
    return this.byName.get(name);
  }

  /**
   * Reads options up to the first positional argument (or after `--`);
   * `rest` starts at that positional. Fails on any option not in the table,
   * on a refused option, and on a missing value.
   */
  parse(args: string[]): ParseResult {
    const options: ParsedOption[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--') return { ok: true, options, rest: args.slice(i + 1), terminated: true };
      if (!a.startsWith('-') || a === '-') return { ok: true, options, rest: args.slice(i), terminated: false };
      const take = (spec: OptionSpec, raw: string, inline: string | undefined): string | undefined => {
        if (!spec.value) return inline;
        if (inline !== undefined) return inline;
        if (i + 1 >= args.length) return undefined;
        return args[++i]!;
      };
      let pieces: Array<{ spec: OptionSpec; raw: string; inline?: string }> = [];
      if (a.startsWith('--')) {
        const eq = a.indexOf('=');
        const name = eq > 0 ? a.slice(0, eq) : a;
        const spec = this.byName.get(name);
        if (!spec) return { ok: false, reason: `${this.launcher}: unknown option '${name}': mso cannot tell what it changes` };
        const inline = eq > 0 ? a.slice(eq + 1) : undefined;
        if (!spec.value && inline !== undefined && !/^(true|false)$/i.test(inline)) {
          return { ok: false, reason: `${this.launcher}: option '${name}' takes no value, got '${name}=…'` };
        }
        pieces = [{ spec, raw: name, inline }];
      } else {
        const whole = this.byName.get(a);
        if (whole) pieces = [{ spec: whole, raw: a }];
        else {
          // Combined short options: `-it`, `-yp pkg`, `-eFOO=bar`, `-p3.12`.
          for (let j = 1; j < a.length; j++) {
            const name = `-${a[j]}`;
            const spec = this.byName.get(name);
            if (!spec) return { ok: false, reason: `${this.launcher}: unknown option '${name}' (in '${a}'): mso cannot tell what it changes` };
            const remainder = a.slice(j + 1);
            if (spec.value && remainder) {
              pieces.push({ spec, raw: name, inline: remainder.replace(/^=/, '') });
              break;
            }
            pieces.push({ spec, raw: name });
          }
        }
      }
      for (const p of pieces) {
        if (p.spec.refuse) return { ok: false, reason: `${this.launcher} ${p.raw}: ${p.spec.refuse}` };
        const value = take(p.spec, p.raw, p.inline);
        if (p.spec.value && value === undefined) return { ok: false, reason: `${this.launcher}: option '${p.raw}' needs a value` };
        if (p.spec.value && value !== undefined && !p.spec.envValueOk && /\$/.test(value)) {
          return { ok: false, reason: `${this.launcher} ${p.raw}: its value comes from an environment variable, so mso cannot tell what it is` };
        }
        options.push({ name: p.spec.names[0]!, value: p.spec.value ? value : p.inline, raw: p.raw });
        if (p.spec.stops) return { ok: true, options, rest: args.slice(i + 1), terminated: true };
      }
    }
    return { ok: true, options, rest: [], terminated: false };
  }
}

/** Shorthands for tables. */
export const flag = (...names: string[]): OptionSpec => ({ names, value: false });
export const valued = (...names: string[]): OptionSpec => ({ names, value: true });
export const refusedFlag = (reason: string, ...names: string[]): OptionSpec => ({ names, value: false, refuse: reason });
export const refusedValue = (reason: string, ...names: string[]): OptionSpec => ({ names, value: true, refuse: reason });
