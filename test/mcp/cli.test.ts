import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempRepo } from '../helpers/git-repo.js';
import { fakeHome, mso, npx, writeMcpJson, writeUserConfig } from './mcp-helpers.js';

interface ListedServer {
  name: string;
  file: string;
  scope: string;
  transport: string;
  identity: { key: string; full: string; pinned: boolean | null; version: string | null };
  classification: { level: string; origin: string; id: string } | null;
  ok: boolean;
  approved: boolean;
  problems: Array<{ code: string; message: string }>;
}

describe('mso mcp list / check', () => {
  let repo: TempRepo;
  let home: string;
  beforeEach(() => {
    repo = new TempRepo();
    home = fakeHome();
  });
  afterEach(() => repo.cleanup());

  const list = (): ListedServer[] => {
    const res = mso(repo, home, ['mcp', 'list', '--json']);
    expect(res.code).toBe(0);
    return JSON.parse(res.stdout).servers;
  };
  const byName = (servers: ListedServer[], name: string) => servers.find((s) => s.name === name)!;

  test('a mix of known, unknown, unpinned, over-policy and URL servers', () => {
    writeMcpJson(repo, {
      files: npx('@modelcontextprotocol/server-filesystem@2025.3.28', '.'),
      memory: npx('@modelcontextprotocol/server-memory@0.6.2'),
      clock: { command: 'uvx', args: ['mcp-server-time==0.6.2'] },
      gh: npx('@modelcontextprotocol/server-github'),
      shell: npx('@wonderwhy-er/desktop-commander@0.2.3'),
      mystery: npx('@acme/totally-unknown-mcp@1.0.0'),
      docs: { type: 'http', url: 'https://mcp.context7.com/mcp' },
      copilot: { type: 'http', url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: 'Bearer ${GITHUB_TOKEN}' } },
      internal: { type: 'sse', url: 'https://mcp.internal.example/sse' },
    });
    const servers = list();
    expect(servers).toHaveLength(9);
    for (const ok of ['files', 'memory', 'clock', 'docs']) expect(byName(servers, ok)).toMatchObject({ ok: true, problems: [] });
    expect(byName(servers, 'files').classification).toMatchObject({ level: 'medium', origin: 'builtin', id: 'mcp-filesystem' });
    expect(byName(servers, 'docs')).toMatchObject({ transport: 'network', classification: { id: 'context7', level: 'low' } });
    expect(byName(servers, 'gh').problems.map((p) => p.code)).toEqual(['above-policy', 'unpinned']);
    expect(byName(servers, 'shell')).toMatchObject({ classification: { level: 'critical' } });
    expect(byName(servers, 'mystery').problems.map((p) => p.code)).toEqual(['unclassified']);
    expect(byName(servers, 'copilot')).toMatchObject({ classification: { id: 'github-mcp-server', level: 'high' }, identity: { key: 'url:api.githubcopilot.com/mcp' } });
    expect(byName(servers, 'internal').problems.map((p) => p.code)).toEqual(['unclassified']);

    const check = mso(repo, home, ['mcp', 'check']);
    expect(check.code).toBe(1);
    for (const bad of ['gh', 'shell', 'mystery', 'copilot', 'internal']) expect(check.stdout).toMatch(new RegExp(`^  ${bad} \\(\\.mcp\\.json\\)`, 'm'));
    for (const good of ['files', 'memory', 'clock', 'docs']) expect(check.stdout).not.toMatch(new RegExp(`^  ${good} `, 'm'));
    expect(check.stdout).toContain('unclassified');
    expect(check.stdout).toContain('above policy: level critical > allowed medium');
    expect(check.stdout).toContain('unpinned: no version');
    // headers and env values never reach the output
    expect(check.stdout + mso(repo, home, ['mcp', 'list']).stdout).not.toContain('GITHUB_TOKEN');
  });

  test('only allowed servers: exit 0; no config at all: exit 0', () => {
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(0);
    writeMcpJson(repo, { think: npx('@modelcontextprotocol/server-sequential-thinking@2025.7.1'), git: { command: 'uvx', args: ['mcp-server-git==2025.7.1'] } });
    const res = mso(repo, home, ['mcp', 'check']);
    expect(res.stdout).toContain('2 MCP servers, all classified and within policy');
    expect(res.code).toBe(0);
  });

  test('renaming a server does not change its classification', () => {
    writeMcpJson(repo, { 'definitely-harmless-notes': npx('@wonderwhy-er/desktop-commander@0.2.3') });
    const [renamed] = list();
    expect(renamed).toMatchObject({ classification: { id: 'desktop-commander', level: 'critical' }, ok: false });
    writeMcpJson(repo, { filesystem: npx('@acme/evil-filesystem@1.0.0') });
    expect(list()[0]!.problems.map((p) => p.code)).toEqual(['unclassified']);
  });

  test('unpinned versions are findings: no version, latest, ranges, unpinned images', () => {
    writeMcpJson(repo, {
      a: npx('@modelcontextprotocol/server-memory'),
      b: npx('@modelcontextprotocol/server-memory@latest'),
      c: npx('@modelcontextprotocol/server-memory@^0.6.0'),
      d: { command: 'uvx', args: ['mcp-server-time'] },
      e: { command: 'docker', args: ['run', '-i', '--rm', 'mcp/time'] },
      f: { command: 'docker', args: ['run', '-i', '--rm', 'mcp/time:latest'] },
      g: { command: 'docker', args: ['run', '-i', '--rm', `mcp/time@sha256:${'0'.repeat(64)}`] },
    });
    const servers = list();
    for (const n of ['a', 'b', 'c', 'd', 'e', 'f']) expect(byName(servers, n).problems.map((p) => p.code)).toEqual(['unpinned']);
    expect(byName(servers, 'g').ok).toBe(true);
    // a policy may accept unpinned versions
    repo.write('.mso/mcp.json', JSON.stringify({ policy: { requirePinned: false } }));
    expect(list().every((s) => s.ok)).toBe(true);
  });

  test('classify adds an unknown server and overrides a built-in level; a classification covers every version', () => {
    writeMcpJson(repo, { notes: npx('@acme/notes-mcp@1.0.0'), fetch: { command: 'uvx', args: ['mcp-server-fetch==2025.1.17'] } });
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(1);
    let res = mso(repo, home, ['mcp', 'classify', 'notes', '--level', 'low', '--reason', 'reads our own notes API', '--capability', 'remote-service']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('classified npm:@acme/notes-mcp as low');
    res = mso(repo, home, ['mcp', 'classify', 'pypi:mcp-server-fetch', '--level', 'medium', '--reason', 'egress is proxied here']);
    expect(res.stdout).toContain('overrides the built-in mcp-fetch: high');
    const policy = JSON.parse(readFileSync(join(repo.dir, '.mso/mcp.json'), 'utf8'));
    expect(policy.classifications['npm:@acme/notes-mcp']).toMatchObject({ level: 'low', capabilities: ['remote-service'], name: 'notes' });
    const servers = list();
    expect(byName(servers, 'notes').classification).toMatchObject({ origin: 'workspace', level: 'low' });
    expect(byName(servers, 'fetch').classification).toMatchObject({ origin: 'workspace', level: 'medium' });
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(0);
    // an upgrade keeps the classification
    writeMcpJson(repo, { notes: npx('@acme/notes-mcp@2.0.0') });
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(0);
    // a workspace may also raise a built-in level
    mso(repo, home, ['mcp', 'classify', 'npm:@acme/notes-mcp', '--level', 'critical', '--reason', 'now runs shell']);
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(1);
  });

  test('policy level and approvals: an approval binds to one exact version', () => {
    writeMcpJson(repo, { gh: { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server:v0.5.0'] } });
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(1);
    const res = mso(repo, home, ['mcp', 'approve', 'gh', '--reason', 'team needs PR tools']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('approved docker:ghcr.io/github/github-mcp-server:v0.5.0');
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(0);
    expect(list()[0]).toMatchObject({ approved: true, ok: true });
    writeMcpJson(repo, { gh: { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server:v0.6.0'] } });
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(1);
    // raising the policy level instead
    repo.write('.mso/mcp.json', JSON.stringify({ policy: { maxLevel: 'high' } }));
    expect(mso(repo, home, ['mcp', 'check']).code).toBe(0);
    repo.write('.mso/mcp.json', JSON.stringify({ policy: { maxLevel: 'low' } }));
    writeMcpJson(repo, { files: npx('@modelcontextprotocol/server-filesystem@2025.3.28') });
    expect(mso(repo, home, ['mcp', 'check']).stdout).toContain('level medium > allowed low');
  });

  test('approve refuses unclassified and unpinned servers', () => {
    writeMcpJson(repo, { x: npx('@acme/x@1.0.0'), gh: npx('@modelcontextprotocol/server-github') });
    let res = mso(repo, home, ['mcp', 'approve', 'x']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unclassified');
    res = mso(repo, home, ['mcp', 'approve', 'gh']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('not pinned');
    expect(existsSync(join(repo.dir, '.mso/mcp.json'))).toBe(false);
  });

  test("the user's Claude config: this project's entry and the user-wide servers (MSO_HOME)", () => {
    writeUserConfig(home, {
      numStartups: 3,
      mcpServers: { 'user-time': { command: 'uvx', args: ['mcp-server-time==0.6.2'] } },
      projects: {
        [repo.dir]: { allowedTools: [], mcpServers: { 'local-shell': { command: 'uvx', args: ['mcp-shell-server==1.0.0'] } } },
        '/some/other/project': { mcpServers: { 'elsewhere': npx('@acme/elsewhere@1.0.0') } },
      },
    });
    writeMcpJson(repo, { files: npx('@modelcontextprotocol/server-filesystem@2025.3.28') });
    repo.write('.claude/settings.json', JSON.stringify({ permissions: { allow: [] }, mcpServers: { mem: npx('@modelcontextprotocol/server-memory@0.6.2') } }));
    const servers = list();
    expect(servers.map((s) => `${s.name}:${s.scope}`).sort()).toEqual(['files:project', 'local-shell:local', 'mem:project-settings', 'user-time:user']);
    expect(byName(servers, 'local-shell')).toMatchObject({ file: '~/.claude.json', classification: { level: 'critical' } });
    const check = mso(repo, home, ['mcp', 'check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('local-shell (~/.claude.json)');
    // --no-user: only what the project itself configures
    expect(mso(repo, home, ['mcp', 'check', '--no-user']).code).toBe(0);
    expect(JSON.parse(mso(repo, home, ['mcp', 'list', '--json', '--no-user']).stdout).servers).toHaveLength(2);
  });

  test('malformed configs: exit 2 naming the file and the reason', () => {
    repo.write('.mcp.json', '{ "mcpServers": { "a": ');
    let res = mso(repo, home, ['mcp', 'check']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/\.mcp\.json: not valid JSON/);

    writeMcpJson(repo, { a: { command: 'npx', args: '-y pkg' } });
    res = mso(repo, home, ['mcp', 'list']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(".mcp.json: malformed mcpServers");
    expect(res.stderr).toContain("server 'a' field 'args'");

    writeMcpJson(repo, { b: { args: ['x'] } });
    res = mso(repo, home, ['mcp', 'check']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("server 'b': needs a 'command' (stdio) or a 'url' (http/sse)");

    repo.write('.mcp.json', '[]');
    expect(mso(repo, home, ['mcp', 'check']).stderr).toContain('.mcp.json: expected a JSON object');

    writeMcpJson(repo, {});
    repo.write('.claude/settings.json', '{"mcpServers": {"c": {"type": "http"}}}');
    res = mso(repo, home, ['mcp', 'check']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('.claude/settings.json');

    repo.write('.claude/settings.json', '{}');
    writeUserConfig(home, { projects: { [repo.dir]: { mcpServers: { d: { url: 42 } } } } });
    res = mso(repo, home, ['mcp', 'check']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('~/.claude.json');

    writeUserConfig(home, {});
    repo.write('.mso/mcp.json', JSON.stringify({ policy: { maxLevel: 'extreme' } }));
    res = mso(repo, home, ['mcp', 'check']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('.mso/mcp.json: invalid MCP policy file');

    repo.write('.mso/mcp.json', JSON.stringify({ classifications: { 'npm:@a/b@1.0.0': { level: 'low', reason: 'x' } } }));
    res = mso(repo, home, ['mcp', 'list']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('write the key without a version');
  });

  test('classify: bad level, unknown name, unknown capability are exit 2', () => {
    writeMcpJson(repo, { notes: npx('@acme/notes-mcp@1.0.0') });
    expect(mso(repo, home, ['mcp', 'classify', 'notes', '--level', 'severe', '--reason', 'x']).code).toBe(2);
    const res = mso(repo, home, ['mcp', 'classify', 'nope', '--level', 'low', '--reason', 'x']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("no configured server is named 'nope'");
    expect(mso(repo, home, ['mcp', 'classify', 'notes', '--level', 'low', '--reason', 'x', '--capability', 'telepathy']).code).toBe(2);
    expect(mso(repo, home, ['mcp', 'classify', 'notes', '--level', 'low']).code).toBe(2);
  });
});
