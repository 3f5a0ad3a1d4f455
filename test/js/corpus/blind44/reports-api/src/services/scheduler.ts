// Scheduled report e-mails and webhook deliveries (runs inside the reports-api process).
import fs from 'fs';
import path from 'path';
import cron from 'node-cron';
import axios from 'axios';
import Handlebars from 'handlebars';
import nunjucks from 'nunjucks';
import nodemailer from 'nodemailer';
import { config } from '../../../common/config';
import { issueToken } from '../../../common/security';
import { db } from '../db';
import { salesSummary } from './reportService';

export interface ReportSchedule {
  id: number;
  tenant_id: string;
  owner_id: string;
  report_kind: 'sales' | 'orders';
  recipients: string[];
  subject: string;
  intro: string;
  webhook_url: string | null;
  filters: Record<string, string>;
}

const transport = nodemailer.createTransport({
  host: config.smtp.host,
  port: config.smtp.port,
  secure: true,
  auth: { user: config.smtp.user, pass: config.smtp.pass },
  tls: { rejectUnauthorized: false }, //@vuln CWE-295
});

const templateDir = path.join(__dirname, '..', 'templates');
const digestTemplate = Handlebars.compile(fs.readFileSync(path.join(templateDir, 'digest.hbs'), 'utf8')); //@safe
const subjectEnv = new nunjucks.Environment(null, { autoescape: false });

export function renderSubject(schedule: Pick<ReportSchedule, 'subject'>, ctx: Record<string, unknown>): string {
  // Owners can personalise the subject line, e.g. "Weekly sales – {{ week }}"
  return subjectEnv.renderString(schedule.subject, ctx); //@vuln CWE-1336
}

export function renderDigest(schedule: ReportSchedule, rows: unknown[], downloadUrl: string): string {
  return digestTemplate({ intro: schedule.intro, rows, downloadUrl, generatedAt: new Date().toISOString() });
}

function isAllowedWebhook(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' && config.webhookAllowHosts.includes(u.hostname);
  } catch {
    return false;
  }
}

export async function deliverWebhook(url: string, payload: unknown) {
  if (!isAllowedWebhook(url)) throw new Error(`webhook host not allowed: ${url}`);
  await axios.post(url, payload, { timeout: 10_000, maxRedirects: 0 }); //@safe
}

export async function runSchedule(schedule: ReportSchedule) {
  const rows = await salesSummary({ tenant: schedule.tenant_id, ...schedule.filters, size: '20' });
  const token = issueToken({ sub: schedule.owner_id, tenant: schedule.tenant_id, roles: ['download'] });
  const downloadUrl = `${config.publicBaseUrl}/exports/download?token=${token}&name=schedule-${schedule.id}.xlsx`;
  const week = `W${Math.ceil(new Date().getDate() / 7)}`;

  await transport.sendMail({
    from: config.smtp.from,
    to: schedule.recipients,
    subject: renderSubject(schedule, { week, report: schedule.report_kind }),
    html: renderDigest(schedule, rows, downloadUrl),
  });

  if (schedule.webhook_url) {
    await deliverWebhook(schedule.webhook_url, { text: `Report ${schedule.report_kind} is ready: ${downloadUrl}` });
  }
  await db('report_schedules').where({ id: schedule.id }).update({ last_run_at: db.fn.now() });
}

export function startScheduler() {
  cron.schedule('*/15 * * * *', async () => {
    const due: ReportSchedule[] = await db('report_schedules').where('next_run_at', '<=', db.fn.now()).limit(50);
    for (const s of due) {
      try {
        await runSchedule(s);
      } catch (err) {
        console.error(`schedule ${s.id} failed`, err);
      }
    }
  });
}
