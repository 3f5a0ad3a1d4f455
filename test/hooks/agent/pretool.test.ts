import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../../helpers/cli.js';
import { TempRepo } from '../../helpers/git-repo.js';
import { runCliOnPty } from '../../helpers/pty.js';
import { alnum, tokens } from '../../helpers/tokens.js';
import { pretool, preToolUse, userPromptSubmit } from './payloads.js';

/**
 * `mso hook pretool` as Claude Code runs it: the built CLI as a child process,
 * the PreToolUse / UserPromptSubmit JSON on stdin. Exit 2 blocks (the only
 * code that blocks in Claude Code); exit 0 allows silently.
 */
describe('mso hook pretool', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.cleanup());

  /** A blocked call: exit 2, the rule named, the secret itself nowhere in the output. */
  function expectBlocked(res: { code: number; stdout: string; stderr: string }, rule: string, secret: string) {
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(rule);
    expect(res.stderr).toMatch(/…\(\d+ chars\)/);
    expect(res.stderr + res.stdout).not.toContain(secret);
  }
  function expectAllowed(res: { code: number; stdout: string; stderr: string }) {
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe('');
    expect(res.code).toBe(0);
  }

  describe('Bash', () => {
    test('a clean command is allowed silently', () => {
      expectAllowed(pretool(preToolUse(repo.dir, 'Bash', { command: 'npm test -- --watch=false', description: 'Run the tests', timeout: 120000 }), repo.dir));
    });

    test('a token in a curl header is blocked, naming the rule and a redacted preview', () => {
      const token = tokens.github();
      const res = pretool(preToolUse(repo.dir, 'Bash', { command: `curl -sS -H "Authorization: token ${token}" https://api.github.com/user`, description: 'Check the token' }), repo.dir);
      expectBlocked(res, 'github-token', token);
      expect(res.stderr).toContain('blocked Bash');
      expect(res.stderr).toContain(token.slice(0, 6) + '…');
    });

    test('a heredoc writing a .env file is scanned under that file name', () => {
      const value = alnum(24);
      const command = `mkdir -p config && cat > config/.env <<'EOF'\nDEBUG=1\nDB_PASSWORD=${value}\nEOF\necho done`;
      const res = pretool(preToolUse(repo.dir, 'Bash', { command }), repo.dir);
      expectBlocked(res, 'generic-env-assignment', value);
      expect(res.stderr).toContain('heredoc into config/.env');
    });

    test('echo ... >> file is scanned under the target name', () => {
      const key = tokens.awsKeyId();
      const res = pretool(preToolUse(repo.dir, 'Bash', { command: `echo "AWS_ACCESS_KEY_ID=${key}" >> .env && source .env` }), repo.dir);
      expectBlocked(res, 'aws', key);
      expect(res.stderr).toContain('echo into .env');
    });

    test('export of a secret in a shell command is blocked (shell rules apply to the command)', () => {
      const value = alnum(28);
      const res = pretool(preToolUse(repo.dir, 'Bash', { command: `export SERVICE_API_TOKEN=${value}` }), repo.dir);
      expectBlocked(res, 'generic-env-assignment', value);
    });

    test('a wrongly shaped Bash input is blocked as an unknown shape', () => {
      const res = pretool(preToolUse(repo.dir, 'Bash', { command: 42 }), repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/unknown Bash tool_input shape.*tool_input\.command/);
    });
  });

  describe('Write, Edit, MultiEdit, NotebookEdit', () => {
    test('Write: a secret in the content is blocked; clean content is allowed', () => {
      const key = tokens.anthropic();
      const file = join(repo.dir, 'src', 'client.py');
      expectBlocked(pretool(preToolUse(repo.dir, 'Write', { file_path: file, content: `import anthropic\n\nclient = anthropic.Anthropic(api_key="${key}")\n` }), repo.dir), 'anthropic', key);
      expectAllowed(pretool(preToolUse(repo.dir, 'Write', { file_path: file, content: 'import os\nimport anthropic\n\nclient = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])\n' }), repo.dir));
    });

    test('Write: path-based rules use the file path relative to the workspace', () => {
      const content = `APP_ENV=production\nSESSION_SECRET=${alnum(30)}\n`;
      const res = pretool(preToolUse(repo.dir, 'Write', { file_path: join(repo.dir, 'deploy', '.env'), content }), repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('generic-env-assignment');
      // The same text in a file that is not a config file does not match the .env-only rule.
      expectAllowed(pretool(preToolUse(repo.dir, 'Write', { file_path: join(repo.dir, 'src', 'template.js'), content }), repo.dir));
    });

    test('Edit: a secret in new_string is blocked; an edit that removes a secret is allowed', () => {
      const token = tokens.stripe();
      repo.write('billing.py', `import os\nSTRIPE_KEY = os.environ["STRIPE_KEY"]\n`);
      const file = join(repo.dir, 'billing.py');
      expectBlocked(
        pretool(preToolUse(repo.dir, 'Edit', { file_path: file, old_string: 'os.environ["STRIPE_KEY"]', new_string: `"${token}"`, replace_all: false }), repo.dir),
        'stripe',
        token,
      );
      repo.write('billing.py', `STRIPE_KEY = "${token}"\n`);
      expectAllowed(pretool(preToolUse(repo.dir, 'Edit', { file_path: file, old_string: `"${token}"`, new_string: 'os.environ["STRIPE_KEY"]' }), repo.dir));
    });

    test('Edit: the rest of the line comes from the file, so KEY= plus an added value is seen whole', () => {
      const value = alnum(26);
      repo.write('.env', 'APP_ENV=dev\nSERVICE_TOKEN=changeme\n');
      const res = pretool(preToolUse(repo.dir, 'Edit', { file_path: join(repo.dir, '.env'), old_string: 'changeme', new_string: value }), repo.dir);
      expectBlocked(res, 'generic-env-assignment', value);
    });

    test('Edit: a secret already on the edited line but outside the new text does not block the edit', () => {
      const token = tokens.github();
      repo.write('legacy.py', `TOKEN = "${token}"  # TODO remove\n`);
      expectAllowed(pretool(preToolUse(repo.dir, 'Edit', { file_path: join(repo.dir, 'legacy.py'), old_string: '# TODO remove', new_string: '# FIXME: rotate' }), repo.dir));
    });

    test('an mso:allow marker the agent writes does not silence a secret; one already in the file does', () => {
      const token = tokens.github();
      const file = join(repo.dir, 'fixtures.py');
      const marked = `TEST_TOKEN = "${token}"  # mso:allow test fixture\n`;
      // New file, marker written by the agent: blocked.
      expectBlocked(pretool(preToolUse(repo.dir, 'Write', { file_path: file, content: marked }), repo.dir), 'github-token', token);
      // The marked line was already in the file (a person put it there): rewriting the file keeps it valid.
      repo.write('fixtures.py', marked);
      expectAllowed(pretool(preToolUse(repo.dir, 'Write', { file_path: file, content: `import os\n${marked}` }), repo.dir));
      // An edit that adds a marker next to a new secret: blocked.
      repo.write('app.py', 'KEY = None\n');
      const other = tokens.github();
      expectBlocked(
        pretool(preToolUse(repo.dir, 'Edit', { file_path: join(repo.dir, 'app.py'), old_string: 'KEY = None', new_string: `KEY = "${other}"  # mso:allow needed` }), repo.dir),
        'github-token',
        other,
      );
    });

    test('MultiEdit: a secret in any edit is blocked; clean edits are allowed', () => {
      repo.write('app.js', 'const a = 1;\nconst b = 2;\n');
      const file = join(repo.dir, 'app.js');
      const token = tokens.slackBot();
      expectBlocked(
        pretool(preToolUse(repo.dir, 'MultiEdit', { file_path: file, edits: [{ old_string: 'const a = 1;', new_string: 'const a = 3;' }, { old_string: 'const b = 2;', new_string: `const b = "${token}";` }] }), repo.dir),
        'slack',
        token,
      );
      expectAllowed(pretool(preToolUse(repo.dir, 'MultiEdit', { file_path: file, edits: [{ old_string: 'const a = 1;', new_string: 'const a = 3;' }] }), repo.dir));
    });

    test('NotebookEdit: a secret in new_source is blocked', () => {
      const key = tokens.openaiProject();
      const res = pretool(
        preToolUse(repo.dir, 'NotebookEdit', { notebook_path: join(repo.dir, 'analysis.ipynb'), cell_id: 'cell-3', new_source: `import openai\nopenai.api_key = "${key}"`, cell_type: 'code', edit_mode: 'replace' }),
        repo.dir,
      );
      expectBlocked(res, 'openai', key);
    });
  });

  describe('WebFetch, WebSearch, prompts', () => {
    test('WebFetch: a token in the URL or the prompt is blocked; a plain fetch is allowed', () => {
      const key = tokens.gcpApiKey();
      expectBlocked(pretool(preToolUse(repo.dir, 'WebFetch', { url: `https://maps.googleapis.com/maps/api/geocode/json?address=x&key=${key}`, prompt: 'Summarise' }), repo.dir), 'gcp', key);
      const token = tokens.npm();
      expectBlocked(pretool(preToolUse(repo.dir, 'WebFetch', { url: 'https://example.com/', prompt: `Is ${token} a valid npm token?` }), repo.dir), 'npm', token);
      expectAllowed(pretool(preToolUse(repo.dir, 'WebFetch', { url: 'https://docs.python.org/3/library/sqlite3.html', prompt: 'How do placeholders work?' }), repo.dir));
    });

    test('WebSearch: a secret in the query is blocked', () => {
      const token = tokens.github();
      expectBlocked(pretool(preToolUse(repo.dir, 'WebSearch', { query: `${token} leaked`, allowed_domains: ['github.com'] }), repo.dir), 'github-token', token);
    });

    test('UserPromptSubmit: a pasted secret blocks the prompt; a plain prompt passes', () => {
      const token = tokens.github();
      const res = pretool(userPromptSubmit(repo.dir, `Use my token ${token} to open the PR`), repo.dir);
      expectBlocked(res, 'github-token', token);
      expect(res.stderr).toContain('The prompt was not sent');
      expectAllowed(pretool(userPromptSubmit(repo.dir, 'Refactor the billing module'), repo.dir));
    });
  });

  describe('MCP and other tools', () => {
    // The servers these tests call, configured for the project and classified low in the MCP
    // risk registry's workspace file, so the registry (once wired into pretool) lets them through
    // and the tests keep checking the secret scan alone.
    beforeEach(() => {
      const names = ['slack', 'deploy', 'github'];
      const servers = Object.fromEntries(names.map((n) => [n, { command: 'npx', args: ['-y', `@acme/${n}-mcp@1.0.0`] }]));
      repo.write('.mcp.json', JSON.stringify({ mcpServers: servers }, null, 2));
      const classifications = Object.fromEntries(names.map((n) => [`npm:@acme/${n}-mcp`, { level: 'low', reason: 'test server' }]));
      repo.write('.mso/mcp.json', JSON.stringify({ classifications }, null, 2));
    });

    test('a secret deep in a nested MCP input is blocked and located', () => {
      const token = tokens.slackBot();
      const input = { channel: 'C123', blocks: [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'hello' }, { type: 'mrkdwn', text: `creds: ${token}` }] }] };
      const res = pretool(preToolUse(repo.dir, 'mcp__slack__post_message', input), repo.dir);
      expectBlocked(res, 'slack', token);
      expect(res.stderr).toContain('blocks[0].fields[1].text');
    });

    test('a key/value pair split across JSON fields is seen through the JSON rendering', () => {
      const value = alnum(32);
      const res = pretool(preToolUse(repo.dir, 'mcp__deploy__set_config', { service: 'api', config: { env: { api_key: value } } }), repo.dir);
      expectBlocked(res, 'generic-api-key-assignment', value);
    });

    test('a clean nested MCP input is allowed', () => {
      expectAllowed(pretool(preToolUse(repo.dir, 'mcp__github__create_issue', { owner: 'acme', repo: 'web', title: 'Bug', body: 'Steps:\n1. open\n2. click', labels: ['bug', 'p2'], meta: { n: 3, ok: true, x: null } }), repo.dir));
    });

    test('a tool mso has no schema for gets every string scanned', () => {
      const token = tokens.npm();
      expectBlocked(pretool(preToolUse(repo.dir, 'Task', { description: 'publish', prompt: `Publish with NPM token ${token}`, subagent_type: 'general-purpose' }), repo.dir), 'npm', token);
      expectAllowed(pretool(preToolUse(repo.dir, 'Read', { file_path: join(repo.dir, 'README.md') }), repo.dir));
    });
  });

  describe('fails closed', () => {
    test.each([
      ['malformed JSON', '{"hook_event_name": "PreToolUse", "tool_name": ', /not valid JSON/],
      ['empty stdin', '', /empty stdin/],
      ['a JSON array', '[1,2]', /not a JSON object/],
      ['an unknown event', JSON.stringify({ hook_event_name: 'Stop', session_id: 'x', stop_hook_active: false }), /unexpected hook event 'Stop'/],
      ['no event name', JSON.stringify({ tool_name: 'Bash', tool_input: { command: 'ls' } }), /unexpected hook event.*no hook_event_name/],
      ['a missing tool_input', JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash' }), /unknown PreToolUse payload shape.*tool_input/],
      ['a missing prompt', JSON.stringify({ hook_event_name: 'UserPromptSubmit', session_id: 's' }), /unknown UserPromptSubmit payload shape.*prompt/],
    ])('%s blocks with the reason', (_name, input, reason) => {
      const res = pretool(input, repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/^mso: pretool: blocked: /);
      expect(res.stderr).toMatch(reason);
    });

    describe('stdin, however it arrives (read from the descriptor, or through the stream)', () => {
      /** Runs `mso hook pretool` with its stdin set up by a shell line; `$P` is the payload file, `$CLI` the command. */
      function viaShell(line: string): { code: number; stdout: string; stderr: string } {
        const token = tokens.github();
        const file = join(repo.dir, 'payload.json');
        writeFileSync(file, JSON.stringify(preToolUse(repo.dir, 'Bash', { command: `curl -H "Authorization: token ${token}" https://api.github.com/user` })));
        const env = { ...process.env, P: file, CLI: `"${process.execPath}" "${CLI}" hook pretool` };
        const res = spawnSync('bash', ['-c', line], { cwd: repo.dir, env, encoding: 'utf8', timeout: 60_000 });
        expect(res.stderr + res.stdout).not.toContain(token);
        return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
      }

      test.each([
        ['a regular file', 'eval "$CLI" < "$P"'],
        ['a regular file read from the middle (the shell consumed a first line)', '{ echo skip; cat "$P"; } > "$P.2"; { read -r skip; eval "$CLI"; } < "$P.2"'],
        ['a pipe', 'cat "$P" | eval "$CLI"'],
        ['a pipe that delivers in two parts, late', '{ head -c 40 "$P"; sleep 0.3; tail -c +41 "$P"; } | eval "$CLI"'],
        // A descriptor left non-blocking by the caller: the first read would fail with EAGAIN, so the stream polls it.
        ['a non-blocking pipe', `{ sleep 0.3; cat "$P"; } | python3 -c 'import fcntl, os, sys; fcntl.fcntl(0, fcntl.F_SETFL, fcntl.fcntl(0, fcntl.F_GETFL) | os.O_NONBLOCK); os.execvp("bash", ["bash", "-c", "eval \\"$CLI\\""])'`],
      ])('%s: the payload is read whole and scanned', (_name, line) => {
        const res = viaShell(line);
        expect(res.stderr).toContain('github');
        expect(res.code).toBe(2);
      });

      test('a terminal on stdin is refused (nothing is piped in)', () => {
        const r = runCliOnPty(['hook', 'pretool'], { cwd: repo.dir });
        expect(r.code).toBe(2);
        expect(r.screen).toMatch(/nothing is piped in/);
      });

      test('a closed stdin blocks with a reason', () => {
        const res = viaShell('eval "$CLI" <&-');
        expect(res.code).toBe(2);
        expect(res.stderr).toMatch(/^mso: pretool: blocked: /);
      });
    });

    test('a payload over agentHooks.maxInputSize ends promptly, blocked and unscanned', () => {
      const content = 'x = 1  # filler\n'.repeat(200_000); // ~3.2 MB, over the 2MB default
      const started = Date.now();
      const res = pretool(preToolUse(repo.dir, 'Write', { file_path: join(repo.dir, 'big.py'), content }), repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/over agentHooks\.maxInputSize \(2097152 bytes\).*not scanned/);
      expect(Date.now() - started).toBeLessThan(15_000);
    });

    test('a payload past the 64 MB hard limit: mso stops reading and blocks, whatever the workspace says', () => {
      repo.write('.mso/workspace.json', JSON.stringify({ agentHooks: { maxInputSize: '1GB' } }));
      const input = JSON.stringify(preToolUse(repo.dir, 'Write', { file_path: join(repo.dir, 'huge.txt'), content: 'a'.repeat(65 * 1024 * 1024) }));
      const started = Date.now();
      // mso closes its stdin early, so the writer may see EPIPE: that is the point.
      const res = spawnSync(process.execPath, [CLI, 'hook', 'pretool'], { cwd: repo.dir, input, encoding: 'utf8', timeout: 60_000 });
      expect(res.status).toBe(2);
      expect(res.stderr).toMatch(/blocked: hook input is larger than 67108864 bytes; it was not scanned/);
      expect(Date.now() - started).toBeLessThan(30_000);
    });

    test('an absurdly deep MCP input is blocked with a clear reason, not a crash', () => {
      // Built as text: JSON.stringify itself would overflow on this.
      const input = JSON.stringify(preToolUse(repo.dir, 'mcp__a__b', { deep: 'DEEP' })).replace('"DEEP"', `${'['.repeat(5000)}"x"${']'.repeat(5000)}`);
      const res = pretool(input, repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/mcp__a__b input is nested 5001 levels deep \(limit 256\); it was not scanned/);
    });

    test('the workspace can raise the limit, and a large clean payload is then scanned and allowed', () => {
      repo.write('.mso/workspace.json', JSON.stringify({ agentHooks: { maxInputSize: '8MB' } }));
      const content = 'x = 1  # filler\n'.repeat(200_000);
      expectAllowed(pretool(preToolUse(repo.dir, 'Write', { file_path: join(repo.dir, 'big.py'), content }), repo.dir));
    });

    test('the workspace root is found from a subfolder cwd, and its configuration applies', () => {
      repo.write('.mso/workspace.json', JSON.stringify({ agentHooks: { maxInputSize: 200 } }));
      const sub = join(repo.dir, 'pkg', 'sub');
      mkdirSync(sub, { recursive: true });
      const res = pretool(preToolUse(sub, 'Bash', { command: `echo ${'a'.repeat(300)}` }), sub);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('agentHooks.maxInputSize (200 bytes)');
    });

    test('a bad rule file blocks', () => {
      repo.write('.mso/workspace.json', JSON.stringify({ scan: { rules: ['team-rules'] } }));
      repo.write('team-rules/secrets/bad.yaml', 'scanner: secrets\nrules:\n  - id: broken\n    regex: "("\n');
      const res = pretool(preToolUse(repo.dir, 'Bash', { command: 'ls' }), repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/blocked: rules: .*bad\.yaml/);
    });

    test('an invalid workspace configuration blocks', () => {
      repo.write('.mso/workspace.json', '{"agentHooks": {"maxInputSize": "huge"}}');
      const res = pretool(preToolUse(repo.dir, 'Bash', { command: 'ls' }), repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('agentHooks.maxInputSize');
    });

    test('a cwd that does not exist blocks', () => {
      const res = pretool(preToolUse(join(repo.dir, 'gone'), 'Bash', { command: 'ls' }), repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/cwd .* does not exist/);
    });
  });
});
