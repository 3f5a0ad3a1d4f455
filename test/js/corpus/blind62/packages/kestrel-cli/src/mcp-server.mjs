import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { PrismaClient } from '@prisma/client';
import { MongoClient } from 'mongodb';
import { exec, execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import nunjucks from 'nunjucks';
import libxmljs from 'libxmljs2';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const WORKSPACE = path.resolve(process.env.KESTREL_WORKSPACE ?? process.cwd());
const LOG_ROOT = path.resolve(process.env.KESTREL_LOG_DIR ?? '/var/lib/kestrel/logs');
const DEPLOY_HEALTH = {
  production: 'https://app.kestrel.dev/healthz',
  staging: 'https://staging.kestrel.dev/healthz',
};

const prisma = new PrismaClient();
const mongo = new MongoClient(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017');
const templates = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(WORKSPACE, '.kestrel', 'templates')), { autoescape: true });

const text = (value) => ({ content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) }] });

export function createServer() {
  const server = new McpServer({ name: 'kestrel', version: '3.2.0' });
  const artifacts = mongo.db('kestrel_logs').collection('artifacts');

  server.registerTool(
    'list_failed_builds',
    { description: 'List recent failed builds for a project and branch', inputSchema: { project: z.string(), branch: z.string().default('main') } },
    async ({ project, branch }) => {
      const rows = await prisma.$queryRawUnsafe(`SELECT b.id, b.number, b.commit_sha, b.created_at FROM builds b JOIN projects p ON p.id = b.project_id WHERE p.slug = '${project}' AND b.branch = '${branch}' AND b.status = 'failed' ORDER BY b.created_at DESC LIMIT 20`);  //@vuln CWE-89
      return text(rows);
    },
  );

  server.registerTool(
    'get_build',
    { description: 'Fetch one build by id', inputSchema: { buildId: z.string().uuid() } },
    async ({ buildId }) => {
      const rows = await prisma.$queryRaw`SELECT id, number, branch, status, commit_message FROM builds WHERE id = ${buildId}::uuid`;  //@safe
      return text(rows[0] ?? 'not found');
    },
  );

  server.registerTool(
    'find_artifacts',
    { description: 'Search artifact metadata with a JSON filter', inputSchema: { query: z.string().describe('JSON filter, e.g. {"name":"coverage.zip"}') } },
    async ({ query }) => {
      const docs = await artifacts.find(JSON.parse(query)).limit(50).toArray();  //@vuln CWE-943
      return text(docs);
    },
  );

  server.registerTool(
    'artifacts_for_build',
    { description: 'List artifacts produced by a build', inputSchema: { buildId: z.string() } },
    async ({ buildId }) => {
      const docs = await artifacts.find({ buildId: String(buildId) }, { projection: { downloadToken: 0 } }).toArray();
      return text(docs);
    },
  );

  server.registerTool(
    'read_workspace_file',
    { description: 'Read a file from the checked-out repository', inputSchema: { file: z.string() } },
    async ({ file }) => text(await readFile(path.join(WORKSPACE, file), 'utf8')),  //@vuln CWE-22
  );

  server.registerTool(
    'read_build_log',
    { description: 'Read the raw log of a build step', inputSchema: { buildId: z.string(), step: z.string() } },
    async ({ buildId, step }) => {
      const target = path.resolve(LOG_ROOT, buildId, `${step}.log`);
      if (!target.startsWith(LOG_ROOT + path.sep)) throw new Error('log path outside log directory');
      return text(await readFile(target, 'utf8'));  //@safe
    },
  );

  server.registerTool(
    'git_history',
    { description: 'Show recent commits for a ref', inputSchema: { ref: z.string().default('HEAD'), count: z.number().int().max(200).default(20) } },
    async ({ ref, count }) => {
      const { stdout } = await execAsync(`git log --oneline -n ${count} ${ref}`, { cwd: WORKSPACE });  //@vuln CWE-78
      return text(stdout);
    },
  );

  server.registerTool(
    'git_show',
    { description: 'Show the files changed in a commit', inputSchema: { sha: z.string() } },
    async ({ sha }) => {
      const { stdout } = await execFileAsync('git', ['show', '--stat', '--format=%H %s', sha, '--'], { cwd: WORKSPACE });  //@safe
      return text(stdout);
    },
  );

  server.registerTool(
    'check_url',
    { description: 'Fetch a URL and report status and latency', inputSchema: { url: z.string().url() } },
    async ({ url }) => {
      const started = Date.now();
      const res = await fetch(url, { redirect: 'follow' });  //@vuln CWE-918
      const body = await res.text();
      return text({ status: res.status, latencyMs: Date.now() - started, preview: body.slice(0, 2000) });
    },
  );

  server.registerTool(
    'check_deployment',
    { description: 'Health-check a Kestrel environment', inputSchema: { environment: z.enum(['production', 'staging']) } },
    async ({ environment }) => {
      const res = await fetch(DEPLOY_HEALTH[environment], { redirect: 'error' });
      return text({ environment, status: res.status });
    },
  );

  server.registerTool(
    'evaluate_condition',
    { description: 'Evaluate a pipeline `if:` expression against a branch', inputSchema: { expression: z.string(), branch: z.string() } },
    async ({ expression, branch }) => {
      const result = vm.runInNewContext(expression, { branch, changed: [], env: {} }, { timeout: 100 });  //@vuln CWE-94
      return text({ expression, branch, result: Boolean(result) });
    },
  );

  server.registerTool(
    'render_release_notes',
    { description: 'Render release notes from a template', inputSchema: { version: z.string(), template: z.string().optional() } },
    async ({ version, template }) => {
      const changes = await prisma.$queryRaw`SELECT commit_message FROM builds WHERE status = 'passed' ORDER BY created_at DESC LIMIT 50`;
      if (template) {
        return text(nunjucks.renderString(template, { version, changes }));  //@vuln CWE-1336
      }
      return text(templates.render('release-notes.njk', { version, changes }));  //@safe
    },
  );

  server.registerTool(
    'parse_junit',
    { description: 'Summarise a JUnit XML report', inputSchema: { xml: z.string() } },
    async ({ xml }) => {
      const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true });  //@vuln CWE-611
      const suites = doc.find('//testsuite').map((s) => ({
        name: s.attr('name')?.value(),
        tests: Number(s.attr('tests')?.value() ?? 0),
        failures: Number(s.attr('failures')?.value() ?? 0),
      }));
      return text(suites);
    },
  );

  return server;
}

export async function startMcpServer() {
  await mongo.connect();
  const server = createServer();
  await server.connect(new StdioServerTransport());
  process.on('SIGINT', async () => {
    await Promise.allSettled([prisma.$disconnect(), mongo.close()]);
    process.exit(0);
  });
}
