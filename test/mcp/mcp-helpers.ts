import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, REPO_ROOT, type RunResult } from '../helpers/cli.js';
import { tempDir, type TempRepo } from '../helpers/git-repo.js';

/** An empty home folder, so tests never read the real ~/.claude.json. */
export function fakeHome(): string {
  return tempDir();
}

export function mso(repo: TempRepo, home: string, args: string[], input?: string): RunResult {
  return runCli(args, { cwd: repo.dir, env: { MSO_HOME: home }, input });
}

export function writeMcpJson(repo: TempRepo, servers: Record<string, unknown>, path = '.mcp.json'): void {
  repo.write(path, JSON.stringify({ mcpServers: servers }, null, 2));
}

export function writeUserConfig(home: string, doc: unknown): void {
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, '.claude.json'), JSON.stringify(doc, null, 2));
}

export const npx = (pkg: string, ...rest: string[]) => ({ command: 'npx', args: ['-y', pkg, ...rest] });

/** The test MCP server (a tiny SDK server whose tools come from a JSON file). */
export const FIXTURE_SERVER = join(REPO_ROOT, 'test', 'fixtures', 'mcp', 'server.mjs');

export function fixtureServer(toolsFile: string) {
  return { command: process.execPath, args: [FIXTURE_SERVER], env: { MCP_FIXTURE_TOOLS: toolsFile } };
}

/** Records a workspace classification directly (quicker than a CLI round trip in tests that are about something else). */
export function classifyFixture(repo: TempRepo, level = 'low'): void {
  repo.write(
    '.mso/mcp.json',
    JSON.stringify({ classifications: { [`command:${process.execPath} ${FIXTURE_SERVER}`]: { level, reason: 'test fixture' } } }),
  );
}
