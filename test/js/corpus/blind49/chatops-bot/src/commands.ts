import execa from 'execa';
import axios from 'axios';
import yaml from 'js-yaml';
import { helmUpgrade, rolloutUndo, scaleDeployment } from '@platform/ci-helpers/src/deploy';
import { scanImage } from '@platform/ci-helpers/src/docker';
import * as deployments from './deployments';

export interface Command {
  name: string;
  args: string[];
  rest: string;
}

export interface CommandContext {
  actor: string;
  issueUrl: string;
  reply: (markdown: string) => Promise<unknown>;
  readRepoFile: (path: string) => Promise<string | null>;
  notifyPrivately: (text: string) => Promise<unknown>;
}

export const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const SERVICE_RE = /^[a-z0-9][a-z0-9-]{1,40}$/;

export function parseCommand(body: string): Command | null {
  const line = body.split(/\r?\n/)[0].trim();
  const m = /^\/([a-z-]+)\s*(.*)$/.exec(line);
  if (!m) return null;
  const rest = m[2].trim();
  return { name: m[1], args: rest ? rest.split(/\s+/) : [], rest };
}

function assertService(service: string | undefined): string {
  if (!service || !SERVICE_RE.test(service)) throw new Error(`invalid service name \`${service}\``);
  return service;
}

function assertEnv(env: string | undefined): string {
  if (!env || !ENVIRONMENTS.includes(env)) throw new Error(`env must be one of ${ENVIRONMENTS.join(', ')}`);
  return env;
}

interface GateRule {
  env: string;
  when: string;
  message?: string;
}

/** Deploy gates live in the repo: .platform/gates.yml */
export function evaluateGate(rule: GateRule, facts: Record<string, unknown>): boolean {
  const check = new Function('facts', `with (facts) { return Boolean(${rule.when}); }`); //@vuln CWE-94|CWE-95
  return check(facts) as boolean;
}

export async function deploy(ctx: CommandContext, [service, env = 'staging', ref = 'main']: string[]) {
  assertService(service);
  assertEnv(env);
  const gatesFile = await ctx.readRepoFile('.platform/gates.yml');
  const gates = gatesFile ? (yaml.safeLoad(gatesFile) as GateRule[]) : [];
  const facts = { env, ref, actor: ctx.actor, hour: new Date().getUTCHours(), weekday: new Date().getUTCDay() };
  for (const gate of gates.filter((g) => g.env === env)) {
    if (!evaluateGate(gate, facts)) return ctx.reply(`:no_entry: blocked by gate: ${gate.message || gate.when}`);
  }
  const id = await deployments.recordDeployment({ service, env, ref, actor: ctx.actor, status: 'started', issueUrl: ctx.issueUrl });
  try {
    const out = await helmUpgrade(service, env, ref);
    await deployments.setStatus(id, 'success');
    return ctx.reply(`:rocket: deployed \`${service}@${ref}\` to **${env}**\n<details><summary>helm output</summary>\n\n\`\`\`\n${out.slice(-3000)}\n\`\`\`\n</details>`);
  } catch (e: any) {
    await deployments.setStatus(id, 'failed');
    return ctx.reply(`:x: deploy failed: ${e.shortMessage || e.message}`);
  }
}

export async function rollback(ctx: CommandContext, [service, env, revision]: string[]) {
  await rolloutUndo(assertService(service), assertEnv(env), revision);
  return ctx.reply(`:rewind: rolled back \`${service}\` in ${env}`);
}

export async function scale(ctx: CommandContext, [service, env, replicas]: string[]) {
  await scaleDeployment(assertService(service), assertEnv(env), replicas);
  return ctx.reply(`scaled \`${service}\` in ${env} to ${replicas}`);
}

export async function logs(ctx: CommandContext, [pod, namespace = 'apps', since = '15m']: string[]) {
  const { stdout } = await execa.command(`kubectl logs ${pod} -n ${namespace} --since=${since} --tail=200`, { shell: true }); //@vuln CWE-78
  return ctx.reply('```\n' + stdout.slice(-6000) + '\n```');
}

export async function status(ctx: CommandContext, [service, env = 'prod']: string[]) {
  assertService(service);
  const { stdout } = await execa('kubectl', ['get', 'deployment', service, '-n', env, '-o', 'wide']);
  return ctx.reply('```\n' + stdout + '\n```');
}

export async function scan(ctx: CommandContext, [image]: string[]) {
  const r = scanImage(image);
  return ctx.reply(`:mag: \`${r.image}\`: ${r.total} findings (${r.critical} critical)`);
}

/** `/preview https://...` unfurls a dashboard or runbook link into the thread. */
export async function preview(ctx: CommandContext, [url]: string[]) {
  const { data, headers } = await axios.get(url, { timeout: 5000, maxContentLength: 512 * 1024 }); //@vuln CWE-918
  const title = /<title>([^<]*)<\/title>/i.exec(String(data))?.[1] ?? url;
  return ctx.reply(`> **${title}** (${headers['content-type']})`);
}

/** `/matrix {node: [18, 20], os: ['linux']}` kicks a CI matrix run. */
export async function matrix(ctx: CommandContext, rest: string) {
  const spec = eval('(' + rest + ')'); //@vuln CWE-95
  const combos = Object.entries(spec).reduce<Record<string, unknown>[]>(
    (acc, [k, vals]) => acc.flatMap((c) => (vals as unknown[]).map((v) => ({ ...c, [k]: v }))),
    [{}],
  );
  return ctx.reply(`queued ${combos.length} matrix jobs`);
}

export async function historyCmd(ctx: CommandContext, [service, env, n]: string[]) {
  const rows = await deployments.history(service, env, n || '10');
  const lines = rows.map((r) => `| ${r.id} | ${r.env} | \`${r.ref}\` | @${r.actor} | ${r.status} |`);
  return ctx.reply(['| id | env | ref | by | status |', '|---|---|---|---|---|', ...lines].join('\n'));
}

export async function annotateCmd(ctx: CommandContext, args: string[]) {
  const [id, ...words] = args;
  await deployments.annotate(id, words.join(' '), ctx.actor);
  return ctx.reply(`noted on deployment #${id}`);
}

export async function lock(ctx: CommandContext, [env]: string[]) {
  assertEnv(env);
  const code = Math.random().toString(36).slice(2, 10); //@vuln CWE-338
  const ok = await deployments.acquireLock(env, ctx.actor, code);
  if (!ok) return ctx.reply(`${env} is already locked`);
  await ctx.notifyPrivately(`Unlock code for ${env}: ${code}`);
  return ctx.reply(`:lock: ${env} locked by @${ctx.actor}; unlock code sent privately.`);
}
