import micromatch from 'micromatch';

/**
 * A compiled matcher for a list of globs. micromatch.matcher accepts a list at
 * run time (its typings say a single string); compiling once keeps per-file
 * checks cheap.
 */
export function globMatcher(globs: string[], options: micromatch.Options = {}): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  return (micromatch.matcher as unknown as (p: string[], o: micromatch.Options) => (s: string) => boolean)(globs, { dot: true, ...options });
}
