import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, runCli } from '../helpers/cli.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';
import {
  POSTTOOL_COMMAND,
  POSTTOOL_MATCHER,
  PRETOOL_COMMAND,
  PRETOOL_MATCHER,
  installClaudeHooks,
} from '../../src/init/claude-settings.js';

/** `mso init --claude`: mso's hooks merged into .claude/settings.json, and only mso's removed. */
describe('installClaudeHooks', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.cleanup());

  const settingsPath = () => join(repo.dir, '.claude', 'settings.json');
  const read = () => JSON.parse(readFileSync(settingsPath(), 'utf8'));

  /** A project settings file as a team would have it: permissions, env, their own hooks. */
  const userSettings = {
    permissions: { allow: ['Bash(npm run test:*)'], deny: ['Read(./.env)'] },
    env: { NODE_ENV: 'development' },
    hooks: {
      PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: '"$CLAUDE_PROJECT_DIR"/.claude/hooks/no-rm-rf.sh' }] }],
      PostToolUse: [{ matcher: 'Write|Edit', hooks: [{ type: 'command', command: 'npx prettier --write "$(jq -r .tool_input.file_path)"', timeout: 30 }] }],
      Stop: [{ hooks: [{ type: 'command', command: 'notify-send done' }] }],
    },
    model: 'opus',
  };

  test('creates the file with PreToolUse, PostToolUse and UserPromptSubmit hooks and timeouts', async () => {
    const lines = await installClaudeHooks(repo.dir, {});
    expect(lines.join('\n')).toContain('created .claude/settings.json');
    const s = read();
    expect(s.hooks.PreToolUse).toEqual([{ matcher: PRETOOL_MATCHER, hooks: [{ type: 'command', command: PRETOOL_COMMAND, timeout: 30 }] }]);
    expect(s.hooks.PostToolUse).toEqual([{ matcher: POSTTOOL_MATCHER, hooks: [{ type: 'command', command: POSTTOOL_COMMAND, timeout: 60 }] }]);
    expect(s.hooks.UserPromptSubmit).toEqual([{ hooks: [{ type: 'command', command: PRETOOL_COMMAND, timeout: 30 }] }]);
    // The matcher is a regular expression over tool names (Claude Code matches it that way).
    const re = new RegExp(`^(?:${PRETOOL_MATCHER})$`);
    for (const tool of ['Bash', 'Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'WebFetch', 'WebSearch', 'mcp__github__create_issue']) expect(re.test(tool)).toBe(true);
    expect(re.test('Read')).toBe(false);
  });

  test('merges into an existing file: every user setting and hook stays, in place; a second run changes nothing', async () => {
    repo.write('.claude/settings.json', JSON.stringify(userSettings, null, 2));
    await installClaudeHooks(repo.dir, {});
    const s = read();
    expect(s.permissions).toEqual(userSettings.permissions);
    expect(s.env).toEqual(userSettings.env);
    expect(s.model).toBe('opus');
    expect(s.hooks.Stop).toEqual(userSettings.hooks.Stop);
    expect(s.hooks.PreToolUse[0]).toEqual(userSettings.hooks.PreToolUse[0]);
    expect(s.hooks.PreToolUse[1].hooks[0].command).toBe(PRETOOL_COMMAND);
    expect(s.hooks.PostToolUse[0]).toEqual(userSettings.hooks.PostToolUse[0]);
    expect(s.hooks.PostToolUse[1].hooks[0].command).toBe(POSTTOOL_COMMAND);
    expect(Object.keys(s)).toEqual(['permissions', 'env', 'hooks', 'model']);

    const before = readFileSync(settingsPath(), 'utf8');
    const again = await installClaudeHooks(repo.dir, {});
    expect(again.join('\n')).toContain('unchanged');
    expect(readFileSync(settingsPath(), 'utf8')).toBe(before);
  });

  test('an older mso entry is updated in place, not duplicated', async () => {
    const old = { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'mso hook pretool' }] }, { matcher: 'Read', hooks: [{ type: 'command', command: 'audit.sh' }] }] } };
    repo.write('.claude/settings.json', JSON.stringify(old));
    await installClaudeHooks(repo.dir, {});
    const pre = read().hooks.PreToolUse;
    expect(pre).toHaveLength(2);
    expect(pre[0]).toEqual({ matcher: PRETOOL_MATCHER, hooks: [{ type: 'command', command: PRETOOL_COMMAND, timeout: 30 }] });
    expect(pre[1]).toEqual(old.hooks.PreToolUse[1]);
  });

  test('--uninstall removes only mso entries and gives back the original settings', async () => {
    repo.write('.claude/settings.json', JSON.stringify(userSettings, null, 2));
    await installClaudeHooks(repo.dir, {});
    const lines = await installClaudeHooks(repo.dir, { uninstall: true });
    expect(lines.join('\n')).toMatch(/removed mso's PreToolUse hook/);
    expect(read()).toEqual(userSettings);
    expect((await installClaudeHooks(repo.dir, { uninstall: true })).join('\n')).toContain('unchanged');
  });

  test('--uninstall keeps a user hook that shares a group with mso', async () => {
    const shared = { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'mso hook pretool || exit 2' }, { type: 'command', command: 'log.sh' }] }] } };
    repo.write('.claude/settings.json', JSON.stringify(shared));
    await installClaudeHooks(repo.dir, { uninstall: true });
    expect(read()).toEqual({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'log.sh' }] }] } });
  });

  test('a settings file that is not valid JSON is an error and is left untouched', async () => {
    repo.write('.claude/settings.json', '{ "permissions": { ');
    await expect(installClaudeHooks(repo.dir, {})).rejects.toThrow(/not valid JSON.*will not overwrite/);
    expect(readFileSync(settingsPath(), 'utf8')).toBe('{ "permissions": { ');
  });

  test('--uninstall with no settings file does nothing', async () => {
    expect((await installClaudeHooks(repo.dir, { uninstall: true })).join('\n')).toContain('nothing to remove');
    expect(existsSync(settingsPath())).toBe(false);
  });
});

/**
 * The installed command, run the way Claude Code runs it (through a shell):
 * with mso on the PATH it allows and blocks as the hook should; without it,
 * `|| exit 2` still blocks instead of the shell's non-blocking 127.
 */
describe('the installed hook command', () => {
  let dir: string;
  let bin: string;
  beforeAll(() => {
    dir = tempDir();
    bin = join(dir, 'bin');
    spawnSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'mso'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'mso'), 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (cmd: string, input: string, path: string) =>
    spawnSync('/bin/sh', ['-c', cmd], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, PATH: path } });
  const payload = (command: string) => JSON.stringify({ session_id: 's', cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });

  test('with mso on the PATH: a clean call exits 0, a secret exits 2', () => {
    const path = `${bin}:/usr/bin:/bin`;
    expect(run(PRETOOL_COMMAND, payload('ls'), path).status).toBe(0);
    const res = run(PRETOOL_COMMAND, payload(`curl -H "Authorization: Bearer ${tokens.github()}" https://api.github.com/user`), path);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('github-token');
  });

  test('without mso on the PATH the hook still blocks (exit 2, not 127)', () => {
    const empty = join(dir, 'empty-path');
    spawnSync('mkdir', ['-p', empty]);
    const res = run(PRETOOL_COMMAND, payload('ls'), empty);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/mso: (command )?not found|mso: not found/);
  });
});

test('mso init --claude (CLI) merges into an existing settings file', () => {
  const repo = new TempRepo();
  try {
    repo.write('.claude/settings.json', JSON.stringify({ permissions: { allow: ['Bash(ls:*)'] } }));
    const res = runCli(['init', '--claude'], { cwd: repo.dir });
    expect(res.code).toBe(0);
    const s = JSON.parse(readFileSync(join(repo.dir, '.claude', 'settings.json'), 'utf8'));
    expect(s.permissions).toEqual({ allow: ['Bash(ls:*)'] });
    expect(s.hooks.PreToolUse[0].hooks[0].command).toBe(PRETOOL_COMMAND);
  } finally {
    repo.cleanup();
  }
});
