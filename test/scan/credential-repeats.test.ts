import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';

// One finding per leaked credential: the secrets scanner's (it names the provider) wins over a code
// scanner's hard-coded credential finding on the same line; a code scanner run alone still reports it.
describe('a credential found by the secrets scanner and a code scanner is reported once', () => {
  const ids = (stdout: string) => (JSON.parse(stdout).findings as Array<{ ruleId: string; line: number }>).map((f) => `${f.line}:${f.ruleId}`).sort();

  test.each([
    ['app.py', (t: string, pw: string) => `import os\nTOKEN = "${t}"\nDB_PASSWORD = "${pw}"\nNAME = "ok"\n`, 'python'],
    ['app.ts', (t: string, pw: string) => `export const TOKEN = '${t}';\nexport const dbPassword = '${pw}';\nexport const name = 'ok';\n`, 'js'],
  ])('%s', (file, body, scanner) => {
    const dir = tempDir();
    const pw = `Pw-${tokens.github().slice(4, 16)}-9`;
    writeFileSync(join(dir, file), body(tokens.github(), pw));
    const all = runCli(['scan', '--all', '.', '--format', 'json', '--no-baseline'], { cwd: dir });
    expect(all.code).toBe(1);
    const got = ids(all.stdout);
    const lines = got.map((x) => x.split(':')[0]);
    // the token and the password line each reported once, by the secrets scanner for the token
    expect(got).toContain(`${file.endsWith('.py') ? 2 : 1}:github-token`);
    expect(new Set(lines).size).toBe(lines.length);
    const alone = runCli(['scan', '--all', '.', '--scanner', scanner, '--format', 'json', '--no-baseline'], { cwd: dir });
    expect(alone.code).toBe(1);
    expect(ids(alone.stdout)).toEqual(
      file.endsWith('.py') ? ['2:python-hardcoded-credential', '3:python-hardcoded-credential'] : ['1:js-hardcoded-credential', '2:js-hardcoded-credential'],
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
