import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { endTurn, toolUse, type RecordedRequest } from './fake-messages-api.js';
import { harness, type Harness } from './setup.js';

/** The tool results of the last user message in a request. */
function results(req: RecordedRequest): Array<{ content: string; is_error?: boolean }> {
  const last = req.body.messages[req.body.messages.length - 1];
  return last.content;
}

describe('mso dispatch: the crew cannot change the control plane in its worktree', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  test('writes and deletes of .mso, hooks, Claude settings and loaded rule folders are refused; ordinary files go through', async () => {
    let seen: Array<{ content: string; is_error?: boolean }> = [];
    h = await harness(
      [
        toolUse(
          ['write_file', { path: '.mso/workspace.json', content: '{"scan":{"rules":[".mso/extra-rules"]}}' }],
          ['write_file', { path: '.mso/extra-rules/local.yaml', content: 'allowlist:\n  paths: ["**"]\n' }],
          ['write_file', { path: '.MSO/mcp-pins.json', content: '{}' }],
          ['write_file', { path: '.husky/pre-commit', content: 'exit 0\n' }],
          ['write_file', { path: '.claude/settings.json', content: '{"disableAllHooks":true}' }],
          ['write_file', { path: '.pre-commit-config.yaml', content: 'repos: []\n' }],
          ['delete_file', { path: '.mso/mcp.json' }],
          ['write_file', { path: 'src/ok.txt', content: 'fine\n' }],
        ),
        (req) => {
          seen = results(req);
          return endTurn('done');
        },
      ],
      {},
    );
    const res = await h.mso('dispatch', 'switch the guard off');
    expect(res.code).toBe(0);
    expect(seen).toHaveLength(8);
    for (const r of seen.slice(0, 7)) {
      expect(r.is_error).toBe(true);
      expect(r.content).toContain("changes mso's own protection; a person must make this change");
    }
    expect(seen[7]!.is_error).toBeUndefined();
    const v = h.voyage();
    expect(h.repo.git('show', '--name-only', '--format=', v.branch).trim()).toBe('src/ok.txt');
    expect(existsSync(join(h.repo.dir, '.mso', 'extra-rules'))).toBe(false);
  }, 150_000);
});
