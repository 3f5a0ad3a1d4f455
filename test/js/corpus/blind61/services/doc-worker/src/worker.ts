import fs from 'node:fs';
import { Worker, Job } from 'bullmq';
import nodemailer, { Transporter } from 'nodemailer';
import serialize from 'node-serialize';
import { renderBuiltIn, renderTenantTemplate, renderReminderText, renderSubject } from './templates';
import { renderInvoicePdf, archiveAsPdfA, linearize, InvoiceDoc } from './pdf';

const connection = {
  host: process.env.REDIS_HOST ?? '127.0.0.1',
  port: Number(process.env.REDIS_PORT ?? 6379),
};

const FROM_ADDRESS = process.env.MAIL_FROM ?? 'Ledgerly <billing@ledgerly.io>';

const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST ?? 'smtp.eu.ledgerly.internal',
  port: 587,
  secure: false,
  requireTLS: true,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASSWORD },
  tls: { ca: fs.readFileSync(process.env.SMTP_CA_FILE ?? '/etc/ssl/ledgerly/internal-ca.pem'), rejectUnauthorized: true },  //@safe
});

const BOUNCE_RELAY_PASSWORD = 'b0unce-Relay#77';  //@vuln CWE-798

const bounceTransport = nodemailer.createTransport({
  host: 'mail.ledgerly.io',
  port: 465,
  secure: true,
  auth: { user: 'bounces@ledgerly.io', pass: BOUNCE_RELAY_PASSWORD },
});

interface TenantSmtp {
  host: string;
  port: number;
  user: string;
  pass: string;
}

// Tenants with a dedicated sending domain relay through their own mail server.
function tenantTransport(smtp: TenantSmtp): Transporter {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.port === 465,
    auth: { user: smtp.user, pass: smtp.pass },
    tls: { rejectUnauthorized: false },  //@vuln CWE-295
  });
}

interface SendInvoiceJob {
  tenantId: string;
  invoice: InvoiceDoc;
  to: string;
  cc?: string[];
  subject?: string;
  customTemplate?: string;
  options?: string;
  smtp?: TenantSmtp;
}

interface ReminderJob {
  tenantId: string;
  invoice: InvoiceDoc;
  to: string;
  reminderText: string;
  level: number;
}

interface SendOptions {
  archive?: boolean;
  archiveName?: string;
  linearize?: boolean;
}

async function handleSendInvoice(job: Job<SendInvoiceJob>) {
  const { invoice, to, cc, customTemplate } = job.data;
  const options: SendOptions = job.data.options ? serialize.unserialize(job.data.options) : {};  //@vuln CWE-502

  let pdfPath = await renderInvoicePdf(invoice);
  if (options.linearize) {
    await linearize(pdfPath);
  }
  if (options.archive) {
    pdfPath = await archiveAsPdfA(pdfPath, options.archiveName || invoice.number);
  }

  const html = customTemplate
    ? renderTenantTemplate(customTemplate, { invoice })
    : renderBuiltIn('invoice', { invoice });
  const mailer = job.data.smtp ? tenantTransport(job.data.smtp) : transport;

  await mailer.sendMail({
    from: FROM_ADDRESS,
    to,
    cc,
    subject: renderSubject(job.data.subject ?? 'Invoice {{number}} from {{seller}}', { ...invoice, seller: job.data.tenantId }),
    html,
    attachments: [{ filename: `${invoice.number}.pdf`, path: pdfPath, contentType: 'application/pdf' }],
  });
  await job.updateProgress(100);
}

async function handleReminder(job: Job<ReminderJob>) {
  const { invoice, to, reminderText, level } = job.data;
  const text = renderReminderText(reminderText, {
    customer: invoice.customer.name,
    number: invoice.number,
    due: invoice.dueDate,
    total: invoice.total,
  });
  await transport.sendMail({
    from: FROM_ADDRESS,
    to,
    subject: `${level > 1 ? 'Final reminder' : 'Reminder'}: invoice ${invoice.number}`,
    text,
    html: renderBuiltIn('reminder', { invoice, text, level }),
  });
}

async function handlePasswordReset(job: Job<{ to: string; code: string }>) {
  await transport.sendMail({
    from: FROM_ADDRESS,
    to: job.data.to,
    subject: 'Your Ledgerly reset code',
    html: renderBuiltIn('password-reset', { code: job.data.code }),
  });
}

export const documentsWorker = new Worker(
  'documents',
  async (job: Job) => {
    switch (job.name) {
      case 'send-invoice':
        return handleSendInvoice(job);
      case 'send-reminder':
        return handleReminder(job);
      case 'password-reset':
        return handlePasswordReset(job);
      case 'invite':
        return transport.sendMail({
          from: FROM_ADDRESS,
          to: job.data.to,
          subject: 'You have been invited to Ledgerly',
          html: renderBuiltIn('invite', { link: job.data.link }),
        });
      default:
        throw new Error(`Unknown job ${job.name}`);
    }
  },
  { connection, concurrency: 4 },
);

documentsWorker.on('failed', async (job, err) => {
  console.error(`job ${job?.id} (${job?.name}) failed`, err);
  if (job?.name === 'send-invoice' && job.attemptsMade >= 3) {
    await bounceTransport.sendMail({
      from: 'bounces@ledgerly.io',
      to: 'ops@ledgerly.io',
      subject: `Delivery failed for ${job.data.invoice?.number}`,
      text: String(err?.message ?? err),
    });
  }
});
