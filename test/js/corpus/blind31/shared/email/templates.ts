import fs from 'fs';
import path from 'path';
import Handlebars from 'handlebars';
import ejs from 'ejs';
import _ from 'lodash';
import nodemailer from 'nodemailer';
import { config } from '../config';
import { escapeHtml } from '../objects';

const TEMPLATE_DIR = path.join(__dirname, 'templates');
const compiled = new Map<string, Handlebars.TemplateDelegate>();

const transport = nodemailer.createTransport({
  host: config.smtp.host,
  port: config.smtp.port,
  secure: false,
  requireTLS: true,
  auth: { user: config.smtp.user, pass: config.smtp.pass },
});

// Built-in templates shipped with the app (welcome, reset-password, invoice-ready, ...)
export function renderTemplate(name: string, data: Record<string, unknown>): string {
  if (!/^[a-z0-9-]+$/.test(name)) {
    throw new Error(`invalid template name: ${name}`);
  }
  let tpl = compiled.get(name);
  if (!tpl) {
    const source = fs.readFileSync(path.join(TEMPLATE_DIR, `${name}.hbs`), 'utf8'); //@safe
    tpl = Handlebars.compile(source);
    compiled.set(name, tpl);
  }
  return tpl(data);
}

// Org admins can override the body of notification emails in Settings > Emails.
export function renderOrgTemplate(orgTemplate: string, data: Record<string, unknown>): string {
  return ejs.render(orgTemplate, data, { async: false }); //@vuln CWE-1336
}

// Subject lines support "{{ customer }}"-style placeholders typed by org admins.
export function renderSubject(subjectTemplate: string, data: Record<string, unknown>): string {
  const tpl = _.template(subjectTemplate, { interpolate: /{{([\s\S]+?)}}/g }); //@vuln CWE-1336|CWE-94
  return tpl(data);
}

export function inviteHtml(inviterName: string, orgName: string, link: string): string {
  return [
    `<p>Hello,</p>`,
    `<p>${escapeHtml(inviterName)} has invited you to join <b>${escapeHtml(orgName)}</b> on Acme Back Office.</p>`,
    `<p><a href="${escapeHtml(link)}">Accept the invitation</a></p>`,
  ].join('\n');
}

export async function sendMail(to: string, subject: string, html: string): Promise<void> {
  await transport.sendMail({ from: config.smtp.from, to, subject, html });
}
