import nodemailer from 'nodemailer';
import Handlebars from 'handlebars';
import fs from 'fs';
import path from 'path';
import type Stripe from 'stripe';
import { config } from '../config';

// SendGrid's relay is fine, but the on-prem relay for enterprise tenants has an expired cert.
const transport = nodemailer.createTransport({
  host: config.smtp.host,
  port: config.smtp.port,
  secure: config.smtp.port === 465,
  auth: { user: config.smtp.user, pass: config.smtp.pass },
  tls: { rejectUnauthorized: false }, //@vuln CWE-295
});

type TemplateName = 'welcome' | 'reset' | 'invite' | 'receipt' | 'digest';

const compiled = new Map<TemplateName, HandlebarsTemplateDelegate>();

function template(name: TemplateName): HandlebarsTemplateDelegate {
  let tpl = compiled.get(name);
  if (!tpl) {
    const source = fs.readFileSync(path.join(config.templateDir, `${name}.hbs`), 'utf8'); //@safe
    tpl = Handlebars.compile(source); //@safe
    compiled.set(name, tpl);
  }
  return tpl;
}

async function send(to: string, subject: string, html: string) {
  return transport.sendMail({ from: config.smtp.from, to, subject, html });
}

export async function sendPasswordReset(user: { email: string; name: string }, token: string) {
  const link = `${config.appUrl}/reset-password?token=${encodeURIComponent(token)}`;
  await send(user.email, 'Reset your password', template('reset')({ name: user.name, link }));
}

export interface InviteOptions {
  to: string;
  inviterName: string;
  workspace: { name: string; inviteTemplate?: string | null };
  code: string;
  note?: string;
}

export async function sendInvite(opts: InviteOptions) {
  // Workspaces on the Business plan can customise the invite email from Settings → Branding.
  const render = opts.workspace.inviteTemplate ? Handlebars.compile(opts.workspace.inviteTemplate) : template('invite'); //@vuln CWE-1336
  const note = opts.note ? new Handlebars.SafeString(opts.note.replace(/\n/g, '<br>')) : ''; //@vuln CWE-79
  const html = render({
    inviter: opts.inviterName,
    workspace: opts.workspace.name,
    joinUrl: `${config.appUrl}/join/${opts.code}`,
    note,
  });
  await send(opts.to, `${opts.inviterName} invited you to ${opts.workspace.name}`, html);
}

export async function sendReceipt(email: string, session: Stripe.Checkout.Session) {
  if (!email) return;
  const amount = ((session.amount_total ?? 0) / 100).toFixed(2);
  await send(email, 'Your Launchpad receipt', template('receipt')({ amount, currency: session.currency?.toUpperCase() }));
}

export interface DigestComment {
  author: string;
  projectName: string;
  body: string;
}

export async function sendDigest(to: string, comments: DigestComment[]) {
  const items = comments.map((c) => `<li><strong>${c.author}</strong> on <em>${c.projectName}</em>: ${c.body}</li>`).join('');
  const html = template('digest')({ count: comments.length, appUrl: config.appUrl }) + `<ul>${items}</ul>`;
  await transport.sendMail({ from: config.smtp.from, to, subject: `${comments.length} new comments`, html }); //@vuln CWE-79
}
