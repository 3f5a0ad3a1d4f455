import { describe, expect, it, afterEach } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempRepo } from '../helpers/git-repo.js';
import { ensureWorkspace } from '../../src/workspace/layout.js';
import { ensureStateIgnored } from '../../src/workspace/state.js';
import { LOCAL_IGNORE_HEADER } from '../../src/workspace/local-ignore.js';
import { findWorkspaceRoot } from '../../src/workspace/root.js';

const repos: TempRepo[] = [];
const repo = () => {
  const r = new TempRepo();
  repos.push(r);
  return r;
};
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

describe('one writer of the local ignore lines', () => {
  it('workspace folders and trust state share one header in .git/info/exclude, each line once', () => {
    const r = repo();
    writeFileSync(join(r.dir, '.git', 'info', 'exclude'), '# user line\nbuild/'); // no trailing newline
    ensureWorkspace(r.dir);
    ensureStateIgnored(r.dir, 'egress.log');
    ensureStateIgnored(r.dir, 'telemetry/');
    ensureWorkspace(r.dir);
    const lines = readFileSync(join(r.dir, '.git', 'info', 'exclude'), 'utf8').split('\n');
    expect(lines.slice(0, 2)).toEqual(['# user line', 'build/']);
    expect(lines.filter((l) => l === LOCAL_IGNORE_HEADER)).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('#'))).toHaveLength(2);
    for (const want of ['/.mso/voyages/', '/.mso/locks/', '/.mso/egress.log', '/.mso/telemetry/', '/.mso/**/*.tmp']) {
      expect(lines.filter((l) => l === want)).toHaveLength(1);
    }
    expect(existsSync(join(r.dir, '.mso', '.gitignore'))).toBe(false);
  });

  it('git really ignores the state it lists, and not the committed configuration', () => {
    const r = repo();
    ensureWorkspace(r.dir);
    ensureStateIgnored(r.dir, 'egress.log');
    r.write('.mso/egress.log', '{}\n');
    r.write('.mso/voyages/VOY-0001.json', '{}\n');
    r.write('.mso/workspace.json', '{}\n');
    r.write('.mso/x.json.123.tmp', '');
    const status = r.git('status', '--porcelain', '--untracked-files=all');
    expect(status).toContain('.mso/workspace.json');
    expect(status).not.toContain('egress.log');
    expect(status).not.toContain('voyages');
    expect(status).not.toContain('.tmp');
  });

  it('in a linked worktree (.git is a file) the lines go to .mso/.gitignore and git honours them', () => {
    const r = repo();
    r.write('a.txt', 'a\n');
    r.commitAll('init');
    const wt = join(r.dir, '..', `${r.dir.split('/').pop()}-wt`);
    r.git('worktree', 'add', '-q', wt);
    try {
      ensureWorkspace(wt);
      ensureStateIgnored(wt, 'egress.log');
      const text = readFileSync(join(wt, '.mso', '.gitignore'), 'utf8');
      expect(text).toContain('/egress.log\n');
      expect(text).toContain('/voyages/\n');
      writeFileSync(join(wt, '.mso', 'egress.log'), '{}\n');
      const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: wt, encoding: 'utf8' });
      expect(status).toContain('.mso/.gitignore');
      expect(status).not.toContain('egress.log');
    } finally {
      r.git('worktree', 'remove', '--force', wt);
    }
  });

  it('findWorkspaceRoot walks up to the folder holding .git, else returns the folder', () => {
    const r = repo();
    r.write('a/b/c.txt', '');
    expect(findWorkspaceRoot(join(r.dir, 'a', 'b'))).toBe(r.dir);
    expect(findWorkspaceRoot('/')).toBe('/');
  });
});
