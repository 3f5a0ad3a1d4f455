import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI, runCli, type RunResult } from '../helpers/cli.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';
import { alnum, tokens } from '../helpers/tokens.js';
import { licenceServer, payload, signLicence, testKeyPair, type LicenceServer } from './licence-server.js';

const PRELOAD = fileURLToPath(new URL('./fixtures/trust-test-key.mjs', import.meta.url));
const keys = testKeyPair();
const KEY = `MSO-TEST-${alnum(24)}`;
let server: LicenceServer;

beforeAll(async () => {
  server = await licenceServer(keys.privateKey, KEY);
});
afterAll(() => server.close());

/** The built CLI with the test public key trusted in-process (a preload in test/, as a unit test would pass an option). */
function mso(args: string[], cwd: string, env: NodeJS.ProcessEnv): RunResult {
  const res = spawnSync(process.execPath, ['--import', PRELOAD, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', MSO_TEST_LICENCE_PUBLIC_KEY: keys.publicPem, MSO_LICENCE_KEY: '', ...env },
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

function repo(config: object): { r: TempRepo; env: NodeJS.ProcessEnv } {
  const r = new TempRepo();
  mkdirSync(join(r.dir, '.mso'), { recursive: true });
  writeFileSync(join(r.dir, '.mso', 'workspace.json'), JSON.stringify(config));
  return { r, env: { XDG_CONFIG_HOME: tempDir() } };
}

test('mso licence activate KEY against a loopback licence service, then status', async () => {
  const { r, env } = repo({ licence: { endpoint: server.url } });
  try {
    let res = mso(['licence', 'status'], r.dir, env);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/none active/);

    // The async server must answer while the child runs: spawnSync would block this event loop.
    res = await new Promise<RunResult>((resolve) => {
      import('node:child_process').then(({ execFile }) => {
        execFile(
          process.execPath,
          ['--import', PRELOAD, CLI, 'licence', 'activate', KEY],
          { cwd: r.dir, env: { ...process.env, NO_COLOR: '1', MSO_TEST_LICENCE_PUBLIC_KEY: keys.publicPem, MSO_LICENCE_KEY: '', ...env } },
          (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/licence activated/);
    expect(res.stdout).not.toContain(KEY);

    res = mso(['licence', 'status', '--json'], r.dir, env);
    expect(JSON.parse(res.stdout)).toMatchObject({ source: 'online', licence: { tier: 'team', features: ['dispatch'] } });
    expect(res.stdout).not.toContain(KEY);
  } finally {
    r.cleanup();
  }
});

test('without the test key trusted, the same service answer does not verify (exit 2)', async () => {
  const { r, env } = repo({ licence: { endpoint: server.url } });
  try {
    const res = await new Promise<RunResult>((resolve) => {
      import('node:child_process').then(({ execFile }) => {
        execFile(process.execPath, [CLI, 'licence', 'activate', KEY], { cwd: r.dir, env: { ...process.env, MSO_LICENCE_KEY: '', ...env } }, (err, stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/does not verify/);
  } finally {
    r.cleanup();
  }
});

test('air-gapped: activate --file installs a signed offline licence; activate KEY is refused before any request', () => {
  const { r, env } = repo({ dataResidency: { mode: 'air-gapped' } });
  const before = server.requests.length;
  try {
    const file = join(tempDir(), 'licence.json');
    writeFileSync(file, JSON.stringify(signLicence(payload({ kind: 'offline', subject: 'Air Gap Ltd' }), keys.privateKey)));
    let res = mso(['licence', 'activate', '--file', file], r.dir, env);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/offline, signed licence file/);
    res = mso(['licence', 'activate', KEY], r.dir, env);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/air-gapped.*--file/);
    expect(server.requests.length).toBe(before);
  } finally {
    r.cleanup();
  }
});

test('scanning and hooks never depend on a licence: a broken licence state changes nothing', () => {
  const { r, env } = repo({ dataResidency: { mode: 'air-gapped' }, licence: { endpoint: 'https://licence.example.invalid' } });
  try {
    mkdirSync(join(r.dir, '.mso', 'licence'), { recursive: true });
    writeFileSync(join(r.dir, '.mso', 'licence', 'licence.json'), '{"format":"mso-licence/1","licence":{},"signature":"AAAA"}');
    writeFileSync(join(r.dir, '.mso', 'licence', 'validation.json'), 'not json');
    r.write('clean.py', 'print("hello")\n');
    const clean = runCli(['scan', '--all', 'clean.py'], { cwd: r.dir, env: { ...env, MSO_LICENCE_KEY: '' } });
    expect(clean.code).toBe(0);
    r.write('leak.py', `token = "${tokens.github()}"\n`);
    const dirty = runCli(['scan', '--all', 'leak.py', '--format', 'json'], { cwd: r.dir, env: { ...env, MSO_LICENCE_KEY: '' } });
    expect(dirty.stderr).not.toMatch(/licen[cs]e/i);
    expect(dirty.code).toBe(1);
  } finally {
    r.cleanup();
  }
});

test('testLicenceEnv (for dispatch tests): an offline test licence the built CLI accepts, in standard or air-gapped mode', async () => {
  const { testLicenceEnv } = await import('./test-licence.js');
  for (const mode of ['standard', 'air-gapped'] as const) {
    const { r } = repo({ dataResidency: { mode } });
    try {
      const env = testLicenceEnv(r.dir);
      const res = runCli(['licence', 'status', '--json'], { cwd: r.dir, env });
      expect(res.code).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({ source: 'offline-file', licence: { features: ['dispatch'] } });
      // Without the test key trusted, the same file does not verify.
      const plain = runCli(['licence', 'status', '--json'], { cwd: r.dir });
      expect(JSON.parse(plain.stdout)).toMatchObject({ source: 'none', problem: expect.stringMatching(/does not verify/) });
    } finally {
      r.cleanup();
    }
  }
});
