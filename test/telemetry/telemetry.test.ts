import { existsSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { jest } from '@jest/globals';
import { telemetryEventSchema, telemetryPayloadSchema, TELEMETRY_EVENTS } from '../../src/telemetry/events.js';
import {
  buildEvent,
  disableTelemetry,
  enableTelemetry,
  queuedPayload,
  readQueue,
  recordEvent,
  sendTelemetry,
  telemetryStatus,
} from '../../src/telemetry/telemetry.js';
import { _removeProcessGuardForTests } from '../../src/net/guard.js';
import { runCli } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { egressLines, loopbackServer, workspace } from '../net/workspace.js';
import { waitFor } from '../helpers/wait.js';

const FIELDS = ['event', 'installId', 'time', 'version'];
const NO_ENV = { MSO_TELEMETRY: undefined, DO_NOT_TRACK: undefined } as NodeJS.ProcessEnv;

afterAll(() => _removeProcessGuardForTests());

function withConfig(config: object): string {
  const root = workspace();
  writeFileSync(join(root, '.mso', 'workspace.json'), JSON.stringify(config));
  return root;
}

describe('telemetry state', () => {
  test('is off in a new workspace, records nothing and creates nothing', () => {
    const root = workspace();
    const s = telemetryStatus(root, NO_ENV);
    expect(s).toMatchObject({ consent: false, active: false, queued: 0 });
    expect(s.installId).toBeUndefined();
    expect(recordEvent(root, 'command.scan', NO_ENV)).toBe(false);
    expect(existsSync(join(root, '.mso', 'telemetry'))).toBe(false);
  });

  test('when enabled, records an allow-listed event with exactly the four fields', () => {
    const root = workspace();
    enableTelemetry(root);
    expect(recordEvent(root, 'command.scan', NO_ENV)).toBe(true);
    const lines = readFileSync(join(root, '.mso', 'telemetry', 'queue.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const ev = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(ev).sort()).toEqual(FIELDS);
    expect(ev.event).toBe('command.scan');
    expect(ev.installId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ev.installId).toBe(telemetryStatus(root, NO_ENV).installId);
    expect(readFileSync(join(root, '.mso', 'telemetry', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  test.each([
    [{ MSO_TELEMETRY: '0' }, 'MSO_TELEMETRY'],
    [{ DO_NOT_TRACK: '1' }, 'DO_NOT_TRACK'],
  ])('%j switches it off despite consent', (env, by) => {
    const root = workspace();
    enableTelemetry(root);
    expect(recordEvent(root, 'command.scan', { ...NO_ENV, ...env })).toBe(false);
    expect(telemetryStatus(root, { ...NO_ENV, ...env })).toMatchObject({ consent: true, active: false, forcedOffBy: by });
  });

  test('an air-gapped workspace neither records nor sends', async () => {
    const root = workspace('air-gapped');
    enableTelemetry(root);
    expect(recordEvent(root, 'command.scan', NO_ENV)).toBe(false);
    const transport = jest.fn<typeof fetch>(() => {
      throw new Error('must not be called');
    });
    // A queue written by hand is still never sent.
    const ev = buildEvent('command.scan', telemetryStatus(root, NO_ENV).installId!);
    appendFileSync(join(root, '.mso', 'telemetry', 'queue.jsonl'), JSON.stringify(ev) + '\n');
    await expect(sendTelemetry(root, { transport })).rejects.toThrow(/air-gapped/);
    expect(transport).not.toHaveBeenCalled();
  });

  test('disable deletes the queue and the install id', () => {
    const root = workspace();
    enableTelemetry(root);
    recordEvent(root, 'command.trust', NO_ENV);
    const s = disableTelemetry(root);
    expect(s).toMatchObject({ consent: false, active: false, queued: 0 });
    expect(s.installId).toBeUndefined();
    expect(queuedPayload(root)).toBe('{\n  "events": []\n}\n');
  });
});

describe('no other field can get into a payload', () => {
  const good = () => buildEvent('command.scan', '0b7c6f1e-2a3b-4c5d-8e9f-001122334455');

  test('the event schema accepts exactly the four fields', () => {
    expect(Object.keys(telemetryEventSchema.parse(good())).sort()).toEqual(FIELDS);
  });

  test.each([
    ['an extra field', { path: '/home/me/repo/app.py' }],
    ['a repository name', { repo: 'acme/secret-project' }],
    ['a prompt', { prompt: 'add rate limiting' }],
    ['an event off the allow-list', { event: 'command.scan /home/me/repo' }],
    ['free text in the version', { version: '0.1.0 acme/secret-project' }],
    ['free text in the time', { time: '2026-01-01T00:00:00Z /home/me' }],
    ['an install id that is not a random UUID', { installId: 'alice@example.invalid' }],
    ['a missing field', { version: undefined }],
  ])('rejects %s', (_what, change) => {
    const ev = { ...good(), ...change } as Record<string, unknown>;
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete ev[k];
    expect(telemetryEventSchema.safeParse(ev).success).toBe(false);
    expect(telemetryPayloadSchema.safeParse({ events: [ev] }).success).toBe(false);
  });

  test('the payload has no field but events', () => {
    expect(telemetryPayloadSchema.safeParse({ events: [good()], repo: 'x' }).success).toBe(false);
  });

  test('a hand-edited queue line with another field is dropped, never sent', () => {
    const root = workspace();
    enableTelemetry(root);
    recordEvent(root, 'command.scan', NO_ENV);
    const q = join(root, '.mso', 'telemetry', 'queue.jsonl');
    appendFileSync(q, JSON.stringify({ ...good(), cwd: '/home/me/secret-project' }) + '\n');
    appendFileSync(q, 'not json\n');
    const { events, rejected } = readQueue(root);
    expect(events).toHaveLength(1);
    expect(rejected).toBe(2);
    expect(queuedPayload(root)).not.toContain('secret-project');
  });

  test('every allow-listed name is documented in docs/TRUST.md', () => {
    const doc = readFileSync(join(__dirname_(), '..', '..', 'docs', 'TRUST.md'), 'utf8');
    for (const name of TELEMETRY_EVENTS) expect(doc).toContain(`\`${name}\``);
  });
});

function __dirname_(): string {
  return new URL('.', import.meta.url).pathname;
}

describe('sending', () => {
  test('posts exactly what show prints to the configured loopback endpoint, through the egress module', async () => {
    const srv = await loopbackServer((_req, _body, res) => res.end('{}'));
    try {
      const root = withConfig({ telemetry: { endpoint: `${srv.url}/v1/events` } });
      enableTelemetry(root);
      recordEvent(root, 'command.scan', NO_ENV);
      recordEvent(root, 'command.hook.pre-commit', NO_ENV);
      const shown = queuedPayload(root);
      expect(await sendTelemetry(root)).toBe(2);
      expect(srv.requests).toHaveLength(1);
      expect(srv.requests[0]!.url).toBe('/v1/events');
      expect(srv.requests[0]!.body).toBe(shown);
      const body = JSON.parse(srv.requests[0]!.body) as { events: Array<Record<string, unknown>> };
      expect(Object.keys(body)).toEqual(['events']);
      for (const e of body.events) expect(Object.keys(e).sort()).toEqual(FIELDS);
      expect(readQueue(root).events).toHaveLength(0);
      await waitFor(() => egressLines(root).length > 0, 'the telemetry connection to be logged');
      expect(egressLines(root)).toEqual([expect.objectContaining({ purpose: 'telemetry', host: '127.0.0.1', decision: 'allowed' })]);
    } finally {
      await srv.close();
    }
  });

  test('an endpoint that is plain http to a non-loopback host is a configuration error', () => {
    const root = withConfig({ telemetry: { endpoint: 'http://telemetry.example.invalid/v1' } });
    expect(() => telemetryStatus(root, NO_ENV)).toThrow(/https/);
  });
});

describe('mso telemetry (built CLI)', () => {
  test('off in a new repo; enable, a command, show prints exactly the queued events; disable', () => {
    const repo = new TempRepo();
    try {
      const env = { MSO_TELEMETRY: '', DO_NOT_TRACK: '' };
      let r = runCli(['telemetry', 'status', '--json'], { cwd: repo.dir, env });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ consent: false, active: false, queued: 0 });

      repo.write('app.py', 'print("hello")\n');
      expect(runCli(['scan', '--all', 'app.py'], { cwd: repo.dir, env }).code).toBe(0);
      expect(runCli(['telemetry', 'show'], { cwd: repo.dir, env }).stdout).toBe('{\n  "events": []\n}\n');

      expect(runCli(['telemetry', 'enable'], { cwd: repo.dir, env }).code).toBe(0);
      expect(runCli(['scan', '--all', 'app.py'], { cwd: repo.dir, env }).code).toBe(0);
      expect(runCli(['trust'], { cwd: repo.dir, env }).code).toBe(0);
      r = runCli(['telemetry', 'show'], { cwd: repo.dir, env });
      expect(r.code).toBe(0);
      const shown = JSON.parse(r.stdout) as { events: Array<Record<string, unknown>> };
      expect(shown.events.map((e) => e.event)).toEqual(['command.scan', 'command.trust']);
      for (const e of shown.events) expect(Object.keys(e).sort()).toEqual(FIELDS);
      expect(r.stdout).not.toContain(basename(repo.dir));
      expect(r.stdout).not.toContain('app.py');

      // Machine-local: nothing of it shows up for git.
      expect(repo.git('status', '--porcelain', '--untracked-files=all')).not.toMatch(/telemetry|egress/);

      expect(runCli(['telemetry', 'disable'], { cwd: repo.dir, env }).code).toBe(0);
      expect(runCli(['telemetry', 'show'], { cwd: repo.dir, env }).stdout).toBe('{\n  "events": []\n}\n');
    } finally {
      repo.cleanup();
    }
  });
});
