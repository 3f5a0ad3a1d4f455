import { Command } from 'commander';
import { collect, runAction } from '../exit.js';

/**
 * `mso mcp ...`: the MCP risk-level registry. Every MCP server configured for
 * the project is identified by what it runs, classified, and checked against
 * the workspace policy. Implementations load lazily (src/mcp/run-mcp.ts).
 */
const impl = () => import('../../mcp/run-mcp.js');
type Impl = Awaited<ReturnType<typeof impl>>;

export function registerMcp(program: Command): void {
  const mcp = program
    .command('mcp')
    .description('MCP risk registry: list, check, classify, approve and pin the MCP servers configured for this project.')
    .addHelpText(
      'after',
      `
Servers are read from .mcp.json, .claude/settings.json, .claude/settings.local.json and ~/.claude.json
(this project's entry and the user-wide one; MSO_HOME overrides the home folder).
Workspace classifications, policy and approvals: .mso/mcp.json. Tool pins: .mso/mcp-pins.json.
Docs: docs/mcp-registry.md.`,
    );

  mcp
    .command('list')
    .description('every configured MCP server with its identity, classification and status')
    .option('--json', 'machine-readable output')
    .option('--no-user', "leave out the user's own servers in ~/.claude.json")
    .action((opts: Parameters<Impl['runList']>[0]) => runAction(async () => (await impl()).runList(opts)));

  mcp
    .command('check')
    .description('exit 0 only if every server is classified, within policy and pinned; 1 lists each offending server; 2 on a malformed config')
    .option('--pins', 'also start each allowed stdio server locally and compare its tools with .mso/mcp-pins.json, flagging poisoned descriptions')
    .option('--timeout <ms>', 'per-server start-up timeout for --pins', '15000')
    .option('--json', 'machine-readable output')
    .option('--no-user', "leave out the user's own servers in ~/.claude.json (check only what the project configures)")
    .action((opts: Parameters<Impl['runCheck']>[0]) => runAction(async () => (await impl()).runCheck(opts)));

  mcp
    .command('classify')
    .description('record a workspace classification (adds a server or overrides a built-in level)')
    .argument('<name>', 'a configured server name (resolved to what it runs) or an identity such as npm:@scope/pkg, url:mcp.example.com')
    .requiredOption('--level <level>', 'low, medium, high or critical')
    .requiredOption('--reason <text>', 'one line: why this level')
    .option('--capability <cap>', 'what it can do (repeatable or comma-separated): reads-files, writes-files, network-egress, runs-code, holds-credentials, browser, database, persistent-state, messaging, remote-service', collect, [])
    .action((name: string, opts: Parameters<Impl['runClassify']>[1]) =>
      runAction(async () => (await impl()).runClassify(name, opts)),
    );

  mcp
    .command('approve')
    .description("allow one exact version of a server above the policy's level")
    .argument('<name>', 'a configured server name or a full identity such as npm:@scope/pkg@1.2.3')
    .option('--reason <text>', 'why it is approved')
    .option('--revoke', 'remove the approval instead')
    .action((name: string, opts: Parameters<Impl['runApprove']>[1]) => runAction(async () => (await impl()).runApprove(name, opts)));

  mcp
    .command('pin')
    .description('start each allowed stdio server locally, list its tools and store a hash of each tool definition in .mso/mcp-pins.json')
    .argument('[names...]', 'configured server names (default: all)')
    .option('--timeout <ms>', 'per-server start-up timeout', '15000')
    .option('--json', 'machine-readable output')
    .action((names: string[], opts: Parameters<Impl['runPin']>[1]) => runAction(async () => (await impl()).runPin(names, opts)));
}
