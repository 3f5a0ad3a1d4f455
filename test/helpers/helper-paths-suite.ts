import { runCli } from './cli.js';
import { TempRepo } from './git-repo.js';
import { withVariant, type HelperPathLanguage } from './helper-paths.js';
import { posttool, postToolUse } from '../hooks/agent/payloads.js';

/**
 * The tests every language runs on its second paths to an old helper (helper-paths.ts): --staged,
 * --range and the pre-commit hook report the old sink's finding at the added call, naming the sink's
 * line; --all reports each sink once, where the data lands; the same lines with constant data stay clean;
 * posttool after an Edit that adds only the call blocks.
 */
export function helperPathSuite(lang: HelperPathLanguage): void {
  const scan = (cwd: string, args: string[]) => {
    const res = runCli(['scan', ...args, '--scanner', lang.lang, '--format', 'json', '--no-baseline'], { cwd });
    expect([0, 1]).toContain(res.code);
    return { code: res.code, findings: JSON.parse(res.stdout).findings as Array<{ line: number; ruleId: string; message: string }> };
  };
  const lines = (fs: Array<{ line: number; ruleId: string }>) => fs.map((f) => `${f.line}:${f.ruleId}`).sort();
  const atSinks = lang.sinks.map((l) => `${l}:${lang.rule}`).sort();

  describe(`${lang.lang}: a new call reaching an old helper through a value`, () => {
    test.each(lang.variants)('$name: staged, pre-commit and range report it at the call; --all once at each sink', (v) => {
      const repo = new TempRepo();
      try {
        repo.write(lang.file, lang.old());
        repo.commitAll('helpers');
        const base = repo.git('rev-parse', 'HEAD').trim();
        const { text, callLine } = withVariant(lang, v);
        repo.write(lang.file, text);
        repo.git('add', lang.file);
        const staged = scan(repo.dir, ['--staged']);
        expect(lines(staged.findings)).toEqual([`${callLine}:${lang.rule}`]);
        expect(staged.findings[0]!.message).toMatch(new RegExp(`lands on line ${v.sink}\\b`));
        // what came through the call: request data (the sink alone only sees a parameter)
        expect(staged.findings[0]!.message).toMatch(/untrusted data/);
        const hook = runCli(['hook', 'pre-commit'], { cwd: repo.dir });
        expect(hook.code).toBe(1);
        expect(hook.stdout + hook.stderr).toMatch(new RegExp(`${lang.file.replace('.', '\\.')} +${callLine} +${lang.rule}`));
        repo.git('commit', '-q', '--no-verify', '-m', 'call');
        const range = scan(repo.dir, ['--range', `${base}..HEAD`]);
        expect(lines(range.findings)).toEqual([`${callLine}:${lang.rule}`]);
        expect(range.findings[0]!.message).toMatch(new RegExp(`lands on line ${v.sink}\\b`));
        // The whole file: each sink once, where the data lands (the call adds no second finding).
        expect(lines(scan(repo.dir, ['--all', lang.file]).findings)).toEqual(atSinks);
      } finally {
        repo.cleanup();
      }
    });

    test('the same added lines with constant data stay clean (staged and pre-commit)', () => {
      for (const v of lang.variants) {
        const repo = new TempRepo();
        try {
          repo.write(lang.file, lang.old({ data: 'constant' }));
          repo.commitAll('helpers');
          repo.write(lang.file, withVariant(lang, v, { data: 'constant' }).text);
          repo.git('add', lang.file);
          const staged = scan(repo.dir, ['--staged']);
          expect({ variant: v.name, findings: staged.findings }).toEqual({ variant: v.name, findings: [] });
          expect(staged.code).toBe(0);
          if (v === lang.variants[0]) expect(runCli(['hook', 'pre-commit'], { cwd: repo.dir }).code).toBe(0);
        } finally {
          repo.cleanup();
        }
      }
    });

    // posttool scans the written file whole: it blocks on the helper's finding (at the sink, or at the new
    // call; with a marker on the old sink, at the call: test/scan/moved-suppression.test.ts).
    test('posttool after an Edit that adds only the call blocks with the finding', () => {
      const v = lang.variants.find((x) => x.added.length === 1)!;
      const repo = new TempRepo();
      try {
        const old = lang.old();
        repo.write(lang.file, old);
        repo.commitAll('helpers');
        const { text, callLine } = withVariant(lang, v);
        const abs = repo.write(lang.file, text);
        const at = old.indexOf(lang.anchor);
        const added = text.slice(at, at + text.length - old.length);
        const res = posttool(postToolUse(repo.dir, 'Edit', { file_path: abs, old_string: lang.anchor, new_string: added + lang.anchor }, { filePath: abs }), repo.dir);
        expect(res.code).toBe(2);
        expect(res.stderr).toMatch(new RegExp(lang.rule));
        expect(res.stderr).toMatch(new RegExp(`${lang.file.replace('.', '\\.')}:(${callLine}|${v.sink})\\b`));
      } finally {
        repo.cleanup();
      }
    });
  });
}
