import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { fakeHome, mso, npx, writeMcpJson } from './mcp-helpers.js';

/**
 * The MCP registry enforced through the real pre-commit hook: git commits with
 * mso's hook installed.
 */
describe('MCP enforcement in the git pre-commit hook', () => {
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

});
