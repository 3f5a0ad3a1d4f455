import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/git-repo.js';
import { parseIdentityKey, stdioIdentity } from '../../src/mcp/identity.js';
import { loadBuiltinRegistry } from '../../src/mcp/registry.js';
import { readRuleFiles } from '../../src/config/rule-files.js';
import { builtinRulesDir } from '../../src/core/package-root.js';

describe('built-in MCP registry (rules/mcp)', () => {
  const registry = loadBuiltinRegistry();
  const levelOf = (key: string) => registry.lookup(parseIdentityKey(key)!)?.level;

  test('covers the common reference and vendor servers, by every way they are launched', () => {
    const expected: Record<string, string> = {
      'npm:@modelcontextprotocol/server-filesystem': 'medium',
      'pypi:mcp-server-git': 'medium',
      'npm:@modelcontextprotocol/server-github': 'high',
      'docker:ghcr.io/github/github-mcp-server': 'high',
      'url:api.githubcopilot.com/mcp': 'high',
      'pypi:mcp-server-fetch': 'high',
      'npm:@modelcontextprotocol/server-memory': 'low',
      'npm:@modelcontextprotocol/server-puppeteer': 'high',
      'npm:@playwright/mcp': 'high',
      'npm:@modelcontextprotocol/server-slack': 'high',
      'npm:@modelcontextprotocol/server-postgres': 'high',
      'pypi:mcp-server-sqlite': 'medium',
      'npm:@modelcontextprotocol/server-everything': 'medium',
      'npm:@modelcontextprotocol/server-sequential-thinking': 'low',
      'pypi:mcp-server-time': 'low',
      'npm:@modelcontextprotocol/server-brave-search': 'medium',
      'npm:@modelcontextprotocol/server-google-maps': 'medium',
      'npm:@modelcontextprotocol/server-gdrive': 'high',
      'pypi:mcp-server-sentry': 'medium',
      'npm:@wonderwhy-er/desktop-commander': 'critical',
      'pypi:mcp-shell-server': 'critical',
      'npm:mcp-server-commands': 'critical',
      'docker:mcp/fetch': 'high',
      'command:mcp-server-git': 'medium',
    };
    for (const [key, level] of Object.entries(expected)) expect([key, levelOf(key)]).toEqual([key, level]);
    expect(registry.lookup(stdioIdentity('docker', ['run', '-i', '--rm', 'docker.io/mcp/time:1.0'], '/p'))?.id).toBe('mcp-time');
    expect(registry.lookup(stdioIdentity('uvx', ['--from', 'MCP_Server_Git==1.0', 'mcp-server-git'], '/p'))?.id).toBe('mcp-git');
  });

  test('URL entries match by host and path prefix on segment boundaries', () => {
    expect(levelOf('url:api.githubcopilot.com/mcp/x/readonly')).toBe('high');
    expect(levelOf('url:api.githubcopilot.com/mcpx')).toBeUndefined();
    expect(levelOf('url:mcp.notion.com/sse')).toBe('high');
    expect(levelOf('url:evil-mcp.notion.com.example/sse')).toBeUndefined();
  });

  test('the scanners skip rules/mcp (it belongs to no scanner)', () => {
    const files = readRuleFiles(builtinRulesDir(), ['secrets'], ['secrets', 'python'], false);
    expect(files.some((f) => f.path.includes(`${join('rules', 'mcp')}`))).toBe(false);
  });

  test('a malformed registry file is an error naming the file and the entry', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.yaml'),
      'servers:\n  - id: good-one\n    name: Good\n    match: [{ npm: "@a/b" }]\n    level: low\n    reason: fine\n  - id: broken\n    name: Broken\n    match: [{ npm: "@a/c" }]\n    level: extreme\n    reason: nope\n',
    );
    expect(() => loadBuiltinRegistry(dir)).toThrow(/bad\.yaml: invalid registry file\n {2}entry broken field 'level'/);
    writeFileSync(join(dir, 'bad.yaml'), 'servers:\n  - id: x\n    name: X\n    match: [{ npm: a, pypi: b }]\n    level: low\n    reason: r\n');
    expect(() => loadBuiltinRegistry(dir)).toThrow(/entry x field 'match/);
    writeFileSync(join(dir, 'bad.yaml'), 'servers:\n  - id: x\n    name: X\n    match: [{ npm: a }]\n    level: low\n    reason: r\n    colour: red\n');
    expect(() => loadBuiltinRegistry(dir)).toThrow(/entry x/);
    writeFileSync(
      join(dir, 'bad.yaml'),
      'servers:\n  - id: x\n    name: X\n    match: [{ npm: a }]\n    level: low\n    reason: r\n  - id: y\n    name: Y\n    match: [{ npm: A }]\n    level: high\n    reason: r\n',
    );
    expect(() => loadBuiltinRegistry(dir)).toThrow(/entry y: npm:a is already matched by entry x/);
    writeFileSync(join(dir, 'bad.yaml'), 'servers: [\n');
    expect(() => loadBuiltinRegistry(dir)).toThrow(/bad\.yaml: not valid YAML/);
  });
});
