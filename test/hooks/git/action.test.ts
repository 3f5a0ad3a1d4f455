import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLI, REPO_ROOT } from '../../helpers/cli.js';
import { tokens } from '../../helpers/tokens.js';
import { Repo, hookEnv, run } from './hook-env.js';

/**
 * action.yml's scan step, run with bash against a real repository the way the
 * runner would (inputs as env, GITHUB_OUTPUT file). The setup-node, install
 * and upload steps need GitHub and are only checked for shape.
 */
interface Step { id?: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, string> }
const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Step[] } };

describe('action.yml (composite GitHub Action)', () => {
  test('uploads SARIF with github/codeql-action/upload-sarif', () => {
    expect(action.runs.using).toBe('composite');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(upload?.with?.sarif_file).toContain('inputs.sarif-file');
  });

  const scanStep = action.runs.steps.find((s) => s.id === 'scan')!;
  const runScan = (repo: Repo, env: Record<string, string>) => {
    const out = mkdtempSync(join(tmpdir(), 'mso-action-'));
    const r = run('bash', ['-c', scanStep.run!], repo.dir, {
      env: hookEnv({ MSO_CLI: CLI, SCANNER: 'all', SARIF: join(out, 'mso.sarif'), GITHUB_OUTPUT: join(out, 'out'), PR_BASE: '', PUSH_BEFORE: '', DEFAULT_BRANCH: '', INPUT_BASE: '', ...env }),
    });
    const outputs = readFileSync(join(out, 'out'), 'utf8');
    const sarif = r.code === 0 ? JSON.parse(readFileSync(join(out, 'mso.sarif'), 'utf8')) : undefined;
    rmSync(out, { recursive: true, force: true });
    return { r, outputs, sarif };
  };

  test('scan step: BASE..HEAD of a pull request, SARIF written, findings reported as exit-code 1', () => {
    const repo = new Repo();
    repo.write('a.txt', 'a\n');
    const base = repo.commitAll('base');
    repo.write('leak.env', `TOKEN=${tokens.github()}\n`);
    repo.commitAll('leak');
    repo.git('rm', '-q', 'leak.env');
    const head = repo.commitAll('remove it again');
    const dirty = runScan(repo, { PR_BASE: base, INPUT_HEAD: head });
    expect(dirty.r.code).toBe(0);
    expect(dirty.outputs).toMatch(/exit-code=1/);
    expect(dirty.sarif.version).toBe('2.1.0');
    expect(dirty.sarif.runs[0].results.length).toBe(1);

    const clean = runScan(repo, { PR_BASE: head, INPUT_HEAD: head });
    expect(clean.outputs).toMatch(/exit-code=0/);

    const broken = runScan(repo, { INPUT_BASE: 'no-such-commit', INPUT_HEAD: head });
    expect(broken.r.code).toBe(2);
    expect(broken.outputs).toMatch(/exit-code=2/);
    rmSync(repo.dir, { recursive: true, force: true });
  });
});
