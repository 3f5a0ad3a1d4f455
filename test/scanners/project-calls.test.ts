import { posix } from 'node:path';
import { resolveDotted, resolveSpec } from '../../src/scanners/taint/project-calls.js';

/** How a module specifier or a Python dotted name finds the file of the scan it names (taint/project-calls.ts). */

const EXT = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

function tree(paths: string[]) {
  const set = new Set(paths);
  const index = new Map<string, string[]>();
  for (const p of paths) index.set(posix.basename(p), [...(index.get(posix.basename(p)) ?? []), p]);
  return { has: (p: string) => set.has(p), suffixIndex: () => index };
}

test('relative specifiers: extensions, index files, compiled names, never outside the scan', () => {
  const t = tree(['src/a.ts', 'src/lib/db.ts', 'src/lib/index.js', 'src/util/x.mts', 'src/views/page.tsx']);
  const r = (from: string, spec: string) => resolveSpec(from, spec, t.has, EXT, t.suffixIndex);
  expect(r('src/a.ts', './lib/db')).toBe('src/lib/db.ts');
  expect(r('src/a.ts', './lib/db.js')).toBe('src/lib/db.ts');
  expect(r('src/a.ts', './lib')).toBe('src/lib/index.js');
  expect(r('src/a.ts', './util/x.mjs')).toBe('src/util/x.mts');
  expect(r('src/lib/db.ts', '../views/page')).toBe('src/views/page.tsx');
  expect(r('src/a.ts', '../../etc/passwd')).toBeUndefined();
  expect(r('src/a.ts', './missing')).toBeUndefined();
  expect(r('src/lib/index.js', '.')).toBeUndefined(); // itself
});

test('aliases resolve by a unique suffix, never into installed packages; bare packages are not followed', () => {
  const t = tree(['src/lib/db.ts', 'node_modules/x/lib/auth.ts', 'apps/a/lib/auth.ts', 'apps/b/lib/auth.ts', 'src/routes/x.ts', 'app/Models/User.ts', 'src/lib/html.ts']);
  const r = (spec: string) => resolveSpec('src/routes/x.ts', spec, t.has, EXT, t.suffixIndex);
  expect(r('@/lib/db')).toBe('src/lib/db.ts');
  expect(r('~/lib/db')).toBe('src/lib/db.ts');
  expect(r('$lib/html')).toBe('src/lib/html.ts');
  expect(r('App/Models/User')).toBe('app/Models/User.ts');
  expect(r('@/lib/auth')).toBeUndefined(); // two apps hold lib/auth.ts
  expect(r('lodash/merge')).toBeUndefined();
  expect(r('@scope/db')).toBeUndefined();
});

test('Python dotted names: relative levels, packages, the longest module that exists, absolute by suffix', () => {
  const t = tree(['shop/app/views.py', 'shop/app/storage.py', 'shop/app/services/__init__.py', 'shop/app/services/fetch.py', 'shop/utils.py', '.venv/lib/python3.12/site-packages/requests/__init__.py']);
  const r = (dotted: string) => resolveDotted('shop/app/views.py', dotted, t.has, t.suffixIndex);
  expect(r('.storage.read_doc')).toEqual({ file: 'shop/app/storage.py', path: ['read_doc'] });
  expect(r('.services.fetch.Fetcher.get')).toEqual({ file: 'shop/app/services/fetch.py', path: ['Fetcher', 'get'] });
  expect(r('.services.helper')).toEqual({ file: 'shop/app/services/__init__.py', path: ['helper'] });
  expect(r('..utils.clean')).toEqual({ file: 'shop/utils.py', path: ['clean'] });
  expect(r('app.services.fetch.fetch_remote')).toEqual({ file: 'shop/app/services/fetch.py', path: ['fetch_remote'] });
  expect(r('requests.get')).toBeUndefined();
  expect(r('.views.index')).toBeUndefined(); // itself
});
