import { join, type TaintValue } from './value.js';

/**
 * Summaries of the functions of one file: which return untrusted data, who
 * calls whom with which untrusted arguments. A route handing request data to a
 * helper is caught at the helper's sink by analysing the helper again with
 * those parameters tainted; a caller of a helper found to return untrusted
 * data is analysed again. Language-neutral: a front end registers each
 * function with a `run` that analyses its body.
 */
export interface FnDef {
  name: string;
  params: string[];
  run: (tainted?: Map<string, TaintValue>) => void;
}

export class HelperSummaries {
  private readonly functions = new Map<string, FnDef[]>();
  private readonly returnTaint = new Map<string, TaintValue>();
  private readonly callers = new Map<string, Set<FnDef>>();
  private readonly dirtyReturns = new Set<string>();
  private readonly taintedCalls: Array<{ fn: string; param: string; val: TaintValue }> = [];
  /** Calls that handed a function of the file untrusted data: the call and the function it is in. */
  private readonly taintedSites = new Map<string, Array<{ site: Site; inFn: string }>>();
  /** Functions being analysed again with callers' untrusted data (innermost last). */
  private readonly rerunning: string[] = [];
  /** The same, with the parameters the callers' data came in through (follow's reruns only). */
  private readonly rerunArgs: Array<{ fn: string; params: ReadonlySet<string> }> = [];
  /** Functions found to return what some parameters carry, with those parameters. */
  private readonly returnsFromParams = new Map<string, { params: Set<string>; opaque: boolean; clean: ReadonlySet<string> }>();
  /** Functions analysed again with their callers' (or other files') data at least once. */
  private readonly ranWithData = new Set<string>();

  define(def: FnDef): void {
    if (!def.name) return;
    const list = this.functions.get(def.name) ?? [];
    list.push(def);
    this.functions.set(def.name, list);
  }

  defs(name: string): FnDef[] | undefined {
    return this.functions.get(name);
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  /** The parameters of `name` whose untrusted data came back in what it returned, when analysed again with them. */
  returnedParams(name: string): ReadonlySet<string> | undefined {
    return this.returnsFromParams.get(name)?.params;
  }

  /** Whether `name` was analysed again with untrusted arguments (so `returnedParams` speaks for them). */
  ranWithCallersData(name: string): boolean {
    return this.ranWithData.has(name);
  }

  /** A return statement of `fn`: an untrusted value makes its callers worth another look. */
  noteReturn(fn: FnDef | undefined, v: TaintValue): void {
    // Analysed again with callers' data (follow): what it returns then depends on what each call passes
    // (`page(title, body)` returns its body), so a call gets its own arguments' taint back, not every
    // caller's (a call passing escaped text gets none).
    const rerun = this.rerunArgs[this.rerunArgs.length - 1];
    if (v.untrusted && fn && rerun?.fn === fn.name) {
      const known = this.returnsFromParams.get(fn.name);
      const fresh = [...rerun.params].some((p) => !known?.params.has(p));
      // (and what every such return was made safe for: `return fs.readFile(resolved)` hands back a file's data, safe
      // in a page though the path came from the caller)
      const clean = known ? new Set([...known.clean].filter((c) => v.untrusted!.clean.has(c))) : v.untrusted.clean;
      this.returnsFromParams.set(fn.name, { params: new Set([...(known?.params ?? []), ...rerun.params]), opaque: (known?.opaque ?? true) && !!v.opaque, clean });
      if (fresh) this.dirtyReturns.add(fn.name);
      return;
    }
    if (v.untrusted && fn && !this.returnTaint.has(fn.name)) {
      // What the callers get: the untrusted origin, and whether it is an opaque result (a helper
      // returning `execSync(cmd).toString()` hands back a command's output, as the call itself would).
      this.returnTaint.set(fn.name, v.opaque ? { untrusted: v.untrusted, opaque: true } : { untrusted: v.untrusted });
      this.dirtyReturns.add(fn.name);
    }
  }

  /**
   * A call from `caller` to the file's function `name` with `args` (parameter name → value; the
   * front end maps positions and keywords): records untrusted arguments, returns what the callee
   * is known to return.
   */
  noteCall(name: string, caller: FnDef | undefined, args: Array<{ param: string | undefined; val: TaintValue }>, site?: Site): TaintValue | undefined {
    if (site && args.some((a) => a.param && a.val.untrusted)) {
      const sites = this.taintedSites.get(name) ?? [];
      if (!sites.some((s) => s.site.start === site.start && s.site.end === site.end)) sites.push({ site: { start: site.start, end: site.end }, inFn: caller?.name ?? '' });
      this.taintedSites.set(name, sites);
    }
    if (caller) {
      const set = this.callers.get(name) ?? new Set<FnDef>();
      set.add(caller);
      this.callers.set(name, set);
    }
    for (const a of args) {
      // (with the constant path or URL it starts with: `api(`/contracts/${id}`)` runs `fetch(`${API_URL}${path}`)` on a path)
      if (a.param && a.val.untrusted) this.taintedCalls.push({ fn: name, param: a.param, val: withSafePaths({ untrusted: a.val.untrusted, ...(a.val.prefix && URL_START.test(a.val.prefix) ? { prefix: a.val.prefix } : {}) }, safePathsOf(a.val)) });
      // what an exported function was given, handed on to a helper of the file (`handlers[name](line.slice(i))`)
      else if (a.param && a.val.nonConstant?.exposed) this.taintedCalls.push({ fn: name, param: a.param, val: { nonConstant: a.val.nonConstant } });
    }
    const own = this.returnTaint.get(name);
    const through = this.returnsFromParams.get(name);
    const passed = through ? args.filter((a) => a.param && through.params.has(a.param) && a.val.untrusted).map((a) => ({ untrusted: through.clean.size ? { ...a.val.untrusted!, clean: new Set([...a.val.untrusted!.clean, ...through.clean]) } : a.val.untrusted })) : [];
    if (!passed.length) return own;
    const back = join(own, ...passed);
    return through!.opaque && (!own || own.opaque) ? { ...back, opaque: true } : back;
  }

  /**
   * Untrusted data another file of the project passes to parameter `param` of `fn` (taint/project-calls.ts):
   * followed as a call inside the file would be. `param` is the parameter's name, or `#<index>` for a
   * destructured one.
   */
  seed(fn: string, param: string, val: TaintValue): void {
    this.taintedCalls.push({ fn, param, val });
  }

  /** Re-analyses callers and callees until nothing new is learnt (a few rounds follow chains of helpers). */
  follow(rounds = 3): void {
    const applied = new Set<string>();
    for (let round = 0; round < rounds && (this.taintedCalls.length || this.dirtyReturns.size); round++) {
      const rerun = new Set<FnDef>();
      for (const fn of this.dirtyReturns) for (const c of this.callers.get(fn) ?? []) rerun.add(c);
      this.dirtyReturns.clear();
      for (const def of rerun) def.run();
      const calls = this.taintedCalls.splice(0);
      const byFn = new Map<string, Map<string, TaintValue>>();
      for (const c of calls) {
        // (the local user's data and an attacker's are applied apart: a helper first called with argv is called
        // again with a request's data)
        // (nor are calls whose text starts differently: one giving a path does not speak for one giving a whole URL)
        const k = `${c.fn}\0${c.param}\0${c.val.untrusted ? (c.val.untrusted.local ? 'l' : 'u') : 'x'}\0${c.val.prefix ?? ''}`;
        if (applied.has(k)) continue;
        applied.add(k);
        const m = byFn.get(c.fn) ?? new Map<string, TaintValue>();
        const had = m.get(c.param);
        // (a field safe in what every call passes stays so: a Discord message's ids)
        const safeHere = safePathsOf(c.val);
        m.set(c.param, had ? withSafePaths(join(had, c.val), safePathsOf(had)?.filter((x) => safeHere?.includes(x))) : c.val);
        byFn.set(c.fn, m);
      }
      for (const [fn, params] of byFn) {
        for (const def of this.functions.get(fn) ?? []) {
          this.rerunArgs.push({ fn, params: new Set(params.keys()) });
          this.ranWithData.add(fn);
          try {
            this.rerun(fn, () => def.run(params));
          } finally {
            this.rerunArgs.pop();
          }
        }
      }
    }
  }

  /** Runs `body` as an analysis of `fns` again for their callers' data (what `rerunningNow` names meanwhile). */
  rerun(fns: string | readonly string[], body: () => void): void {
    const names = typeof fns === 'string' ? [fns] : fns;
    this.rerunning.push(...names);
    try {
      body();
    } finally {
      this.rerunning.length -= names.length;
    }
  }

  /** The functions being analysed again for callers' data right now: a finding there came in through their calls. */
  rerunningNow(): string[] {
    return [...this.rerunning];
  }

  /**
   * The calls that handed these functions untrusted data, and the calls into the functions holding those
   * calls, several levels up (Hit.via): a diff scan reports a finding of an old helper at a new call of it.
   * Asked once the analysis is over, so calls found in later rounds count too.
   */
  callsInto(fns: readonly string[]): Site[] {
    const out: Site[] = [];
    const seen = new Set<string>();
    const todo = [...fns];
    while (todo.length && out.length < 64) {
      const name = todo.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      for (const { site, inFn } of this.taintedSites.get(name) ?? []) {
        out.push(site);
        if (inFn) todo.push(inFn);
      }
    }
    return out;
  }
}

/** Where a call is in the file's text. */
export interface Site {
  start: number;
  end: number;
}

/**
 * `safePaths` (JS front end): fields of a value known to hold none of its untrusted data (a job's `id`, a Discord
 * message's `guildId`); kept when the value is handed to a helper, so the helper reads those fields as its caller would.
 */
type WithSafePaths = TaintValue & { safePaths?: readonly string[] };
function safePathsOf(v: TaintValue): readonly string[] | undefined {
  return (v as WithSafePaths).safePaths;
}
/** Text that starts a URL or a path on a site: `/contracts/`, `?page=`, `https://api.example.com/`. */
const URL_START = /^(?:[/?#]|[a-zA-Z][a-zA-Z0-9+.-]*:\/\/)/;

function withSafePaths(v: TaintValue, paths: readonly string[] | undefined): TaintValue {
  return paths?.length ? ({ ...v, safePaths: paths } as WithSafePaths) : v;
}
