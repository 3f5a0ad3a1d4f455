import nodemailer from 'nodemailer';
import Handlebars from 'handlebars';
import template from 'lodash/template';
import pug from 'pug';
import ejs from 'ejs';
import { htmlToText } from 'html-to-text';
import { config } from '../config';

export type MergeVars = Record<string, string | number | undefined>;

const transporter = nodemailer.createTransport({
  host: config.smtp.host,
  port: config.smtp.port,
  secure: config.smtp.port === 465,
  auth: { user: config.smtp.user, pass: config.smtp.pass },
  tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2' },  //@safe
});

const systemTemplates = {
  applicationReceived: Handlebars.compile(
    '<p>Hi {{firstName}},</p><p>Thanks for applying to <strong>{{jobTitle}}</strong> at {{companyName}}. ' +
      'We will be in touch soon.</p>',
  ),
  interviewInvite: Handlebars.compile(
    '<p>Hi {{firstName}},</p><p>You are invited to interview for <strong>{{jobTitle}}</strong> on {{when}}.</p>' +
      '<p><a href="{{joinUrl}}">Join the interview</a> &middot; access code {{accessCode}}</p>',
  ),
  rejection: Handlebars.compile(
    '<p>Hi {{firstName}},</p><p>Thank you for your interest in {{jobTitle}}. We have decided to move forward with other candidates.</p>',
  ),
};

export type SystemTemplate = keyof typeof systemTemplates;

export function renderSystemEmail(name: SystemTemplate, vars: MergeVars): string {
  return systemTemplates[name](vars);  //@safe
}

// Recruiters write their own templates with {{ mergeField }} placeholders.
export function renderCustomTemplate(body: string, vars: MergeVars = {}): string {
  const compiled = template(body, { interpolate: /{{\s*([\s\S]+?)\s*}}/g });  //@vuln CWE-1336
  return compiled(vars);
}

export function renderLayout(layoutSource: string, locals: Record<string, unknown>): string {
  return pug.render(layoutSource, { ...locals, cache: false });  //@vuln CWE-1336
}

export function renderSignature(signature: string, recruiter: { name: string; title?: string }): string {
  return ejs.render(signature, { recruiter });  //@vuln CWE-1336
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  replyTo?: string;
  ics?: string;
}

export async function sendCandidateEmail(message: OutgoingEmail) {
  return transporter.sendMail({
    from: config.smtp.from,
    to: message.to,
    replyTo: message.replyTo,
    subject: message.subject,
    html: message.html,
    text: htmlToText(message.html, { wordwrap: 100 }),
    icalEvent: message.ics ? { method: 'REQUEST', content: message.ics } : undefined,
  });
}
