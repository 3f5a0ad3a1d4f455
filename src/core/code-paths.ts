/**
 * The parts of mso this process ran that only some runs need (a code scanner's analysis, the secret
 * detector), by name. The V8 code cache of a command's bundle records the parts the runs that wrote it
 * ran, and a run that ran a part the cache lacks writes it again, with both (cli/bundle-loader.ts): a
 * first posttool on a Markdown file must not leave every later TypeScript edit compiling the JS
 * analyzer from scratch.
 */
const ran = new Set<string>();

export function noteCodePath(name: string): void {
  ran.add(name);
}

export function codePathsRun(): string[] {
  return [...ran].sort();
}
