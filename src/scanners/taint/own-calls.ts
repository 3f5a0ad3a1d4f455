/**
 * Whether added lines call a function (or class, or method) the file itself defines. Such a line names
 * no rule's word, yet can hand data to a sink in an old helper (`listing(d)` with `def listing(d):
 * return run(d)` and `os.system(... + cmd)` in run): a diff scan must analyse the file for it.
 */
const DEFINITIONS =
  /^[ \t]*(?:export[ \t]+)?(?:default[ \t]+)?(?:async[ \t]+)?(?:def|class|function\*?)[ \t]+([A-Za-z_$][\w$]*)|^[ \t]*(?:export[ \t]+)?(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*=[ \t]*(?:async\b[ \t]*)?(?:function\b|\([^)\n]*\)[ \t]*=>|[A-Za-z_$][\w$]*[ \t]*=>)/gm;

/** The names the file defines as functions, classes or methods. */
export function ownFunctionNames(fullText: string): Set<string> {
  const out = new Set<string>();
  for (const m of fullText.matchAll(DEFINITIONS)) out.add((m[1] ?? m[2])!);
  return out;
}

const CALL = /([A-Za-z_$][\w$]*)[ \t]*\(/g;

/** Whether the text calls anything at all (without that, no need to read the whole file). */
export function hasCall(added: string): boolean {
  return /[A-Za-z_$][\w$]*[ \t]*\(/.test(added);
}

/** Whether `added` (the added lines) calls one of the functions `fullText` defines: `name(`, `obj.name(`, `new Name(`. */
export function callsOwnFunction(added: string, fullText: string): boolean {
  const names = ownFunctionNames(fullText);
  if (!names.size) return false;
  for (const m of added.matchAll(CALL)) if (names.has(m[1]!)) return true;
  return false;
}
