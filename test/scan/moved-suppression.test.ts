import { posttool, postToolUse } from '../hooks/agent/payloads.js';
import { runCli } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { JS_PATHS, PY_PATHS, withVariant } from '../helpers/helper-paths.js';

/**
 * A diff scan reports a finding inside an old helper at the added call that hands it untrusted data
 * (taint/scanner.ts). A suppression marker on the old sink vouched for the callers it had then; the
 * moved finding is judged by the new call's own line, where a reviewer can still allow it.
 */
describe('a finding moved to a new call is judged by the marker on that call, not the old sink', () => {
  const cases = [
    {
      file: 'app.py',
      helper: 'import os\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n\ndef run(cmd):\n    os.system("ls " + cmd)  # mso:allow only called with fixed folders\n',
      call: (allow: string) => `\n\n@app.route("/x")\ndef x():\n    run(request.args["d"])${allow ? `  # mso:allow ${allow}` : ''}\n    return "ok"\n`,
      rule: 'python-command-injection',
    },
    {
      file: 'app.js',
      helper: "const { exec } = require('child_process');\nfunction run(c) { exec('ls ' + c); } // mso:allow only called with fixed folders\nmodule.exports = { run };\n",
      call: (allow: string) => `function h(req) {\n  run(req.query.d);${allow ? ` // mso:allow ${allow}` : ''}\n}\nmodule.exports.h = h;\n`,
      rule: 'js-command-injection',
    },
  ];

  test.each(cases)('$file', ({ file, helper, call, rule }) => {
    const repo = new TempRepo();
    try {
      repo.write(file, helper);
      repo.commitAll('helper, allowed for its callers');
      // the old helper alone is clean (its marker holds)
      expect(runCli(['scan', '--all', file, '--format', 'json', '--no-baseline'], { cwd: repo.dir }).code).toBe(0);

      // a new call with request data: reported at the call although the sink's line carries a marker
      repo.write(file, helper + call(''));
      repo.git('add', file);
      const staged = runCli(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
      expect(staged.code).toBe(1);
      const found = JSON.parse(staged.stdout).findings as Array<{ ruleId: string; line: number; message: string }>;
      expect(found.map((f) => f.ruleId)).toEqual([rule]);
      expect(found[0]!.line).toBeGreaterThan(helper.split('\n').length - 1);
      expect(runCli(['hook', 'pre-commit'], { cwd: repo.dir }).code).toBe(1);

      // a marker on the new call itself allows it
      repo.write(file, helper + call('reviewed: d is checked by the router'));
      repo.git('add', file);
      const allowed = runCli(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
      expect(allowed.code).toBe(0);
      expect(JSON.parse(allowed.stdout).stats.suppressed).toBe(1);
    } finally {
      repo.cleanup();
    }
  });
});

/** The same rule for every second path to the old helper (an alias, a table, partial/bind, a wrapper, a callback, a lookup by name). */
describe.each([PY_PATHS, JS_PATHS])('$lang: a finding moved to a call that reaches the helper through a value', (lang) => {
  test.each(lang.variants)('$name: the old sink allowed, the new call reported; allowed only by a marker on the call', (v) => {
    const repo = new TempRepo();
    try {
      const marker = lang.comment('mso:allow only called with fixed folders');
      repo.write(lang.file, lang.old({ marker }));
      repo.commitAll('helpers, allowed for their callers');
      const { text, callLine } = withVariant(lang, v, { marker });
      repo.write(lang.file, text);
      repo.git('add', lang.file);
      const staged = runCli(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
      expect(staged.code).toBe(1);
      const found = JSON.parse(staged.stdout).findings as Array<{ ruleId: string; line: number }>;
      expect(found.map((f) => `${f.line}:${f.ruleId}`)).toEqual([`${callLine}:${lang.rule}`]);
      if (v === lang.variants[0]) expect(runCli(['hook', 'pre-commit'], { cwd: repo.dir }).code).toBe(1);

      repo.write(lang.file, withVariant(lang, v, { marker, callComment: 'mso:allow reviewed: d is checked by the router' }).text);
      repo.git('add', lang.file);
      const allowed = runCli(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
      expect(allowed.code).toBe(0);
      expect(JSON.parse(allowed.stdout).stats.suppressed).toBeGreaterThanOrEqual(1);
    } finally {
      repo.cleanup();
    }
  });
});

/**
 * posttool scans the edited file whole; the Edit's own lines (new_string) play the added lines of a
 * diff scan: a finding reached through a call on them is reported there, judged by that call's
 * markers (Fragment.changedLines). Before, an allowance on the old sink let posttool pass a new caller.
 */
describe.each([PY_PATHS, JS_PATHS])('$lang: posttool after an Edit that adds a call to an allowed old helper', (lang) => {
  test.each(lang.variants)('$name: blocked at the call; allowed by a marker on the call; other edits pass', (v) => {
    const repo = new TempRepo();
    try {
      const marker = lang.comment('mso:allow only called with fixed folders');
      const old = lang.old({ marker });
      repo.write(lang.file, old);
      repo.commitAll('helpers, allowed for their callers');
      const at = old.indexOf(lang.anchor);
      const edit = (text: string) => {
        const abs = repo.write(lang.file, text);
        const added = text.slice(at, at + text.length - old.length);
        return posttool(postToolUse(repo.dir, 'Edit', { file_path: abs, old_string: lang.anchor, new_string: added + lang.anchor }, { filePath: abs }), repo.dir);
      };
      const { text, callLine } = withVariant(lang, v, { marker });
      const blocked = edit(text);
      expect(blocked.code).toBe(2);
      expect(blocked.stderr).toMatch(new RegExp(`${lang.file.replace('.', '\\.')}:${callLine}\\b.*${lang.rule}|${lang.rule}[^\\n]*\\n?[^\\n]*${lang.file.replace('.', '\\.')}:${callLine}\\b`));

      const allowed = edit(withVariant(lang, v, { marker, callComment: 'mso:allow reviewed: d is checked by the router' }).text);
      expect({ code: allowed.code, stderr: allowed.stderr }).toEqual({ code: 0, stderr: '' });
    } finally {
      repo.cleanup();
    }
  });

  test('an Edit that adds no call into the helper passes (the old marker still vouches for its callers)', () => {
    const repo = new TempRepo();
    try {
      const marker = lang.comment('mso:allow only called with fixed folders');
      const old = lang.old({ marker });
      const abs = repo.write(lang.file, old);
      repo.commitAll('helpers');
      const comment = lang.comment('a note') + '\n';
      repo.write(lang.file, old.replace(lang.anchor, comment + lang.anchor));
      const res = posttool(postToolUse(repo.dir, 'Edit', { file_path: abs, old_string: lang.anchor, new_string: comment + lang.anchor }, { filePath: abs }), repo.dir);
      expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
    } finally {
      repo.cleanup();
    }
  });
});
