import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';

const CLEAN_ENV = { ANTHROPIC_API_KEY: '', ANTHROPIC_AUTH_TOKEN: '', ANTHROPIC_BASE_URL: '', MSO_TELEMETRY: '', DO_NOT_TRACK: '' };

function repo(config?: object | string): TempRepo {
  const r = new TempRepo();
  if (config !== undefined) {
    mkdirSync(join(r.dir, '.mso'), { recursive: true });
    writeFileSync(join(r.dir, '.mso', 'workspace.json'), typeof config === 'string' ? config : JSON.stringify(config));
  }
  return r;
}

function trustJson(r: TempRepo, env: NodeJS.ProcessEnv = {}) {
  const res = runCli(['trust', '--json'], { cwd: r.dir, env: { ...CLEAN_ENV, ...env } });
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return { json: JSON.parse(res.stdout) as Record<string, any>, raw: res.stdout };
}

test('a new workspace: standard mode, default model host, telemetry off, online licence endpoint', () => {
  const r = repo();
  try {
    const { json } = trustJson(r);
    expect(json.residency).toMatchObject({ mode: 'standard', configured: false });
    expect(json.modelCalls).toMatchObject({ host: 'api.anthropic.com', from: 'default', credentialSet: false, status: 'allowed' });
    expect(json.telemetry).toMatchObject({ status: 'off', consent: false, crosses: 'nothing' });
    expect(json.licence).toMatchObject({ validation: 'online', endpoint: 'https://licence.maestrodevs.com', active: false });
    expect(json.workspaceState.path).toBe('.mso/');
    expect(json.egressLog).toEqual({ path: '.mso/egress.log', attempts: 0, refused: 0 });
    const text = runCli(['trust'], { cwd: r.dir, env: CLEAN_ENV });
    expect(text.code).toBe(0);
    for (const row of ['model calls', 'workspace state', 'telemetry', 'licence', 'residency mode: standard']) expect(text.stdout).toContain(row);
  } finally {
    r.cleanup();
  }
});

test('the model row follows ANTHROPIC_BASE_URL and names the key without ever printing it', () => {
  const r = repo();
  const key = tokens.anthropic();
  try {
    const env = { ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: 'https://gateway.example.invalid:8443/v1?token=hidden-part' };
    const { json, raw } = trustJson(r, env);
    expect(json.modelCalls).toMatchObject({ host: 'gateway.example.invalid', destination: 'https://gateway.example.invalid:8443', from: 'ANTHROPIC_BASE_URL', credentialSet: true });
    expect(json.modelCalls.credential).toBe('your own ANTHROPIC_API_KEY');
    const text = runCli(['trust'], { cwd: r.dir, env: { ...CLEAN_ENV, ...env } }).stdout;
    for (const out of [raw, text]) {
      expect(out).not.toContain(key);
      expect(out).not.toContain(key.slice(0, 20));
      expect(out).not.toContain('hidden-part');
    }
  } finally {
    r.cleanup();
  }
});

test('air-gapped with only {"dataResidency": {"mode": "air-gapped"}}: model calls refused unless loopback, licence offline', () => {
  const r = repo({ dataResidency: { mode: 'air-gapped' } });
  try {
    let { json } = trustJson(r);
    expect(json.residency).toMatchObject({ mode: 'air-gapped', configured: true });
    expect(json.modelCalls.status).toBe('refused');
    expect(json.licence).toMatchObject({ validation: 'offline' });
    expect(json.licence.endpoint).toBeUndefined();
    ({ json } = trustJson(r, { ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000' }));
    expect(json.modelCalls).toMatchObject({ host: '127.0.0.1', status: 'allowed' });
    const text = runCli(['trust'], { cwd: r.dir, env: CLEAN_ENV }).stdout;
    expect(text).toMatch(/REFUSED/);
    // The same file is valid for every other command too.
    r.write('a.py', 'x = 1\n');
    expect(runCli(['scan', '--all', 'a.py'], { cwd: r.dir, env: CLEAN_ENV }).code).toBe(0);
  } finally {
    r.cleanup();
  }
});

test('telemetry on is reflected, with its endpoint and fields', () => {
  const r = repo({ telemetry: { endpoint: 'https://t.example.invalid/v1/events' } });
  try {
    expect(runCli(['telemetry', 'enable'], { cwd: r.dir, env: CLEAN_ENV }).code).toBe(0);
    const { json } = trustJson(r);
    expect(json.telemetry).toMatchObject({ status: 'on', endpoint: 'https://t.example.invalid/v1/events', fields: ['event', 'version', 'time', 'installId'] });
    expect(trustJson(r, { DO_NOT_TRACK: '1' }).json.telemetry).toMatchObject({ status: 'off', forcedOffBy: 'DO_NOT_TRACK' });
  } finally {
    r.cleanup();
  }
});

test.each([
  ['not JSON', '{"dataResidency": '],
  ['an unknown mode', '{"dataResidency": {"mode": "offline"}}'],
  ['an unknown setting', '{"dataResidency": {"mode": "standard", "extra": true}}'],
  ['an http endpoint that is not loopback', '{"licence": {"endpoint": "http://licence.example.invalid"}}'],
])('a workspace.json with %s is a clear error (exit 2)', (_what, text) => {
  const r = repo(text);
  try {
    const res = runCli(['trust'], { cwd: r.dir, env: CLEAN_ENV });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/workspace\.json/);
  } finally {
    r.cleanup();
  }
});

test('machine-local state stays out of git without changing a committed file (main worktree and linked worktree)', async () => {
  const { egressFetch } = await import('../../src/net/egress.js');
  const { _removeProcessGuardForTests } = await import('../../src/net/guard.js');
  const { enableTelemetry, recordEvent } = await import('../../src/telemetry/telemetry.js');
  const r = repo({ dataResidency: { mode: 'air-gapped' } });
  try {
    r.commitAll('config');
    r.git('worktree', 'add', '-q', '-b', 'side', join(r.dir, '..', `${r.dir.split('/').pop()}-wt`));
    const wt = join(r.dir, '..', `${r.dir.split('/').pop()}-wt`);
    for (const root of [r.dir, wt]) {
      await egressFetch('model', root)('https://example.invalid/').catch(() => undefined);
      enableTelemetry(root);
      recordEvent(root, 'command.scan', { MSO_TELEMETRY: '' } as NodeJS.ProcessEnv);
      expect(readFileSync(join(root, '.mso', 'egress.log'), 'utf8')).toContain('example.invalid');
    }
    expect(r.git('status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(JSON.parse(runCli(['trust', '--json'], { cwd: r.dir, env: CLEAN_ENV }).stdout).egressLog).toMatchObject({ attempts: 1, refused: 1 });
    const wtStatus = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: wt, encoding: 'utf8' });
    expect(wtStatus).toBe('?? .mso/.gitignore\n');
  } finally {
    _removeProcessGuardForTests();
    r.cleanup();
  }
});
