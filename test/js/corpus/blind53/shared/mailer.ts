// @hireloop/shared/mailer — transactional e-mail for candidates and employees.
import nodemailer from 'nodemailer';
import { escapeHtml } from './util';

const transporter = nodemailer.createTransport({
  host: process.env.SMTP_HOST || 'smtp.mailgun.org',
  port: Number(process.env.SMTP_PORT || 587),
  secure: false,
  requireTLS: true,
  auth: {
    user: process.env.SMTP_USER || 'postmaster@mg.hireloop.io',
    pass: process.env.SMTP_PASS || '7d2e91c4b0a3f5e8-mg-1a2b3c', //@vuln CWE-798
  },
  tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2' }, //@safe
});

const FROM = process.env.MAIL_FROM || 'HireLoop Careers <no-reply@hireloop.io>';

export interface CandidateMailVars {
  name: string;
  jobTitle?: string;
  link?: string;
  when?: string;
}

export async function sendCandidateEmail(to: string, subject: string, vars: CandidateMailVars): Promise<void> {
  const lines = [`Hi ${vars.name},`, ''];
  if (vars.jobTitle) lines.push(`Thanks for your interest in the ${vars.jobTitle} role.`);
  if (vars.when) lines.push(`Your interview is scheduled for ${vars.when}.`);
  if (vars.link) lines.push(`You can follow your application here: ${vars.link}`);
  const text = lines.join('\n');
  const html = `<p>Hi ${escapeHtml(vars.name)},</p><p>${escapeHtml(lines.slice(2).join(' '))}</p>`; //@safe
  await transporter.sendMail({ from: FROM, to, subject, text, html });
}

export async function sendInternalEmail(to: string[], subject: string, text: string): Promise<void> {
  if (!to.length) return;
  await transporter.sendMail({ from: FROM, to: to.join(','), subject, text });
}
