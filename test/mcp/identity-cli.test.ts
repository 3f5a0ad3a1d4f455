import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { fakeHome, mso, writeMcpJson } from './mcp-helpers.js';
import { KNOWN, RAISED, REFUSED, type Variant } from './launch-variants.js';

/**
 * The launcher variants through the built CLI: `mso mcp list/check`, the git
 * pre-commit hook and `mso hook pretool`. Every refused variant must end
 * unclassified with its reason (exit 1); cleanly launched registry servers
 * keep passing; risky container options raise the level.
 */
interface Listed {
  name: string;
  identity: { kind: string; key: string; full: string; unresolved: string | null };
  classification: { id: string; level: string } | null;
  level: string | null;
  raisedBy: Array<{ category: string; detail: string; critical: boolean }>;
  ok: boolean;
  problems: Array<{ code: string; message: string }>;
}

const entry = (v: Variant) => ({ command: v.command, args: v.args, ...(v.env ? { env: v.env } : {}) });
const entries = (vs: Variant[]) => Object.fromEntries(vs.map((v) => [v.name, entry(v)]));

describe('MCP identity through the CLI', () => {
  let repo: TempRepo;
  let home: string;
  beforeEach(() => {
    repo = new TempRepo();
    home = fakeHome();
  });
  afterEach(() => repo.cleanup());

  const list = (): Listed[] => {
    const res = mso(repo, home, ['mcp', 'list', '--json']);
    expect(res.code).toBe(0);
    return JSON.parse(res.stdout).servers;
  };

  test('every refused variant is unclassified with its reason; every known one keeps its classification', () => {
    writeMcpJson(repo, { ...entries(REFUSED), ...entries(KNOWN) });
    const servers = new Map(list().map((s) => [s.name, s]));
    expect(servers.size).toBe(REFUSED.length + KNOWN.length);
    for (const v of REFUSED) {
      const s = servers.get(v.name)!;
      const unclassified = s.problems.find((p) => p.code === 'unclassified');
      expect([v.name, s.classification, unclassified?.message.match(v.why) ? 'reason ok' : unclassified?.message]).toEqual([v.name, null, 'reason ok']);
    }
    for (const v of KNOWN) {
      const s = servers.get(v.name)!;
      expect([v.name, s.identity.key, s.identity.full, s.ok]).toEqual([v.name, v.key, v.full, true]);
    }
    // env values never reach the output, even for refused servers
    const text = mso(repo, home, ['mcp', 'check']).stdout;
    expect(text).not.toContain('/tmp/evil.js');
    expect(text).not.toContain('evil-home');
  }, 60_000);

  test('mso mcp check: exit 0 for clean launches, exit 1 with the reason for each attack from the issue', () => {
    writeMcpJson(repo, entries(KNOWN));
    const clean = mso(repo, home, ['mcp', 'check']);
    expect(clean.stdout).toContain(`${KNOWN.length} MCP servers, all classified and within policy`);
    expect(clean.code).toBe(0);

    const attacks = [
      'npx-two-packages', 'env-node-options', 'npx-call', 'npx-registry', 'sh-or-curl', 'docker-entrypoint', 'docker-unknown-option',
      'uvx-with', 'uvx-index-url', 'npx-package-foreign-bin', 'cmd-and', 'powershell-semicolon', 'env-npm-config-registry',
      'env-pythonpath', 'env-ld-preload', 'env-uv-index-url', 'env-pip-index-url', 'pipx-spec-foreign', 'npx-alias-spec', 'env-wrapper-node-options',
    ];
    for (const name of attacks) {
      const v = REFUSED.find((r) => r.name === name)!;
      writeMcpJson(repo, { ...entries(KNOWN.slice(0, 2)), [name]: entry(v) });
      const res = mso(repo, home, ['mcp', 'check']);
      expect([name, res.code]).toEqual([name, 1]);
      expect([name, v.why.test(res.stdout)]).toEqual([name, true]);
      expect(res.stdout).toMatch(new RegExp(`^  ${name} \\(\\.mcp\\.json\\) unresolved:`, 'm'));
      expect(res.stdout).toContain('unclassified: mso cannot tell what this server runs');
    }
  }, 120_000);

  test('a workspace classification cannot cover an unreadable launch; classify and approve refuse it', () => {
    const v = REFUSED.find((r) => r.name === 'npx-two-packages')!;
    writeMcpJson(repo, { sneaky: entry(v) });
    repo.write('.mso/mcp.json', JSON.stringify({ classifications: { 'npm:@modelcontextprotocol/server-memory': { level: 'low', reason: 'x' }, 'command:npx': { level: 'low', reason: 'x' } } }));
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(1);
    for (const cmd of [['classify', 'sneaky', '--level', 'low', '--reason', 'x'], ['approve', 'sneaky']]) {
      const res = mso(repo, home, ['mcp', ...cmd]);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain("mso cannot tell what 'sneaky' runs (installs 2 packages");
    }
  }, 60_000);

  test('host mounts, host namespaces and privileges raise the level shown and checked', () => {
    writeMcpJson(repo, entries(RAISED));
    const servers = new Map(list().map((s) => [s.name, s]));
    for (const v of RAISED) {
      const s = servers.get(v.name)!;
      expect([v.name, s.identity.key, s.classification?.level, s.level]).toEqual([v.name, v.key, 'low', v.level]);
      expect(s.raisedBy.length).toBeGreaterThan(0);
      expect([v.name, s.ok]).toEqual([v.name, v.level === 'medium']);
    }
    const res = mso(repo, home, ['mcp', 'check']);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('above policy: level critical (low, raised by --privileged)');
    expect(res.stdout).toContain('above policy: level critical (low, raised by host mount -v /)');
    expect(mso(repo, home, ['mcp', 'list']).stdout).toMatch(/docker-privileged\s+\.mcp\.json\s+critical\^/);
  }, 60_000);

  test('an approval covers the level it was given at: adding a host mount or --privileged later needs a new one', () => {
    const img = 'ghcr.io/github/github-mcp-server:v0.5.0';
    writeMcpJson(repo, { gh: { command: 'docker', args: ['run', '-i', '--rm', '-v', '/srv/repos:/repos', img] } });
    expect(mso(repo, home, ['mcp', 'check']).stdout).toContain('level critical (high, raised by host mount -v /srv/repos)');
    const approved = mso(repo, home, ['mcp', 'approve', 'gh', '--reason', 'PR tooling on our repos']);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain('(critical, raised from high by host mount -v /srv/repos)');
    expect(JSON.parse(readFileSync(join(repo.dir, '.mso/mcp.json'), 'utf8')).approvals[`docker:${img}`]).toMatchObject({ level: 'critical' });
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(0);

    // approved without raises (level high), then a mount is added: refused again
    repo.write('.mso/mcp.json', JSON.stringify({ approvals: { [`docker:${img}`]: { level: 'high' } } }));
    writeMcpJson(repo, { gh: { command: 'docker', args: ['run', '-i', '--rm', img] } });
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(0);
    writeMcpJson(repo, { gh: { command: 'docker', args: ['run', '-i', '--rm', '--network=host', img] } });
    const res = mso(repo, home, ['mcp', 'check']);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('level critical (high, raised by --network host)');
    // an old approval without a recorded level covers the classified level only
    repo.write('.mso/mcp.json', JSON.stringify({ approvals: { [`docker:${img}`]: {} } }));
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(1);
  }, 60_000);

  describe('the hooks share the same identity code', () => {
    const installHook = () => {
      const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
      writeFileSync(hook, `#!/bin/sh\nMSO_HOME='${home}' exec '${process.execPath}' '${CLI}' hook pre-commit\n`);
      chmodSync(hook, 0o755);
    };
    const commit = (message: string) => {
      try {
        repo.git('commit', '-q', '-m', message);
        return { code: 0, stderr: '' };
      } catch (err) {
        const e = err as { status: number; stderr: string };
        return { code: e.status, stderr: String(e.stderr) };
      }
    };
    const pretool = (toolName: string) =>
      mso(repo, home, ['hook', 'pretool'], JSON.stringify({
        session_id: 's', transcript_path: '/dev/null', cwd: repo.dir, hook_event_name: 'PreToolUse', tool_name: toolName, tool_input: { query: 'x' },
      }));

    test('pre-commit refuses a commit whose .mcp.json launches a known server in a way mso cannot read', () => {
      const known = KNOWN.find((k) => k.name === 'npx-memory')!;
      writeMcpJson(repo, { memory: entry(known) });
      repo.commitAll('init');
      installHook();
      for (const name of ['npx-two-packages', 'env-node-options', 'sh-or-curl', 'docker-entrypoint']) {
        writeMcpJson(repo, { memory: entry(REFUSED.find((r) => r.name === name)!) });
        repo.git('add', '.mcp.json');
        const res = commit(`change memory launch: ${name}`);
        expect([name, res.code === 0]).toEqual([name, false]);
        expect(res.stderr).toContain("server 'memory'");
        expect(res.stderr).toContain('mso cannot tell what this server runs');
      }
      writeMcpJson(repo, { memory: entry(known), time: entry(KNOWN.find((k) => k.name === 'docker-time')!) });
      repo.git('add', '.mcp.json');
      expect(commit('clean launches')).toEqual({ code: 0, stderr: '' });
      expect(repo.git('log', '--oneline').trim().split('\n')).toHaveLength(2);
    }, 150_000);

    test('pretool refuses mcp__ calls to a server whose launch mso cannot read, or whose raised level is above policy', () => {
      writeMcpJson(repo, {
        memory: entry(KNOWN.find((k) => k.name === 'npx-memory')!),
        twopkg: entry(REFUSED.find((r) => r.name === 'npx-two-packages')!),
        nodeopts: entry(REFUSED.find((r) => r.name === 'env-node-options')!),
        root: entry(RAISED.find((r) => r.name === 'docker-root-mount')!),
      });
      expect(pretool('mcp__memory__read_graph').code).toBe(0);
      let res = pretool('mcp__twopkg__read_graph');
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('installs 2 packages');
      res = pretool('mcp__nodeopts__read_graph');
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('NODE_OPTIONS');
      res = pretool('mcp__root__get_current_time');
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('level critical (low, raised by host mount -v /)');
    }, 150_000);
  });
});

describe("MCP identity and the project's launcher configuration, through the CLI and the pre-commit hook", () => {
  let repo: TempRepo;
  let home: string;
  beforeEach(() => {
    repo = new TempRepo();
    home = fakeHome();
  });
  afterEach(() => repo.cleanup());

  test('a committed .npmrc naming another registry makes npx servers unclassified, in check and in pre-commit', () => {
    writeMcpJson(repo, { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory@0.6.2'] } });
    repo.write('.npmrc', 'loglevel=warn\n');
    repo.commitAll('init');
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(0);
    const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, `#!/bin/sh\nMSO_HOME='${home}' exec '${process.execPath}' '${CLI}' hook pre-commit\n`);
    chmodSync(hook, 0o755);

    repo.write('.npmrc', 'loglevel=warn\nregistry=https://registry.evil.example/\n');
    const check = mso(repo, home, ['mcp', 'check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("the project's .npmrc sets 'registry'");
    // the commit only touches .npmrc: the staged MCP configs are checked against the staged .npmrc
    repo.git('add', '.npmrc');
    let refused = false;
    try {
      repo.git('commit', '-q', '-m', 'npmrc');
    } catch (err) {
      refused = true;
      expect(String((err as { stderr: string }).stderr)).toContain("sets 'registry'");
    }
    expect(refused).toBe(true);
    // a harmless .npmrc change commits
    repo.write('.npmrc', 'loglevel=error\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n');
    repo.git('add', '.npmrc');
    repo.git('commit', '-q', '-m', 'npmrc ok');
    expect(repo.git('log', '--oneline').trim().split('\n')).toHaveLength(2);
  }, 150_000);

  test('a copy of the package in node_modules (which anyone can write) makes the npx server unclassified', () => {
    writeMcpJson(repo, { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory@0.6.2'] } });
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(0);
    repo.write('node_modules/@modelcontextprotocol/server-memory/package.json', '{"name":"@modelcontextprotocol/server-memory","version":"0.6.2","bin":{"mcp-server-memory":"evil.js"}}');
    const res = mso(repo, home, ['mcp', 'check']);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('runs that local copy instead of the registry package');
  }, 60_000);
});
