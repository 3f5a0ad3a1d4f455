import { App } from '@slack/bolt';
import { exec, execFile } from 'child_process';
import { promisify } from 'util';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { config } from '../../../bot-common/src/config';
import { logFileFor, parseArgs, resolveInside, truncate } from '../../../bot-common/src/util';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

export function registerLogCommands(app: App) {
  // /logs <service> [file]
  app.command('/logs', async ({ command, ack, respond }) => {
    await ack();
    const [service, file = 'current.log'] = parseArgs(command.text);
    const logPath = logFileFor(service, file);
    const content = await fs.promises.readFile(logPath, 'utf8'); //@vuln CWE-22
    const tail = content.split('\n').slice(-60).join('\n');
    await respond({ response_type: 'ephemeral', text: '```' + truncate(tail) + '```' });
  });

  // /tail <service> <file> [lines]
  app.command('/tail', async ({ command, ack, respond }) => {
    await ack();
    const [service, file, lines = '50'] = parseArgs(command.text);
    const n = Math.min(parseInt(lines, 10) || 50, 500);
    const full = resolveInside(config.logDir, path.join(service, file));
    const { stdout } = await execAsync(`tail -n ${n} ${full}`); //@vuln CWE-78
    await respond('```' + truncate(stdout) + '```');
  });

  // /grep <service> <pattern>
  app.command('/grep', async ({ command, ack, respond }) => {
    await ack();
    const [service, pattern] = parseArgs(command.text);
    const dir = resolveInside(config.logDir, service);
    const { stdout } = await execFileAsync('grep', ['-rn', '-m', '200', '-F', '-e', pattern, '--', dir], { maxBuffer: 4 << 20 }); //@safe
    await respond('```' + truncate(stdout || 'no matches') + '```');
  });

  // /errors <service> <since>  e.g. /errors api "2 hours ago"
  app.command('/errors', async ({ command, ack, respond }) => {
    await ack();
    const [service, since = '1 hour ago'] = parseArgs(command.text);
    const { stdout } = await execAsync(`journalctl -u ${service} --since "${since}" -p err --no-pager | tail -n 100`); //@vuln CWE-78
    await respond('```' + truncate(stdout || 'no errors') + '```');
  });

  // /logfile <service> <file> — uploads the full file to the channel
  app.command('/logfile', async ({ command, ack, respond, client }) => {
    await ack();
    const [service, file] = parseArgs(command.text);
    const full = resolveInside(path.join(config.logDir, service), file);
    await client.files.uploadV2({
      channel_id: command.channel_id,
      filename: path.basename(full),
      file: fs.createReadStream(full), //@safe
    });
  });

  // /logbundle <service> — tars a service's logs and uploads them
  app.command('/logbundle', async ({ command, ack, respond, client }) => {
    await ack();
    const service = command.text.trim();
    if (!/^[a-z][a-z0-9-]{1,30}$/.test(service)) {
      await respond('bad service name');
      return;
    }
    const listing = path.join(os.tmpdir(), `opsbot-bundle-${service}.txt`);
    fs.writeFileSync(listing, fs.readdirSync(path.join(config.logDir, service)).map((f) => `${service}/${f}`).join('\n')); //@vuln CWE-377
    const workDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'opsbot-')); //@safe
    const archive = path.join(workDir, `${service}.tar.gz`);
    await execFileAsync('tar', ['-czf', archive, '-C', config.logDir, '-T', listing]);
    await client.files.uploadV2({ channel_id: command.channel_id, filename: `${service}-logs.tar.gz`, file: archive });
    await fs.promises.rm(workDir, { recursive: true, force: true });
  });
}
