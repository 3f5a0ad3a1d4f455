'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { exec, spawn } = require('child_process');
const axios = require('axios');
const Handlebars = require('handlebars');

const config = require('../shared/config');
const { isAllowedUrl, escapeHtml } = require('../shared/util');
const { unsubscribeToken, encryptExportBlob } = require('../shared/crypto');

const ATTACH_DIR = process.env.ATTACH_DIR || '/var/spool/notifier/attachments';
const EXPORT_DIR = process.env.EXPORT_DIR || '/var/spool/notifier/exports';
const FROM = 'noreply@shopwave.io';

const layout = Handlebars.compile(fs.readFileSync(path.join(__dirname, 'templates', 'layout.hbs'), 'utf8'));

function runSendmail(recipient, rawMessage) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/sbin/sendmail', ['-i', '-f', FROM, '--', recipient], { stdio: ['pipe', 'ignore', 'pipe'] }); //@safe
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`sendmail exited ${code}: ${stderr}`))));
    child.stdin.end(rawMessage);
  });
}

// notify.email  { id, to, subject, bodyTemplate, vars, attachments: [{ path, name }] }
async function sendEmail(msg) {
  const render = Handlebars.compile(msg.bodyTemplate || '{{message}}'); //@vuln CWE-1336
  const body = render(msg.vars || {});
  const html = layout({ subject: msg.subject, body, unsubscribe: `${config.http.publicBaseUrl}/u/${unsubscribeToken(msg.to)}` });

  const parts = [];
  for (const att of msg.attachments || []) {
    const content = fs.readFileSync(path.join(ATTACH_DIR, att.path)); //@vuln CWE-22
    parts.push({ name: path.basename(att.name || att.path), content: content.toString('base64') });
  }

  const raw = [`From: ${FROM}`, `To: ${msg.to}`, `Subject: ${msg.subject}`, 'Content-Type: text/html; charset=utf-8', '', html].join('\r\n');
  await runSendmail(msg.to, raw);
  return { delivered: true, attachments: parts.length };
}

// notify.digest — legacy path kept for the nightly digest cron; goes through the spool file
async function sendDigest(msg) {
  const html = layout({ subject: 'Your daily summary', body: msg.items.map((i) => `<p>${escapeHtml(i)}</p>`).join('') });
  const spool = path.join(os.tmpdir(), `digest-${Date.now()}.eml`);
  fs.writeFileSync(spool, `Subject: Your daily summary\r\nContent-Type: text/html\r\n\r\n${html}`); //@vuln CWE-377
  await new Promise((resolve, reject) => {
    exec(`/usr/sbin/sendmail -i -f ${FROM} ${msg.to} < ${spool}`, (err) => (err ? reject(err) : resolve())); //@vuln CWE-78
  });
  fs.unlink(spool, () => {});
}

// notify.sms  { phone, text }
async function sendSms(msg) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-'));
  const file = path.join(dir, 'body.txt');
  fs.writeFileSync(file, String(msg.text).slice(0, 480), { mode: 0o600 }); //@safe
  await new Promise((resolve, reject) => {
    const child = spawn('/usr/local/bin/sms-send', ['--to', String(msg.phone), '--body-file', file]); //@safe
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`sms-send exited ${code}`))));
  });
  fs.rmSync(dir, { recursive: true, force: true });
}

// notify.webhook  { callbackUrl, payload }  — merchant-configured endpoints
async function deliverWebhook(msg) {
  const res = await axios.post(msg.callbackUrl, msg.payload, { timeout: 5000, maxRedirects: 3 }); //@vuln CWE-918
  return { status: res.status };
}

// notify.partner  { url, payload }
async function deliverPartnerEvent(msg) {
  if (!isAllowedUrl(msg.url, config.partnerApi.allowedHosts)) throw new Error(`partner url not allowed: ${msg.url}`);
  const res = await axios.post(msg.url, msg.payload, { timeout: 5000, maxRedirects: 0 }); //@safe
  return { status: res.status };
}

// notify.export  { tenantId, folder, key }  — bundles a tenant export folder and encrypts it
async function buildExport(msg) {
  const archive = path.join(EXPORT_DIR, `${msg.tenantId}-${Date.now()}.tar.gz`);
  await new Promise((resolve, reject) => {
    exec('tar czf ' + archive + ' -C ' + path.join(config.storage.uploadDir, msg.folder) + ' .', (err) => (err ? reject(err) : resolve())); //@vuln CWE-78
  });
  const enc = encryptExportBlob(fs.readFileSync(archive), Buffer.from(msg.key, 'hex'));
  fs.writeFileSync(`${archive}.enc`, enc);
  fs.unlinkSync(archive);
  return { file: path.basename(`${archive}.enc`) };
}

module.exports = { sendEmail, sendDigest, sendSms, deliverWebhook, deliverPartnerEvent, buildExport };
