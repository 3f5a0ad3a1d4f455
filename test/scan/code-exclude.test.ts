import { runCli } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';

/**
 * `scan.codeExclude` in .mso/workspace.json: files the code scanners (js, python) leave out in
 * every kind of scan — the pre-commit hook, ranges, `--all` (in this thread and in worker threads),
 * the agent hooks — reported as `excluded` skips, while the secret scanner still reads them.
 */
const PY_VULN = 'import subprocess\ndef run(request):\n    subprocess.call(request.args["cmd"], shell=True)\n';
const JS_VULN = "const cp = require('child_process');\nmodule.exports = (req) => cp.exec('ls ' + req.query.dir);\n";

interface Report {
  findings: Array<{ file: string; ruleId: string; scanner: string }>;
  skipped: Array<{ path: string; reason: string; detail?: string }>;
}

describe('scan.codeExclude', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
    repo.write('.mso/workspace.json', JSON.stringify({ scan: { codeExclude: ['test/**/corpus/**'] } }));
    repo.write('README.md', 'x\n');
    repo.commitAll('init');
  });
  afterEach(() => repo.cleanup());

  const writeBoth = (dir: string) => {
    repo.write(`${dir}/cmd.py`, PY_VULN);
    repo.write(`${dir}/server.js`, JS_VULN);
    repo.write(`${dir}/nested/deep/view.ts`, JS_VULN);
  };
  const json = (args: string[], env?: NodeJS.ProcessEnv) => {
    const r = runCli([...args, '--format', 'json'], { cwd: repo.dir, env });
    expect(r.stderr).toBe('');
    return { code: r.code, report: JSON.parse(r.stdout) as Report };
  };

  test('the pre-commit hook passes vulnerable code under the excluded paths and blocks the same code elsewhere', () => {
    writeBoth('test/py/corpus');
    repo.git('add', '-A');
    const inCorpus = runCli(['hook', 'pre-commit'], { cwd: repo.dir });
    expect(inCorpus.stderr).toMatch(/no findings/);
    expect(inCorpus.code).toBe(0);

    // Near misses of the glob are analysed: a file named corpus, a corpus folder outside test/, test/corpus.py.
    for (const path of ['src/corpus.py', 'corpus/cmd.py', 'test/corpus.py', 'lib/test/corpus-old/cmd.py']) {
      repo.write(path, PY_VULN);
      repo.git('add', path);
      const r = runCli(['hook', 'pre-commit'], { cwd: repo.dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(path);
      repo.git('rm', '-q', '--cached', path);
    }
  });

  test('secrets are still found in the excluded paths, by the hook and by every scan', () => {
    repo.write('test/python/corpus/settings.py', `${PY_VULN}GITHUB_TOKEN = "${tokens.github()}"\n`);
    repo.git('add', '-A');
    const hook = runCli(['hook', 'pre-commit'], { cwd: repo.dir });
    expect(hook.code).toBe(1);
    expect(hook.stderr).toMatch(/settings\.py\s+\d+\s+github-token/);
    expect(hook.stderr).not.toMatch(/command-injection/);

    const staged = json(['scan', '--staged']);
    expect(staged.report.findings.map((f) => `${f.scanner}:${f.ruleId}`)).toEqual(['secrets:github-token']);
    expect(staged.report.skipped).toEqual([{ path: 'test/python/corpus/settings.py', reason: 'excluded', detail: expect.stringContaining('scan.codeExclude') }]);
  });

  test.each([['1'], ['2']])('--all (jobs %s) reports each excluded file of each code scanner as skipped, and analyses the rest', (jobs) => {
    writeBoth('test/js/corpus');
    writeBoth('src');
    const { code, report } = json(['scan', '--all', '--jobs', jobs]);
    expect(code).toBe(1);
    const found = report.findings.map((f) => f.file).sort();
    expect(found).toEqual(['src/cmd.py', 'src/nested/deep/view.ts', 'src/server.js']);
    expect(report.skipped.filter((s) => s.reason === 'excluded').map((s) => s.path).sort()).toEqual([
      'test/js/corpus/cmd.py',
      'test/js/corpus/nested/deep/view.ts',
      'test/js/corpus/server.js',
    ]);
  });

  test('a commit range (pre-push, CI) leaves the excluded paths out of the code scanners too', () => {
    writeBoth('test/x/corpus');
    repo.write('src/app.py', PY_VULN);
    repo.commitAll('add');
    const { code, report } = json(['scan', '--range', 'HEAD~1..HEAD']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.file)).toEqual(['src/app.py']);
  });

  test('the setting is validated: a wrong type is a configuration error (exit 2)', () => {
    repo.write('.mso/workspace.json', JSON.stringify({ scan: { codeExclude: 'test/**' } }));
    const r = runCli(['scan', '--all'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scan\.codeExclude/);
  });
});
