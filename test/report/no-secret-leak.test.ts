import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';
import { runCliOnPty } from '../helpers/pty.js';
import { canUse } from '../helpers/tools.js';
import { tokens } from '../helpers/tokens.js';

/**
 * mso's promise: no output in any format, no message and no file it writes
 * (reports, the baseline, anything under .mso/) ever holds a secret value.
 * Every kind of credential is planted; every output is searched for each
 * value and for its random tail (the part no rule description could contain).
 */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

describe('no secret value ever leaves mso', () => {
  test('text, JSON, SARIF, --output files, stderr, the baseline and .mso/ hold no secret', () => {
    const repo = new TempRepo();
    const reports = tempDir();
    try {
      const planted: Record<string, string> = {
        github: tokens.github(),
        githubFine: tokens.githubFineGrained(),
        npm: tokens.npm(),
        awsKeyId: tokens.awsKeyId(),
        openai: tokens.openaiProject(),
        anthropic: tokens.anthropic(),
        slack: tokens.slackBot(),
        slackWebhook: tokens.slackWebhook(),
        stripe: tokens.stripe(),
        gcp: tokens.gcpApiKey(),
        jwt: tokens.jwt(),
        pypi: tokens.pypi(),
      };
      const key = tokens.rsaPrivateKey();
      const lines = Object.entries(planted).map(([k, v]) => `${k.toUpperCase()}_VALUE = "${v}"`);
      repo.write('config/settings.py', lines.join('\n') + '\n');
      repo.write('keys/id_rsa', key + '\n');
      repo.write('suppressed.env', `TOKEN=${tokens.github()} # mso:allow fixture for the leak test\n`);
      repo.commitAll('init');

      const outputs: string[] = [];
      const run = (args: string[]) => {
        const r = runCli(args, { cwd: repo.dir, env: { MSO_DEBUG: '1' } });
        outputs.push(r.stdout, r.stderr);
        return r;
      };
      for (const format of ['text', 'json', 'sarif']) {
        expect(run(['scan', '--all', '--format', format]).code).toBe(1);
        expect(run(['scan', '--all', '--format', format, '-o', join(reports, `r.${format}`)]).code).toBe(1);
      }
      expect(run(['scan', '--all', '--write-baseline', '.mso/baseline.json']).code).toBe(0);
      expect(run(['scan', '--all', '--format', 'json']).code).toBe(0); // all baselined now
      repo.git('add', '-A');
      expect(run(['scan', '--stdin', '--stdin-name', 'x.env', '--format', 'json']).code).toBe(0);
      const stdinRun = runCli(['scan', '--stdin', '--no-baseline'], { cwd: repo.dir, input: lines.join('\n') });
      expect(stdinRun.code).toBe(1);
      outputs.push(stdinRun.stdout, stdinRun.stderr);
      if (canUse('script')) {
        const tty = runCliOnPty(['scan', '--all', '--no-baseline'], { cwd: repo.dir, env: { MSO_PROGRESS_DELAY_MS: '0' } });
        expect(tty.code).toBe(1);
        outputs.push(tty.screen);
      }

      const written = [...filesUnder(reports), ...filesUnder(join(repo.dir, '.mso'))].map((p) => readFileSync(p, 'utf8'));
      expect(written.length).toBe(4); // three reports and the baseline
      const everything = [...outputs, ...written];
      const secrets = [...Object.values(planted), ...key.split('\n').slice(1, -1)];
      for (const s of secrets) {
        const tail = s.slice(-16);
        for (const text of everything) {
          expect(text.includes(s)).toBe(false);
          expect(text.includes(tail)).toBe(false);
        }
      }
      // and the reports did report them (a test that cannot fail is no test)
      const json = JSON.parse(readFileSync(join(reports, 'r.json'), 'utf8'));
      expect(json.findings.length).toBeGreaterThanOrEqual(Object.keys(planted).length);
      expect(json.stats.suppressed).toBe(1);
    } finally {
      repo.cleanup();
    }
  });
});
