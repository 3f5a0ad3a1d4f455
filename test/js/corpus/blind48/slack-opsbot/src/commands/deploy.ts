import { App, BlockAction, ButtonAction } from '@slack/bolt';
import { exec, execFile, spawn } from 'child_process';
import { promisify } from 'util';
import path from 'path';
import serialize from 'node-serialize';
import { pg } from '../../../bot-common/src/db';
import { config } from '../../../bot-common/src/config';
import { parseArgs, truncate } from '../../../bot-common/src/util';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const SERVICES = new Set(['api', 'worker', 'web', 'scheduler', 'billing']);
const DEPLOYERS = (process.env.DEPLOYERS || '').split(',');

interface DeploySpec { service: string; ref: string; requestedBy: string }

async function runDeploy(spec: DeploySpec, approvedBy: string): Promise<string> {
  const cwd = path.join(config.deployRoot, spec.service);
  const { stdout, stderr } = await execAsync(`git fetch --all && git checkout ${spec.ref} && ./scripts/deploy.sh`, { cwd }); //@vuln CWE-78
  await pg.query('INSERT INTO deploys (service, ref, requested_by, approved_by) VALUES ($1, $2, $3, $4)', [spec.service, spec.ref, spec.requestedBy, approvedBy]);
  return truncate(stdout + stderr);
}

export function registerDeployCommands(app: App) {
  // /deploy <service> [ref]
  app.command('/deploy', async ({ command, ack, respond, client }) => {
    await ack();
    const [service, ref = 'main'] = parseArgs(command.text);
    if (!SERVICES.has(service)) {
      await respond({ response_type: 'ephemeral', text: `unknown service \`${service}\`` });
      return;
    }
    const spec: DeploySpec = { service, ref, requestedBy: command.user_id };
    await client.chat.postMessage({
      channel: command.channel_id,
      text: `Deploy ${service}@${ref} requested by <@${command.user_id}>`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*${service}* @ \`${ref}\` — approve?` } },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Approve' }, action_id: 'approve_deploy', style: 'primary', value: JSON.stringify(spec) }] },
        { type: 'context', elements: [{ type: 'mrkdwn', text: `redeploy later with \`/redeploy ${Buffer.from(serialize.serialize(spec)).toString('base64')}\`` }] },
      ],
    });
  });

  app.action<BlockAction<ButtonAction>>('approve_deploy', async ({ ack, body, action, respond }) => {
    await ack();
    if (!DEPLOYERS.includes(body.user.id)) {
      await respond({ replace_original: false, text: 'you are not on the deployers list' });
      return;
    }
    const out = await runDeploy(JSON.parse(action.value), body.user.id);
    await respond({ text: '```' + out + '```' });
  });

  // /redeploy <spec> — spec is the blob from the context line of an earlier deploy message
  app.command('/redeploy', async ({ command, ack, respond }) => {
    await ack();
    if (!DEPLOYERS.includes(command.user_id)) return void (await respond('you are not on the deployers list'));
    const spec = serialize.unserialize(Buffer.from(command.text.trim(), 'base64').toString('utf8')) as DeploySpec; //@vuln CWE-502
    await respond('```' + (await runDeploy(spec, command.user_id)) + '```');
  });

  // /restart <service>
  app.command('/restart', async ({ command, ack, respond }) => {
    await ack();
    const service = command.text.trim();
    if (!SERVICES.has(service)) {
      await respond(`unknown service \`${service}\``);
      return;
    }
    const { stdout } = await execAsync(`sudo systemctl restart ${service}.service && systemctl is-active ${service}.service`); //@safe
    await respond(`restarted ${service}: ${stdout.trim()}`);
  });

  // /rollback <service> <version>
  app.command('/rollback', async ({ command, ack, respond }) => {
    await ack();
    const [service, version] = parseArgs(command.text);
    if (!SERVICES.has(service) || !version) {
      await respond('usage: /rollback <service> <version>');
      return;
    }
    const child = spawn('bash', ['-c', `./scripts/rollback.sh ${service} ${version}`], { cwd: config.deployRoot }); //@vuln CWE-78
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', async (code) => {
      await respond(`rollback exited ${code}\n\`\`\`${truncate(out)}\`\`\``);
    });
  });

  // /release-notes <service> <fromTag> <toTag>
  app.command('/release-notes', async ({ command, ack, respond }) => {
    await ack();
    const [service, from, to] = parseArgs(command.text);
    if (!SERVICES.has(service)) return void (await respond('unknown service'));
    const REF = /^[A-Za-z0-9][A-Za-z0-9._\/-]{0,99}$/;
    if (!REF.test(from) || !REF.test(to)) return void (await respond('bad tag name'));
    const { stdout } = await execFileAsync('git', ['log', '--oneline', `${from}..${to}`], { cwd: path.join(config.deployRoot, service) }); //@safe
    await respond('```' + truncate(stdout) + '```');
  });

  // /deploys <service> [limit]
  app.command('/deploys', async ({ command, ack, respond }) => {
    await ack();
    const [service, limit = '10'] = parseArgs(command.text);
    const { rows } = await pg.query(`SELECT ref, requested_by, approved_by, created_at FROM deploys WHERE service = '${service}' ORDER BY created_at DESC LIMIT ${limit}`); //@vuln CWE-89
    const lines = rows.map((r) => `• \`${r.ref}\` by <@${r.requested_by}> at ${r.created_at.toISOString()}`);
    await respond(lines.join('\n') || 'no deploys yet');
  });
}
