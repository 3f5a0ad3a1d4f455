/**
 * Whether added lines call a function (or class, or method) the file itself defines. Such a line names
 * no rule's word, yet can hand data to a sink in an old helper (`listing(d)` with `def listing(d):
 * return run(d)` and `os.system(... + cmd)` in run): a diff scan must analyse the file for it. The
 * helper can be reached through a name bound to it (`R = run`, `HANDLERS = {"a": run}`, `W = lambda c:
 * run(c)`, `f = h.run`), handed over (`map(run, xs)`), or looked up by name (`getattr(self, "run")`,
 * `this["run"]`, `handlers[k](x)`): those wake the analysis too.
 */
const DEFINITIONS =
  /^[ \t]*(?:export[ \t]+)?(?:default[ \t]+)?(?:async[ \t]+)?(?:def|class|function\*?)[ \t]+([A-Za-z_$][\w$]*)|^[ \t]*(?:export[ \t]+)?(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*=[ \t]*(?:async\b[ \t]*)?(?:function\b|\([^)\n]*\)[ \t]*=>|[A-Za-z_$][\w$]*[ \t]*=>)|^[ \t]*([A-Za-z_][\w]*)[ \t]*=[ \t]*lambda\b|^[ \t]+(?:async[ \t]+|static[ \t]+|get[ \t]+|set[ \t]+)*([A-Za-z_$][\w$]*)[ \t]*\([^)\n]*\)[ \t]*(?::[^{\n]*)?\{/gm;

/** `name = …`, `const name = …`, `self.name = …`, `name: …` in an object literal: a name bound to what follows. */
const BINDING = /(?:^|[\s,{(])(?:(?:const|let|var)[ \t]+)?(?:[A-Za-z_$][\w$]*\.)*([A-Za-z_$][\w$]*)[ \t]*(?:=(?!=)|:(?!:))[ \t]*([^\n]*)/gm;

const WORD = /[A-Za-z_$][\w$]*/g;

/** A lookup by name (`getattr(obj, name)`, `this[name]`) or a call of a table entry (`handlers[k](x)`). */
const DYNAMIC = /\bgetattr[ \t]*\(|\b(?:this|self)[ \t]*\[|\][ \t]*\(/;

/** The names the file defines as functions, classes or methods. */
export function ownFunctionNames(fullText: string): Set<string> {
  const out = new Set<string>();
  for (const m of fullText.matchAll(DEFINITIONS)) { // mso:allow DEFINITIONS runs line by line (^…$ with m) over a file mso scans; its repeats are keyword-delimited
    const name = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (name && !KEYWORDS.has(name)) out.add(name);
  }
  return out;
}

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'with', 'constructor']);

/**
 * The file's functions and the names bound to an expression naming one of them (several rounds:
 * `A = run`, `B = {"a": A}`). Only names: a name reused for something else only costs an analysis.
 */
export function ownCallableNames(fullText: string): Set<string> {
  const names = ownFunctionNames(fullText);
  if (!names.size) return names;
  const bindings: Array<[string, string]> = [];
  for (const m of fullText.matchAll(BINDING)) bindings.push([m[1]!, m[2]!]);
  for (let round = 0, grew = true; grew && round < 4; round++) {
    grew = false;
    for (const [name, rhs] of bindings) {
      if (names.has(name)) continue;
      for (const w of rhs.match(WORD) ?? []) {
        if (names.has(w)) {
          names.add(name);
          grew = true;
          break;
        }
      }
    }
  }
  return names;
}

const CALL = /[A-Za-z_$][\w$]*[ \t]*\(|[\])][ \t]*\(/;

/** Whether the text calls anything at all (without that, no need to read the whole file). */
export function hasCall(added: string): boolean {
  return CALL.test(added);
}

/**
 * Whether `added` (the added lines) calls something and names one of the file's functions or a name
 * bound to one (`run(d)`, `r(d)`, `map(run, xs)`, `getattr(self, "run")`), or looks a function up by name.
 */
export function callsOwnFunction(added: string, fullText: string): boolean {
  if (!hasCall(added)) return false;
  const names = ownCallableNames(fullText);
  if (!names.size) return false;
  if (DYNAMIC.test(added)) return true;
  for (const w of added.match(WORD) ?? []) if (names.has(w)) return true;
  return false;
}
