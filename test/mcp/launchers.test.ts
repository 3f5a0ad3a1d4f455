import { evaluateServer, makeClassifier } from '../../src/mcp/evaluate.js';
import { envChangesWhatRuns } from '../../src/mcp/launch-env.js';
import { stdioIdentity } from '../../src/mcp/identity.js';
import { raisedLevel } from '../../src/mcp/levels.js';
import { mcpPolicySchema } from '../../src/mcp/workspace-policy.js';
import { KNOWN, RAISED, REFUSED, type Variant } from './launch-variants.js';

/**
 * The launcher parser as a table: every variant through the same evaluation
 * the CLI and the hooks use (identity, registry, policy), without a process.
 * The CLI table (identity-cli.test.ts) runs the same rows through `mso`.
 */
const root = '/work/project';
const classifier = makeClassifier(mcpPolicySchema.parse({}));
const evaluate = (v: Variant) =>
  evaluateServer({ name: v.name, file: '.mcp.json', scope: 'project', config: { command: v.command, args: v.args, env: v.env ?? {}, headers: {} } }, root, classifier);

describe('launchers mso cannot read exactly are unclassified, with the reason', () => {
  test.each(REFUSED.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const status = evaluate(v);
    expect(status.classification).toBeUndefined();
    expect(status.problems.map((p) => p.code)).toContain('unclassified');
    const message = status.problems.find((p) => p.code === 'unclassified')!.message;
    expect(message).toMatch(v.why);
  });
});

describe('cleanly launched registry servers keep their identity and classification', () => {
  test.each(KNOWN.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const status = evaluate(v);
    expect(status.identity).toMatchObject({ key: v.key, full: v.full, pinned: true });
    expect(status.identity.unresolved).toBeUndefined();
    expect(status.classification).toBeDefined();
    expect(status.level).toBe(status.classification!.level);
    expect(status.problems.filter((p) => p.code === 'unclassified')).toEqual([]);
  });
});

describe('host mounts, host namespaces and privileges raise the level', () => {
  test.each(RAISED.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const status = evaluate(v);
    expect(status.identity.key).toBe(v.key);
    expect(status.classification).toMatchObject({ id: 'mcp-time', level: 'low' });
    expect(status.level).toBe(v.level);
    if (v.level !== 'medium') {
      expect(status.problems.map((p) => p.message).join('\n')).toMatch(new RegExp(`level ${v.level} \\(low, raised by `));
    }
  });

  test('the rule: one step per category, critical for options that hand over the host', () => {
    expect(raisedLevel('low', [])).toBe('low');
    expect(raisedLevel('low', [{ category: 'host-mount', detail: 'a' }, { category: 'host-mount', detail: 'b' }])).toBe('medium');
    expect(raisedLevel('medium', [{ category: 'host-mount', detail: 'a' }, { category: 'privilege', detail: 'b' }])).toBe('critical');
    expect(raisedLevel('high', [{ category: 'host-namespace', detail: 'a' }, { category: 'privilege', detail: 'b' }])).toBe('critical');
    expect(raisedLevel('low', [{ category: 'privilege', detail: '--privileged', critical: true }])).toBe('critical');
  });
});

describe('identity details', () => {
  test('a lookalike registry host or name is another image, not the known one', () => {
    expect(stdioIdentity('docker', ['run', '-i', 'ghcr.io.evil.example/github/github-mcp-server:v1'], root).key).toBe('docker:ghcr.io.evil.example/github/github-mcp-server');
    expect(stdioIdentity('docker', ['run', '-i', 'ghcr.io/github/github-mcp-server@sha256:' + 'a'.repeat(64)], root)).toMatchObject({ key: 'docker:ghcr.io/github/github-mcp-server', pinned: true });
    expect(stdioIdentity('docker', ['run', '-i', 'evil.example/mcp/time:1.0'], root).key).toBe('docker:evil.example/mcp/time');
    expect(stdioIdentity('docker', ['run', '-i', 'GHCR.IO/github/github-mcp-server:v1'], root).kind).toBe('unresolved');
  });

  test('a launcher outside the system folders is the file it is, not the launcher its name suggests', () => {
    expect(stdioIdentity('./tools/npx', ['-y', '@modelcontextprotocol/server-memory@0.6.2'], root).key).toBe('command:tools/npx');
    expect(stdioIdentity('node_modules/.bin/npx', ['-y', 'x'], root).key).toBe('command:node_modules/.bin/npx');
    expect(stdioIdentity('./node_modules/.bin/mcp-server-memory', [], root).key).toBe('command:node_modules/.bin/mcp-server-memory');
    expect(stdioIdentity('/tmp/evil/docker', ['run', 'mcp/time:1'], root).key).toBe('command:/tmp/evil/docker');
  });

  test('local scripts keep their identity; harmless interpreter options are accepted', () => {
    expect(stdioIdentity('node', ['--no-warnings', './servers/notes.js', '--port', '1'], root).key).toBe('command:node servers/notes.js');
    expect(stdioIdentity('python3', ['-u', '-m', 'mcp_server_time', '--local-timezone', 'UTC', '-c', 'x'], root).key).toBe('command:python3 -m mcp_server_time');
    expect(stdioIdentity('bash', ['scripts/run-mcp.sh'], root).key).toBe('command:bash scripts/run-mcp.sh');
    expect(stdioIdentity('deno', ['run', '--allow-net=api.example.com', 'servers/x.ts'], root).key).toBe('command:deno servers/x.ts');
  });

  test('unpinned and env-versioned packages keep their identity (reported as unpinned, not unresolved)', () => {
    expect(stdioIdentity('npx', ['-y', '@scope/pkg@${VERSION}'], root)).toMatchObject({ key: 'npm:@scope/pkg', pinned: false });
    expect(stdioIdentity('npx', ['-y', 'pkg@latest'], root)).toMatchObject({ key: 'npm:pkg', pinned: false });
    expect(stdioIdentity('npx', ['-y', 'pkg@>=1 <2'], root)).toMatchObject({ key: 'npm:pkg', pinned: false });
    expect(stdioIdentity('uvx', ['pkg>=1,<2'], root)).toMatchObject({ key: 'pypi:pkg', pinned: false });
  });

  test('env: the runtimes\' namespaces are allow-listed, everything else is the server\'s own configuration', () => {
    for (const bad of ['NODE_OPTIONS', 'npm_config_registry', 'NPM_CONFIG_CAFILE', 'PYTHONPATH', 'PYTHONSTARTUP', 'LD_PRELOAD', 'DYLD_LIBRARY_PATH', 'UV_INDEX_URL', 'UV_DEFAULT_INDEX', 'PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_FIND_LINKS', 'PATH', 'Path', 'BASH_ENV', 'JAVA_TOOL_OPTIONS', 'PERL5OPT', 'RUBYOPT', 'NODE_SOMETHING_NEW', 'GIT_CONFIG_GLOBAL', 'SSL_CERT_FILE', 'GLIBC_TUNABLES']) {
      expect([bad, envChangesWhatRuns(bad)]).toEqual([bad, expect.any(String)]);
    }
    for (const ok of ['NPM_TOKEN', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'BRAVE_API_KEY', 'DEBUG', 'LOG_LEVEL', 'NODE_ENV', 'PYTHONUNBUFFERED', 'MEMORY_FILE_PATH', 'SLACK_TEAM_ID', 'TZ', 'ALLOWED_DIRECTORIES']) {
      expect([ok, envChangesWhatRuns(ok)]).toEqual([ok, undefined]);
    }
  });
});

describe("the project's launcher configuration files", () => {
  const MEM = ['-y', '@modelcontextprotocol/server-memory@0.6.2'];
  const files = (f: Record<string, string>) => (p: string) => f[p];
  const id = (command: string, args: string[], f: Record<string, string>) => stdioIdentity(command, args, root, {}, files(f));

  test('.npmrc: only harmless settings and registry credentials are accepted', () => {
    expect(id('npx', MEM, { '.npmrc': 'registry=https://registry.evil.example/\n' })).toMatchObject({ kind: 'unresolved', unresolved: expect.stringContaining("sets 'registry'") });
    expect(id('npx', MEM, { '.npmrc': '@modelcontextprotocol:registry=https://evil.example\n' }).unresolved).toContain("'@modelcontextprotocol:registry'");
    expect(id('npx', MEM, { '.npmrc': 'node-options=--require /tmp/evil.js' }).unresolved).toContain("'node-options'");
    expect(id('npx', MEM, { '.npmrc': 'strict-ssl=false' }).unresolved).toContain("'strict-ssl'");
    expect(id('pnpm', ['dlx', MEM[1]!], { '.npmrc': 'registry=https://evil.example' }).kind).toBe('unresolved');
    expect(id('sh', ['-c', `npx ${MEM.join(' ')}`], { '.npmrc': 'registry=https://evil.example' }).kind).toBe('unresolved');
    const clean = '; team settings\nloglevel=warn\nfund=false\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n';
    expect(id('npx', MEM, { '.npmrc': clean })).toMatchObject({ key: 'npm:@modelcontextprotocol/server-memory', pinned: true });
    // uvx does not read .npmrc
    expect(id('uvx', ['mcp-server-time==0.6.2'], { '.npmrc': 'registry=https://evil.example' }).kind).toBe('pypi');
  });

  test('uv.toml and [tool.uv] refuse uvx unless it is told to ignore them; bunfig.toml refuses bunx; .yarnrc.yml registries refuse yarn dlx', () => {
    expect(id('uvx', ['mcp-server-time==0.6.2'], { 'uv.toml': 'index-url = "https://evil.example/simple"\n' }).unresolved).toContain('uv.toml');
    expect(id('uvx', ['mcp-server-time==0.6.2'], { 'pyproject.toml': '[project]\nname="x"\n\n[[tool.uv.index]]\nurl="https://evil.example"\n' }).unresolved).toContain('[tool.uv]');
    expect(id('uvx', ['--no-config', 'mcp-server-time==0.6.2'], { 'uv.toml': 'index-url = "https://evil.example/simple"\n' }).kind).toBe('pypi');
    expect(id('uvx', ['mcp-server-time==0.6.2', '--no-config'], { 'uv.toml': 'x' }).kind).toBe('unresolved');
    expect(id('uvx', ['mcp-server-time==0.6.2'], { 'pyproject.toml': '[project]\nname="x"\n' }).kind).toBe('pypi');
    expect(id('bunx', [MEM[1]!], { 'bunfig.toml': 'preload = ["./evil.ts"]\n' }).unresolved).toContain('bunfig.toml');
    expect(id('yarn', ['dlx', MEM[1]!], { '.yarnrc.yml': 'npmRegistryServer: "https://evil.example"\n' }).unresolved).toContain('npmRegistryServer');
  });

  test("a command line in 'command' and a 'cwd' are refused", () => {
    expect(stdioIdentity('npx -y @modelcontextprotocol/server-memory@0.6.2', [], root).kind).toBe('unresolved');
    expect(stdioIdentity('npx;curl', [], root).kind).toBe('unresolved');
    const status = evaluateServer({ name: 'x', file: '.mcp.json', scope: 'project', config: { command: 'npx', args: MEM, env: {}, headers: {}, cwd: '/tmp/elsewhere' } }, root, classifier);
    expect(status.problems[0]!.message).toContain("it sets 'cwd'");
  });
});

describe('a local copy in node_modules runs instead of the registry package', () => {
  test('npx and bunx with the package or its bin installed in the project are unresolved; pnpm dlx and uvx are not affected', () => {
    const MEM = '@modelcontextprotocol/server-memory@0.6.2';
    const files = (f: Record<string, string>) => (p: string) => f[p];
    const local = { 'node_modules/@modelcontextprotocol/server-memory/package.json': '{"version":"0.6.2"}' };
    expect(stdioIdentity('npx', ['-y', MEM], root, {}, files(local)).unresolved).toContain('node_modules/@modelcontextprotocol/server-memory/package.json exists');
    expect(stdioIdentity('bunx', [MEM], root, {}, files(local)).kind).toBe('unresolved');
    expect(stdioIdentity('npx', ['-y', '-p', MEM, 'mcp-server-memory'], root, {}, files({ 'node_modules/.bin/mcp-server-memory': '#!/bin/sh' })).unresolved).toContain('node_modules/.bin/mcp-server-memory');
    expect(stdioIdentity('pnpm', ['dlx', MEM], root, {}, files(local)).kind).toBe('npm');
    expect(stdioIdentity('npx', ['-y', MEM], root, {}, files({})).kind).toBe('npm');
  });
});

test('reasons never print credentials from a URL spec', () => {
  const cred = ['us', 'er:s3cr', 'etv4lue'].join('');
  const a = stdioIdentity('npx', ['-y', `https://${cred}@evil.example/x.tgz`], root);
  const b = stdioIdentity('uvx', ['--from', `git+https://${cred}@github.com/acme/srv`, 'srv'], root);
  const c = stdioIdentity('npx', ['-p', 'a@1.0.0', '-p', `git+https://${cred}@github.com/x/y.git`, 'y'], root);
  for (const id of [a, b, c]) {
    expect(id.kind).toBe('unresolved');
    expect(JSON.stringify(id)).not.toContain('s3cretv4lue');
  }
});
