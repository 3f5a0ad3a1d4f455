import micromatch from 'micromatch';

/**
 * The literal text every path matching `glob` must contain, or undefined when
 * the glob has parts whose text is not fixed (braces, classes, extglobs,
 * escapes, negation). `**\/node_modules/**` -> "/node_modules/" is not safe
 * ("node_modules/x" matches), so only the runs between wildcards and slashes
 * count: "node_modules".
 */
function requiredText(glob: string): string | undefined {
  if (/[{}()[\]!+@?\\]/.test(glob)) return undefined;
  const runs = glob.split(/[*/]+/).filter(Boolean);
  if (runs.length === 0) return undefined;
  return runs.reduce((a, b) => (b.length > a.length ? b : a));
}

/**
 * A compiled matcher for a list of globs. micromatch.matcher accepts a list at
 * run time (its typings say a single string); compiling once keeps per-file
 * checks cheap. When every glob has literal text, a path holding none of it
 * cannot match and skips the (large) glob regex: walks of thousands of files
 * and rules with long path lists test almost every path this way.
 */
export function globMatcher(globs: string[], options: micromatch.Options = {}): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  // Compiled on the first path that needs it: building the regex is most of a glob's cost, and a
  // hook that scans only in-memory text (or paths without the globs' text) never needs it.
  let compiled: ((s: string) => boolean) | undefined;
  const match = (path: string) =>
    (compiled ??= (micromatch.matcher as unknown as (p: string[], o: micromatch.Options) => (s: string) => boolean)(globs, { dot: true, ...options }))(path);
  const texts = options.nocase ? [] : globs.map(requiredText);
  if (texts.length === 0 || texts.some((t) => t === undefined)) return match;
  const needles = [...new Set(texts as string[])];
  return (path) => {
    for (const n of needles) if (path.includes(n)) return match(path);
    return false;
  };
}
