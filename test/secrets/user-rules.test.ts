import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';
import { make as m } from './helpers.js';

const RULE = `scanner: secrets
rules:
  - id: acme-key
    description: ACME key
    severity: medium
    tags: [CWE-798]
    keywords: [acme_]
    regex: 'acme_(?<secret>[0-9a-f]{32})'
    entropy: 3.9
    hex-entropy: 3.0
    allow:
      - { regex: 'fixture', target: line }
    fix: rotate it
`;

describe('user secret rules', () => {
  test('a rule folder named in .mso/workspace.json scan.rules is loaded; hex-entropy and line allow apply', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'security', 'rules'), { recursive: true });
    mkdirSync(join(dir, '.mso'), { recursive: true });
    writeFileSync(join(dir, 'security', 'rules', 'acme.yaml'), RULE);
    writeFileSync(join(dir, '.mso', 'workspace.json'), JSON.stringify({ scan: { rules: ['security/rules'] } }));
    const key = `acme_${m.hex(32)}`;
    writeFileSync(join(dir, 'app.txt'), `x\nkey = ${key}\nfixture = acme_${m.hex(32)}\n`);
    const res = runCli(['scan', '--all', 'app.txt', '--format', 'json'], { cwd: dir });
    expect(res.code).toBe(1);
    const findings = JSON.parse(res.stdout).findings;
    // hex values pass on hex-entropy (3.0) although they never reach entropy 3.9
    expect(findings.map((f: { ruleId: string; line: number }) => [f.ruleId, f.line])).toEqual([['acme-key', 2]]);
    expect(res.stdout).not.toContain(key);
  });

  test('a user rule naming an unknown validator is exit 2', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'r'), { recursive: true });
    writeFileSync(join(dir, 'r', 'x.yaml'), RULE.replace('    fix:', '    validate: no-such-check\n    fix:'));
    writeFileSync(join(dir, 'a.txt'), 'x\n');
    const res = runCli(['scan', '--all', 'a.txt', '--rules', 'r'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/x\.yaml.*acme-key.*validate/s);
  });
});
