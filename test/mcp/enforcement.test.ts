import { checkMcpTool, checkStagedMcpConfigs } from '../../src/mcp/policy.js';
import { runCli } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';
import { fakeHome, mso, npx, writeMcpJson, writeUserConfig } from './mcp-helpers.js';

describe('MCP enforcement entry points', () => {
  let repo: TempRepo;
  let home: string;
  const savedHome = process.env.MSO_HOME;
  beforeEach(() => {
    repo = new TempRepo();
    home = fakeHome();
    process.env.MSO_HOME = home;
  });
  afterEach(() => {
    repo.cleanup();
    if (savedHome === undefined) delete process.env.MSO_HOME;
    else process.env.MSO_HOME = savedHome;
  });

  describe('checkStagedMcpConfigs (pre-commit)', () => {
    test('a commit not touching an MCP config passes without looking further', async () => {
      writeMcpJson(repo, { x: npx('@acme/unknown@1.0.0') }); // not staged
      repo.write('app.py', 'x = 1\n');
      repo.git('add', 'app.py');
      expect(await checkStagedMcpConfigs(repo.dir)).toEqual({ ok: true, problems: [] });
    });

    test('adding an unclassified server is refused; after classify it passes', async () => {
      writeMcpJson(repo, { files: npx('@modelcontextprotocol/server-filesystem@2025.3.28') });
      repo.commitAll('init');
      writeMcpJson(repo, { files: npx('@modelcontextprotocol/server-filesystem@2025.3.28'), notes: npx('@acme/notes-mcp@1.0.0') });
      repo.git('add', '.mcp.json');
      const res = await checkStagedMcpConfigs(repo.dir);
      // The pre-commit hook hands over the staged paths it already listed: the same verdict.
      expect(await checkStagedMcpConfigs(repo.dir, ['.mcp.json'])).toEqual(res);
      expect(await checkStagedMcpConfigs(repo.dir, ['app.py'])).toEqual({ ok: true, problems: [] });
      expect(res.ok).toBe(false);
      expect(res.problems).toHaveLength(1);
      expect(res.problems[0]).toMatch(/^\.mcp\.json \(staged\): server 'notes' \(npm:@acme\/notes-mcp@1\.0\.0\): unclassified/);
      expect(mso(repo, home, ['mcp', 'classify', 'notes', '--level', 'low', '--reason', 'our notes']).code).toBe(0);
      expect(await checkStagedMcpConfigs(repo.dir)).toEqual({ ok: true, problems: [] });
    });

    test('reads the staged content, not the working tree', async () => {
      writeMcpJson(repo, { shell: npx('@wonderwhy-er/desktop-commander@0.2.3') });
      repo.git('add', '.mcp.json');
      writeMcpJson(repo, { mem: npx('@modelcontextprotocol/server-memory@0.6.2') }); // clean working tree copy
      const res = await checkStagedMcpConfigs(repo.dir);
      expect(res.ok).toBe(false);
      expect(res.problems.join('\n')).toContain("server 'shell'");
      expect(res.problems.join('\n')).toContain('above policy: level critical');

      // and the other way round: a clean staged version passes whatever the working tree holds
      writeMcpJson(repo, { mem: npx('@modelcontextprotocol/server-memory@0.6.2') });
      repo.git('add', '.mcp.json');
      writeMcpJson(repo, { shell: npx('@wonderwhy-er/desktop-commander@0.2.3') });
      expect((await checkStagedMcpConfigs(repo.dir)).ok).toBe(true);
    });

    test('.claude/settings.json, unpinned versions, malformed staged JSON, deletions', async () => {
      repo.write('.claude/settings.json', JSON.stringify({ mcpServers: { gh: npx('@modelcontextprotocol/server-github') } }));
      repo.git('add', '-A');
      let res = await checkStagedMcpConfigs(repo.dir);
      expect(res.problems.join('\n')).toMatch(/\.claude\/settings\.json \(staged\): server 'gh'.*unpinned/);

      repo.write('.claude/settings.json', '{"mcpServers": {');
      repo.git('add', '-A');
      res = await checkStagedMcpConfigs(repo.dir);
      expect(res.ok).toBe(false);
      expect(res.problems[0]).toContain('.claude/settings.json (staged): not valid JSON');

      repo.write('.claude/settings.json', '{}');
      repo.commitAll('ok');
      repo.git('rm', '-q', '--cached', '.claude/settings.json');
      expect(await checkStagedMcpConfigs(repo.dir)).toEqual({ ok: true, problems: [] });
    });
  });

  describe('checkMcpTool (pretool)', () => {
    test('non-MCP tools are not its business', async () => {
      expect(await checkMcpTool(repo.dir, 'Bash')).toEqual({ allowed: true });
    });

    test('allowed, unclassified, over-policy and unknown servers; resolved by configured name', async () => {
      writeMcpJson(repo, {
        memory: npx('@modelcontextprotocol/server-memory@0.6.2'),
        'my.notes': npx('@acme/notes-mcp@1.0.0'),
        helper: npx('@wonderwhy-er/desktop-commander@0.2.3'),
        gh: npx('@modelcontextprotocol/server-github'),
      });
      expect(await checkMcpTool(repo.dir, 'mcp__memory__create_entities')).toEqual({ allowed: true });
      // unpinned alone does not block a call (mso mcp check reports it)
      writeMcpJson(repo, { memory: npx('@modelcontextprotocol/server-memory') });
      expect((await checkMcpTool(repo.dir, 'mcp__memory__read_graph')).allowed).toBe(true);
      writeMcpJson(repo, { 'my.notes': npx('@acme/notes-mcp@1.0.0'), helper: npx('@wonderwhy-er/desktop-commander@0.2.3') });

      const notes = await checkMcpTool(repo.dir, 'mcp__my_notes__search');
      expect(notes.allowed).toBe(false);
      expect(notes.reason).toContain("MCP server 'my.notes' (npm:@acme/notes-mcp@1.0.0");
      expect(notes.reason).toContain('unclassified');

      const helper = await checkMcpTool(repo.dir, 'mcp__helper__execute_command');
      expect(helper.allowed).toBe(false);
      expect(helper.reason).toContain('above policy: level critical');

      const unknown = await checkMcpTool(repo.dir, 'mcp__ghost__do');
      expect(unknown.allowed).toBe(false);
      expect(unknown.reason).toContain("'ghost' is not configured");

      repo.write('.mso/mcp.json', JSON.stringify({ classifications: { 'npm:@acme/notes-mcp': { level: 'low', reason: 'ours' } } }));
      expect(await checkMcpTool(repo.dir, 'mcp__my_notes__search')).toEqual({ allowed: true });
    });

    test('servers from the user config count; a malformed config refuses (fails closed)', async () => {
      writeUserConfig(home, { projects: { [repo.dir]: { mcpServers: { t: { command: 'uvx', args: ['mcp-server-time==0.6.2'] } } } } });
      expect(await checkMcpTool(repo.dir, 'mcp__t__get_current_time')).toEqual({ allowed: true });
      repo.write('.mcp.json', '{ nope');
      const res = await checkMcpTool(repo.dir, 'mcp__t__get_current_time');
      expect(res.allowed).toBe(false);
      expect(res.reason).toContain('.mcp.json: not valid JSON');
    });
  });

  test('secrets in MCP configs (env, headers) are found by mso scan --all', () => {
    const gh = tokens.github();
    const slack = tokens.slackBot();
    writeMcpJson(repo, {
      github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: gh } },
      slack: { type: 'http', url: 'https://slack-mcp.example/mcp', headers: { Authorization: `Bearer ${slack}` } },
    });
    const res = runCli(['scan', '--all', '--format', 'json'], { cwd: repo.dir });
    expect(res.code).toBe(1);
    const findings = JSON.parse(res.stdout).findings as Array<{ ruleId: string; file: string; line: number }>;
    expect(findings.filter((f) => f.file === '.mcp.json').map((f) => f.ruleId).sort()).toEqual(expect.arrayContaining(['github-token']));
    expect(findings.some((f) => f.file === '.mcp.json' && /slack/.test(f.ruleId))).toBe(true);
    expect(res.stdout).not.toContain(gh);
    expect(res.stdout).not.toContain(slack);
    // and mso mcp itself never prints them
    const listed = mso(repo, home, ['mcp', 'list', '--json']).stdout;
    expect(listed).not.toContain(gh);
    expect(listed).not.toContain(slack);
  });
});
