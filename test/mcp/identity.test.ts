import { parseIdentityKey, serverIdentity, stdioIdentity, urlIdentity } from '../../src/mcp/identity.js';

const root = '/work/project';
const stdio = (command: string, ...args: string[]) => stdioIdentity(command, args, root);

describe('MCP server identity', () => {
  test('npx packages, scoped and unscoped, with and without versions', () => {
    expect(stdio('npx', '-y', '@modelcontextprotocol/server-github@2025.4.8')).toMatchObject({
      kind: 'npm', name: '@modelcontextprotocol/server-github', version: '2025.4.8', pinned: true,
      key: 'npm:@modelcontextprotocol/server-github', full: 'npm:@modelcontextprotocol/server-github@2025.4.8', runner: 'npx',
    });
    const unpinned = stdio('npx', '-y', '@modelcontextprotocol/server-github');
    expect(unpinned).toMatchObject({ key: 'npm:@modelcontextprotocol/server-github', pinned: false });
    expect(unpinned.version).toBeUndefined();
    expect(stdio('npx', '@playwright/mcp@latest', '--headless')).toMatchObject({ name: '@playwright/mcp', version: 'latest', pinned: false });
    expect(stdio('npx', '-y', 'mcp-remote@^0.1.0', 'https://x')).toMatchObject({ name: 'mcp-remote', pinned: false });
    expect(stdio('npx', '--yes', '--package=@scope/pkg@1.2.3', 'pkg-bin')).toMatchObject({ name: '@scope/pkg', version: '1.2.3', pinned: true });
    expect(stdio('npx', '-p', '@scope/pkg@1.2.3', 'pkg-bin')).toMatchObject({ name: '@scope/pkg', pinned: true });
    expect(stdio('npx', '-y', '@scope/pkg@${VERSION}')).toMatchObject({ pinned: false });
  });

  test('other npm launchers and Windows wrappers', () => {
    expect(stdio('bunx', '@upstash/context7-mcp@1.0.0')).toMatchObject({ key: 'npm:@upstash/context7-mcp', pinned: true });
    expect(stdio('pnpm', 'dlx', '@upstash/context7-mcp')).toMatchObject({ key: 'npm:@upstash/context7-mcp', pinned: false });
    expect(stdio('npm', 'exec', '--', 'mcp-server-commands@0.5.0')).toMatchObject({ key: 'npm:mcp-server-commands', pinned: true });
    expect(stdio('cmd', '/c', 'npx', '-y', '@modelcontextprotocol/server-memory@0.6.2')).toMatchObject({ key: 'npm:@modelcontextprotocol/server-memory', pinned: true });
    expect(stdio('C:\\Program Files\\nodejs\\npx.cmd', '-y', 'iterm-mcp')).toMatchObject({ key: 'npm:iterm-mcp' });
    expect(stdio('sh', '-c', 'npx -y @modelcontextprotocol/server-memory@0.6.2')).toMatchObject({ key: 'npm:@modelcontextprotocol/server-memory', pinned: true });
  });

  test('uvx and pipx packages, names normalised', () => {
    expect(stdio('uvx', 'mcp-server-fetch')).toMatchObject({ key: 'pypi:mcp-server-fetch', pinned: false, runner: 'uvx' });
    expect(stdio('uvx', 'mcp-server-fetch==2025.1.17')).toMatchObject({ key: 'pypi:mcp-server-fetch', version: '2025.1.17', pinned: true });
    expect(stdio('uvx', 'mcp-server-fetch@2025.1.17')).toMatchObject({ pinned: true, full: 'pypi:mcp-server-fetch@2025.1.17' });
    expect(stdio('uvx', 'Mcp_Server.Fetch>=2025')).toMatchObject({ key: 'pypi:mcp-server-fetch', pinned: false });
    expect(stdio('uvx', '--python', '3.12', '--from', 'mcp-server-git==0.6.2', 'mcp-server-git', '--repository', '.')).toMatchObject({
      key: 'pypi:mcp-server-git', version: '0.6.2', pinned: true,
    });
    expect(stdio('uv', 'tool', 'run', 'mcp-server-time')).toMatchObject({ key: 'pypi:mcp-server-time' });
    // git, URL and file specs are not registry packages: mso cannot tell which code they fetch
    const sha = 'a'.repeat(40);
    expect(stdio('uvx', '--from', 'git+ssh://git@github.com/acme/srv', 'srv')).toMatchObject({ kind: 'unresolved', unresolved: expect.stringContaining('not a plain PyPI package') });
    expect(stdio('uvx', '--from', `git+https://github.com/acme/srv@${sha}`, 'srv')).toMatchObject({ kind: 'unresolved' });
    expect(stdio('npx', '-y', 'github:acme/srv')).toMatchObject({ kind: 'unresolved', unresolved: expect.stringContaining('not a plain npm registry package') });
    expect(stdio('pipx', 'run', '--spec', 'mcp-shell-server==1.0.0', 'mcp-shell-server')).toMatchObject({ key: 'pypi:mcp-shell-server', pinned: true });
  });

  test('docker images: options skipped, Docker Hub names normalised, tags and digests', () => {
    const digest = 'sha256:' + 'a'.repeat(64);
    expect(stdio('docker', 'run', '-i', '--rm', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server')).toMatchObject({
      key: 'docker:ghcr.io/github/github-mcp-server', pinned: false,
    });
    expect(stdio('docker', 'run', '-i', '--rm', '--env=A=b', '-v', '/x:/y', 'ghcr.io/github/github-mcp-server:v0.5.0', 'stdio')).toMatchObject({
      version: 'v0.5.0', pinned: true, full: 'docker:ghcr.io/github/github-mcp-server:v0.5.0',
    });
    expect(stdio('docker', 'run', '-i', `docker.io/mcp/fetch@${digest}`)).toMatchObject({ key: 'docker:mcp/fetch', pinned: true, full: `docker:mcp/fetch@${digest}` });
    expect(stdio('podman', 'run', '-i', 'mcp/time:latest')).toMatchObject({ key: 'docker:mcp/time', pinned: false });
    expect(stdio('docker', 'run', '-i', 'localhost:5000/acme/mcp:1.0')).toMatchObject({ key: 'docker:localhost:5000/acme/mcp', version: '1.0' });
  });

  test('commands and local scripts: paths inside the project are relative, outside absolute', () => {
    expect(stdio('mcp-server-git', '--repository', '.')).toMatchObject({ key: 'command:mcp-server-git' });
    expect(stdio('node', './servers/notes.js', '--flag')).toMatchObject({ key: 'command:node servers/notes.js' });
    expect(stdio('node', '/work/project/servers/notes.js')).toMatchObject({ key: 'command:node servers/notes.js' });
    expect(stdio('python3', '-m', 'mcp_server_time')).toMatchObject({ key: 'command:python3 -m mcp_server_time' });
    expect(stdio('/opt/bin/mcp-server-git')).toMatchObject({ key: 'command:/opt/bin/mcp-server-git' });
    expect(stdio('node', 'server.js').pinned).toBeUndefined();
  });

  test('URLs: host and path only; never the query string or credentials', () => {
    const id = urlIdentity('https://user:pw@API.GitHubCopilot.com/mcp/?token=abc#x');
    expect(id.key).toBe('url:api.githubcopilot.com/mcp');
    expect(JSON.stringify(id)).not.toMatch(/token|abc|pw/);
    expect(urlIdentity('http://127.0.0.1:8080/sse').key).toBe('url:127.0.0.1:8080/sse');
    expect(serverIdentity({ url: 'https://mcp.notion.com/mcp', args: [], env: {}, headers: {} }, root).key).toBe('url:mcp.notion.com/mcp');
  });

  test('the configured name plays no part', () => {
    const a = serverIdentity({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory@0.6.2'], env: {}, headers: {} }, root);
    const b = serverIdentity({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory@0.6.2'], env: { X: '1' }, headers: {} }, root);
    expect(a).toEqual(b);
  });

  test('identity keys typed by the user', () => {
    expect(parseIdentityKey('npm:@Scope/Pkg')).toMatchObject({ key: 'npm:@scope/pkg' });
    expect(parseIdentityKey('npm:@scope/pkg@1.0.0')).toMatchObject({ full: 'npm:@scope/pkg@1.0.0' });
    expect(parseIdentityKey('pypi:mcp_server_fetch@2025.1.1')).toMatchObject({ full: 'pypi:mcp-server-fetch@2025.1.1' });
    expect(parseIdentityKey('url:mcp.example.com/mcp/')).toMatchObject({ key: 'url:mcp.example.com/mcp' });
    expect(parseIdentityKey('docker:ghcr.io/github/github-mcp-server:v1')).toMatchObject({ key: 'docker:ghcr.io/github/github-mcp-server', version: 'v1' });
    expect(parseIdentityKey('server-github')).toBeUndefined();
  });

  test('identity keys round-trip (what classify and approve write is what lookups read)', () => {
    const ids = [
      stdio('npx', '-y', '@scope/pkg@1.2.3'),
      stdio('npx', '-y', 'pkg'),
      stdio('uvx', 'mcp-server-fetch==2025.1.17'),
      stdio('uvx', '--from', 'mcp-server-git==0.6.2', 'mcp-server-git'),
      stdio('docker', 'run', '-i', 'ghcr.io/github/github-mcp-server:v0.5.0'),
      stdio('docker', 'run', '-i', `mcp/time@sha256:${'c'.repeat(64)}`),
      stdio('node', 'servers/x.js'),
      urlIdentity('https://mcp.example.com:8443/mcp'),
    ];
    for (const id of ids) {
      expect([id.key, parseIdentityKey(id.key)?.key]).toEqual([id.key, id.key]);
      expect([id.full, parseIdentityKey(id.full)?.full]).toEqual([id.full, id.full]);
    }
  });
});
