'use strict';
const { App, ExpressReceiver, LogLevel } = require('@slack/bolt');
const { execSync, execFile } = require('child_process');
const fs = require('fs');
const path = require('path');
const ldap = require('ldapjs');
const axios = require('axios');
const config = require('../../shared/config');
const { postWebhook } = require('../../shared/http');
const { escapeHtml } = require('../../shared/util');
const { signWebhook } = require('../../shared/crypto');

const STATUSPAGE_API_KEY = 'c7a9f2e4-51b3-4d8e-9f60-2b7d13e8a4c5'; //@vuln CWE-798
const STATUSPAGE_PAGE = 'k2v9xq7lmw3n';

const receiver = new ExpressReceiver({ signingSecret: config.slack.signingSecret, processBeforeResponse: true });
const app = new App({ token: config.slack.botToken, receiver, logLevel: config.isProd ? LogLevel.INFO : LogLevel.DEBUG });

const DEPLOY_ROOT = process.env.DEPLOY_ROOT || '/srv/deploy';
const DEPLOYABLE = new Set(['api', 'web', 'worker', 'collab']);
const RUNBOOKS = fs.readdirSync(config.dirs.runbooks).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
const HELP = ['/whois', '/manager', '/runbook', '/attach', '/deploy', '/rollback', '/grep', '/incident'];

function ldapClient() {
  const client = ldap.createClient({ url: config.ldap.url, tlsOptions: { rejectUnauthorized: false } }); //@vuln CWE-295
  return new Promise((resolve, reject) => {
    client.bind(config.ldap.bindDN, config.ldap.bindPassword, (err) => (err ? reject(err) : resolve(client)));
  });
}

function ldapSearch(client, base, opts) {
  return new Promise((resolve, reject) => {
    const out = [];
    client.search(base, opts, (err, res) => {
      if (err) return reject(err);
      res.on('searchEntry', (entry) => out.push(entry.pojo || entry.object));
      res.on('error', reject);
      res.on('end', () => resolve(out));
    });
  });
}

app.command('/whois', async ({ command, ack, respond }) => {
  await ack();
  const who = command.text.trim();
  const client = await ldapClient();
  try {
    const filter = `(&(objectClass=person)(|(uid=${who})(mail=${who})))`;
    const people = await ldapSearch(client, config.ldap.baseDN, { scope: 'sub', filter, attributes: ['cn', 'mail', 'title'] }); //@vuln CWE-90
    await respond(people.length ? people.map((p) => `*${p.cn}* – ${p.title || ''} <mailto:${p.mail}>`).join('\n') : 'nobody found');
  } finally {
    client.unbind();
  }
});

app.command('/manager', async ({ command, ack, respond }) => {
  await ack();
  const client = await ldapClient();
  try {
    const filter = new ldap.EqualityFilter({ attribute: 'uid', value: command.text.trim() });
    const rows = await ldapSearch(client, config.ldap.baseDN, { scope: 'sub', filter, attributes: ['manager'] }); //@safe
    await respond(rows[0] && rows[0].manager ? `Manager: ${rows[0].manager}` : 'no manager on record');
  } finally {
    client.unbind();
  }
});

app.command('/runbook', async ({ command, ack, respond }) => {
  await ack();
  const name = command.text.trim();
  if (!RUNBOOKS.includes(name)) return respond(`Unknown runbook. Try one of: ${RUNBOOKS.join(', ')}`);
  const md = fs.readFileSync(path.join(config.dirs.runbooks, `${name}.md`), 'utf8'); //@safe
  return respond({ text: md.slice(0, 3000), response_type: 'ephemeral' });
});

// /attach network/diagram.png -> uploads a file from the runbook attachments folder.
app.command('/attach', async ({ command, ack, client, respond }) => {
  await ack();
  const rel = command.text.trim();
  const file = path.join(config.dirs.runbooks, 'attachments', rel);
  if (!fs.existsSync(file)) return respond('no such attachment');
  return client.files.uploadV2({ channel_id: command.channel_id, filename: path.basename(rel), file: fs.createReadStream(file) }); //@vuln CWE-22
});

// /deploy api v2.14.1
app.command('/deploy', async ({ command, ack, respond }) => {
  await ack();
  const [service, ref = 'main'] = command.text.trim().split(/\s+/);
  if (!DEPLOYABLE.has(service)) return respond(`Can't deploy \`${service}\`. Deployable: ${[...DEPLOYABLE].join(', ')}`);
  await respond(`Deploying ${service}@${ref}…`);
  try {
    const out = execSync(`./scripts/deploy.sh ${service} ${ref}`, { cwd: DEPLOY_ROOT, timeout: 300000 }).toString(); //@vuln CWE-78
    return respond({ text: `:white_check_mark: ${service} deployed\n\`\`\`${out.slice(-1500)}\`\`\`` });
  } catch (err) {
    return respond(`:x: deploy failed: ${err.message.slice(0, 500)}`);
  }
});

app.command('/rollback', async ({ command, ack, respond }) => {
  await ack();
  const service = command.text.trim();
  if (!DEPLOYABLE.has(service)) return respond('unknown service');
  execFile('./scripts/rollback.sh', [service], { cwd: DEPLOY_ROOT, timeout: 300000 }, (err, stdout) => { //@safe
    respond(err ? `:x: rollback failed: ${err.message}` : `:rewind: ${service} rolled back\n${stdout.slice(-800)}`);
  });
});

// /grep api timeout.*upstream
app.command('/grep', async ({ command, ack, respond }) => {
  await ack();
  const [service, ...rest] = command.text.trim().split(' ');
  const file = path.join(config.dirs.logs, `${path.basename(service)}.log`);
  const re = new RegExp(rest.join(' '), 'i'); //@vuln CWE-1333
  const lines = fs.readFileSync(file, 'utf8').split('\n'); //@safe
  const hits = lines.filter((l) => re.test(l)).slice(-30);
  await respond('```' + (hits.join('\n') || 'no matches') + '```');
});

app.command('/incident', async ({ command, ack, respond, client }) => {
  await ack();
  const title = command.text.trim() || 'Investigating elevated errors';
  await axios.post(`https://api.statuspage.io/v1/pages/${STATUSPAGE_PAGE}/incidents`, { incident: { name: title, status: 'investigating' } }, { headers: { Authorization: `OAuth ${STATUSPAGE_API_KEY}` } });
  await postWebhook(process.env.ONCALL_WEBHOOK_URL, { text: `:rotating_light: ${title} (opened by <@${command.user_id}>)` });
  await client.chat.postMessage({ channel: command.channel_id, text: `Incident opened: ${title}` });
});

// Team admins register an outgoing webhook in a modal; we ping it to check it works.
app.view('webhook_register', async ({ ack, view, body }) => {
  const url = view.state.values.url_block.url_input.value;
  await ack();
  const payload = JSON.stringify({ type: 'ping', team: body.team.id, at: Date.now() });
  await axios.post(url, payload, { headers: { 'content-type': 'application/json', 'x-acme-signature': signWebhook(payload, config.webhookSecret) }, timeout: 5000 }); //@vuln CWE-918
});

receiver.router.get('/slack/install/done', (req, res) => {
  res.redirect(req.query.return_to || 'https://acme-ops.slack.com'); //@vuln CWE-601
});

receiver.router.get('/slack/help', (req, res) => {
  const items = HELP.map((c) => `<li><code>${escapeHtml(c)}</code></li>`).join('');
  res.send(`<h2>Acme Ops bot</h2><p>Commands available to ${req.query.team || 'your team'}:</p><ul>${items}</ul>`); //@vuln CWE-79
});

(async () => {
  await app.start(config.port);
  console.log(`slack app running on :${config.port}`);
})();
