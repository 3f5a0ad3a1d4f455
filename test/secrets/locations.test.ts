import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';
import { make as m, scanText } from './helpers.js';

describe('secret locations', () => {
  test('a PEM key is reported from its BEGIN line to its END line', async () => {
    const key = m.rsaKey();
    const text = ['# deploy key', '', ...key, 'after = 1'].join('\n');
    const [f] = (await scanText(text, 'deploy/id_rsa')).filter((x) => x.ruleId === 'private-key');
    expect(f).toMatchObject({ line: 3, endLine: 2 + key.length, column: 1 });
  });

  test('CRLF files: lines and columns are right and the key ends on its END line', async () => {
    const key = m.pkcs8Key();
    const token = m.github();
    const text = ['a = 1', `token = "${token}"`, ...key, 'b = 2'].join('\r\n') + '\r\n';
    const found = await scanText(text, 'win/config.py');
    const gh = found.find((x) => x.ruleId === 'github-token')!;
    expect(gh).toMatchObject({ line: 2, endLine: 2, column: 10 });
    const pk = found.find((x) => x.ruleId === 'private-key')!;
    expect(pk).toMatchObject({ line: 3, endLine: 2 + key.length });
  });

  test('a JSON-escaped key (GCP service account) is reported on its own line', async () => {
    const key = m.pkcs8Key().join('\\n') + '\\n';
    const text = ['{', '  "type": "service_account",', `  "private_key_id": "${m.hex(40)}",`, `  "private_key": "${key}",`, '  "client_email": "x@p.iam.gserviceaccount.com"', '}'].join('\n');
    const found = await scanText(text, 'sa.json');
    expect(found.map((f) => [f.ruleId, f.line, f.endLine])).toEqual([['private-key', 4, 4]]);
  });

  test('an inline mso:allow on the line marks the finding suppressed', async () => {
    const [f] = await scanText(`TOKEN = "${m.github()}"  # mso:allow rotated test token`, 'a.py');
    expect(f!.suppressed).toBeTruthy();
  });

  test('the built CLI reports SARIF regions for every kind of file, never the secret', () => {
    const dir = tempDir();
    const secrets = { gh: m.github(), aws: m.awsSecret(), pw: m.password(), oa: m.openai() };
    const key = m.rsaKey();
    const files: Record<string, string> = {
      '.env': `NODE_ENV=production\r\nOPENAI_API_KEY=${secrets.oa}\r\n`,
      'config/app.yaml': `db:\n  host: x\n  password: "${secrets.pw}"\n`,
      'keys/id_rsa': key.join('\n') + '\n',
      'src/a.js': `// x\nconst t = "${secrets.gh}";\n`,
      'docs/readme.md': '# x\n\n```ini\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n```\n',
      'notebooks/a.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', source: ['import os\n', `aws_secret_access_key = "${secrets.aws}"\n`] }] }, null, 1),
    };
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    const res = runCli(['scan', '--all', '--format', 'sarif'], { cwd: dir });
    expect(res.code).toBe(1);
    for (const v of [...Object.values(secrets), key[3]!]) expect(res.stdout).not.toContain(v);
    const sarif = JSON.parse(res.stdout);
    const got = sarif.runs[0].results
      .map((r: any) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}-${r.locations[0].physicalLocation.region.endLine}:${r.ruleId}`)
      .sort();
    const nbLine = files['notebooks/a.ipynb']!.split('\n').findIndex((l) => l.includes(secrets.aws)) + 1;
    expect(got).toEqual(
      [
        '.env:2-2:openai-api-key',
        'config/app.yaml:3-3:generic-password-assignment',
        `keys/id_rsa:1-${key.length}:private-key`,
        `notebooks/a.ipynb:${nbLine}-${nbLine}:aws-secret-access-key`,
        'src/a.js:2-2:github-token',
      ].sort(),
    );
  });
});
