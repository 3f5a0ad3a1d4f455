import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { fakeHome, mso, npx, writeMcpJson } from './mcp-helpers.js';

/**
 * The MCP registry enforced through the real pre-commit hook: git commits with
 * mso's hook installed.
 */
describe('MCP enforcement in the git pre-commit hook and the pretool hook', () => {
  let repo: TempRepo;
  let home: string;
  beforeEach(() => {
    repo = new TempRepo();
    home = fakeHome();
  });
  afterEach(() => repo.cleanup());

  /** Installs a pre-commit hook that runs the built CLI (what `mso init` does, minus the PATH lookup). */
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

  test('pre-commit: a commit adding an unclassified server is refused; after mso mcp classify it passes', () => {
    writeMcpJson(repo, { files: npx('@modelcontextprotocol/server-filesystem@2025.3.28', '.') });
    repo.commitAll('init');
    installHook();
    writeMcpJson(repo, { files: npx('@modelcontextprotocol/server-filesystem@2025.3.28', '.'), notes: npx('@acme/notes-mcp@1.0.0') });
    repo.git('add', '.mcp.json');
    const refused = commit('add notes server');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("server 'notes'");
    expect(refused.stderr).toContain('unclassified');
    expect(repo.git('log', '--oneline').trim().split('\n')).toHaveLength(1);

    expect(mso(repo, home, ['mcp', 'classify', 'notes', '--level', 'low', '--reason', 'our notes API']).code).toBe(0);
    const passed = commit('add notes server');
    expect(passed).toEqual({ code: 0, stderr: '' });
    expect(repo.git('log', '--oneline').trim().split('\n')).toHaveLength(2);
  }, 150_000);

  test('pre-commit: an over-policy or unpinned server is refused too; commits not touching MCP configs are unaffected', () => {
    repo.write('README.md', 'hi\n');
    repo.commitAll('init');
    installHook();
    writeMcpJson(repo, { gh: npx('@modelcontextprotocol/server-github') }); // in the working tree, not staged
    repo.write('README.md', 'hi again\n');
    repo.git('add', 'README.md');
    expect(commit('readme only').code).toBe(0);
    repo.git('add', '.mcp.json');
    const res = commit('add github');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('above policy');
    expect(res.stderr).toContain('unpinned');
  }, 150_000);

  const pretool = (toolName: string) =>
    mso(repo, home, ['hook', 'pretool'], JSON.stringify({
      session_id: 's', transcript_path: '/dev/null', cwd: repo.dir, hook_event_name: 'PreToolUse', tool_name: toolName, tool_input: { query: 'x' },
    }));

  test('pretool: a call to an unclassified or over-policy mcp__ server exits 2; a classified one passes', () => {
    writeMcpJson(repo, {
      notes: npx('@acme/notes-mcp@1.0.0'),
      memory: npx('@modelcontextprotocol/server-memory@0.6.2'),
      helper: npx('@wonderwhy-er/desktop-commander@0.2.3'),
    });
    let res = pretool('mcp__notes__search');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unclassified');
    res = pretool('mcp__helper__execute_command');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('above policy');
    expect(pretool('mcp__nowhere__x').code).toBe(2);
    expect(pretool('mcp__memory__read_graph').code).toBe(0);
    mso(repo, home, ['mcp', 'classify', 'notes', '--level', 'low', '--reason', 'ours']);
    expect(pretool('mcp__notes__search').code).toBe(0);
  }, 150_000);
});
