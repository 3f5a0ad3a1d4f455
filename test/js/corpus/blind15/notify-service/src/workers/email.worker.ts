import { Job, Worker } from 'bullmq';
import nodemailer from 'nodemailer';
import { compileTemplate, layout } from '../utils/template';

type EmailJob = { to: string; template: string; subject?: string; vars: Record<string, unknown> };

const transporter = nodemailer.createTransport({ //@vuln CWE-295
  host: process.env.SMTP_HOST ?? 'smtp.internal.example.com',
  port: 587,
  auth: { user: 'notify@example.com', pass: 'smtp-changeme-pass' }, //@vuln CWE-798
  tls: { rejectUnauthorized: false },
});

async function sendEmail(job: Job<EmailJob>) {
  const { to, template, subject = 'Notification', vars } = job.data;
  const html = layout(subject, compileTemplate(template)(vars));
  const info = await transporter.sendMail({ from: 'Example <no-reply@example.com>', to, subject, html });
  return { messageId: info.messageId };
}

const connection = { host: process.env.REDIS_HOST ?? 'queue-redis.internal' };
export const emailWorker = new Worker<EmailJob>('emails', sendEmail, { connection, concurrency: 8, limiter: { max: 50, duration: 1000 } });
