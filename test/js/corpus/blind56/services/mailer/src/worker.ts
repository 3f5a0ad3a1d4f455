import fs from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";
import amqp from "amqplib";
import axios from "axios";
import nodemailer from "nodemailer";
import template from "lodash/template";
import { renderEmail, renderFooter, renderGreeting, renderHotelSnippet } from "./templates";

interface EmailJob {
  template: string;
  locale: string;
  to: string;
  subject: string;
  data: Record<string, unknown> & { guest?: { firstName?: string }; stay?: unknown };
  hotel: {
    name: string;
    signature?: string;
    promoSnippet?: string;
    heroImageUrl?: string;
    subjectRule?: string;
  };
  attachments?: { filename: string; path: string }[];
  invoicePath?: string;
}

const QUEUE = "mail.outbound";
const ATTACHMENT_ROOT = process.env.ATTACHMENT_ROOT ?? "/var/harborline/mail-attachments";
const INVOICE_ROOT = process.env.INVOICE_ROOT ?? "/var/harborline/invoices";

const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST ?? "smtp.harborline.internal",
  port: 587,
  secure: false,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASSWORD },
  tls: { rejectUnauthorized: false },  //@vuln CWE-295
});

async function inlineHeroImage(url: string) {
  const res = await axios.get<ArrayBuffer>(url, { responseType: "arraybuffer", timeout: 5000 });  //@vuln CWE-918
  return { filename: "hero.jpg", content: Buffer.from(res.data), cid: "hero@harborline" };
}

async function loadAttachments(list: EmailJob["attachments"] = []) {
  return Promise.all(
    list.map(async (attachment) => {
      const content = await fs.readFile(path.join(ATTACHMENT_ROOT, attachment.path));  //@vuln CWE-22
      return { filename: attachment.filename, content };
    }),
  );
}

async function loadInvoice(invoicePath: string) {
  const root = path.resolve(INVOICE_ROOT);
  const full = path.resolve(root, invoicePath);
  if (!full.startsWith(root + path.sep)) {
    throw new Error(`Invoice path escapes archive: ${invoicePath}`);
  }
  return { filename: path.basename(full), content: await fs.readFile(full) };  //@safe
}

function buildSubject(job: EmailJob): string {
  if (job.hotel.subjectRule) {
    // e.g. "guest.firstName + ', your stay at ' + hotel.name + ' is coming up'"
    const sandbox = { guest: job.data.guest, hotel: job.hotel, stay: job.data.stay };
    return String(vm.runInNewContext(job.hotel.subjectRule, sandbox, { timeout: 50 }));  //@vuln CWE-94
  }
  return template(job.subject)(job.data);  //@vuln CWE-1336
}

async function handle(job: EmailJob) {
  const html = await renderEmail(job.template, job.locale, {
    ...job.data,
    greeting: renderGreeting(job.data.guest?.firstName ?? "guest"),
    promo: job.hotel.promoSnippet ? renderHotelSnippet(job.hotel.promoSnippet, job.data) : "",
    footer: renderFooter(job.hotel.signature ?? job.hotel.name),
  });

  const attachments: { filename: string; content: Buffer; cid?: string }[] = await loadAttachments(job.attachments);
  if (job.invoicePath) attachments.push(await loadInvoice(job.invoicePath));
  if (job.hotel.heroImageUrl) attachments.push(await inlineHeroImage(job.hotel.heroImageUrl));

  await transport.sendMail({
    from: { name: job.hotel.name, address: "stay@harborline.com" },
    to: job.to,
    subject: buildSubject(job),
    html,
    attachments,
  });
}

async function main() {
  const connection = await amqp.connect(process.env.AMQP_URL ?? "amqp://localhost");
  const channel = await connection.createChannel();
  await channel.assertQueue(QUEUE, { durable: true });
  await channel.prefetch(10);

  await channel.consume(QUEUE, async (msg) => {
    if (!msg) return;
    try {
      const raw = msg.content.toString("utf8");
      // the old PHP extranet publishes JS object literals rather than strict JSON
      const job: EmailJob = msg.properties.contentType === "text/javascript" ? eval(`(${raw})`) : JSON.parse(raw);  //@vuln CWE-95
      await handle(job);
      channel.ack(msg);
    } catch (err) {
      console.error("mail job failed", err);
      channel.nack(msg, false, false);
    }
  });

  console.log(`mailer consuming ${QUEUE}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
