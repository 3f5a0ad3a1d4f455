import { describe, expect, test } from '@jest/globals';
import micromatch from 'micromatch';
import { DEFAULT_EXCLUDES } from '../../src/sources/files.js';
import { globMatcher } from '../../src/core/glob.js';

// globMatcher skips the glob regex for paths that hold none of the globs' literal text:
// it must answer exactly as micromatch does.
describe('globMatcher literal prefilter', () => {
  const paths = [
    'node_modules/x.js', 'a/node_modules/b/c.js', 'a/node_modules', 'a/node_modules/', 'node_modulesx/a.js', 'src/main.js',
    '.git/config', 'x/.git/', '.github/workflows/ci.yml', 'vendor', 'src/vendor/lib.js', 'app/.venv/lib/site.py',
    '.env', 'deploy/.env.production', 'a/b.env', 'config.ini', 'Dockerfile', 'docker/Dockerfile.base', 'x.dockerfile',
    'README.md', 'a/credentials', 'b/aws.credentials', 'a.min.js', 'dist/app.min.js', 'Makefile', 'x/Makefile.am',
  ];
  const lists: Array<[string[], micromatch.Options]> = [
    [DEFAULT_EXCLUDES, {}],
    [['**/.env', '**/.env.*', '**/*.env', '**/*.ini', '**/Dockerfile', '**/Dockerfile.*', '**/*.dockerfile', '**/*.md', '**/Makefile', '**/credentials', '**/*.credentials'], { basename: false }],
    [['*.env', '.env', 'Dockerfile', '*.md'], { basename: true }],
    [['**/*.min.js', 'dist/**'], {}],
    [['**/*.{js,ts}', 'src/**'], {}], // braces: no prefilter
    [['**/*'], {}], // no literal text: no prefilter
  ];
  test.each(lists.map((l, i) => [i, l] as const))('list %i answers as micromatch', (_i, [globs, options]) => {
    const m = globMatcher(globs, options);
    for (const p of paths) expect([p, m(p)]).toEqual([p, micromatch.isMatch(p, globs, { dot: true, ...options })]);
  });
});
