import nodemailer from "nodemailer";
import { isProduction } from "../config";

const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST ?? "smtp.lexbridge.io",
  port: Number(process.env.SMTP_PORT ?? 587),
  secure: false,
  requireTLS: isProduction,
  auth: {
    user: process.env.SMTP_USER,
    pass: process.env.SMTP_PASSWORD,
  },
});

const FROM = process.env.MAIL_FROM ?? "LexBridge <no-reply@lexbridge.io>";

export async function sendMail(to: string, subject: string, text: string, html?: string): Promise<void> {
  if (!isProduction && !process.env.SMTP_HOST) {
    console.info(`[mail] to=${to} subject=${subject}\n${text}`);
    return;
  }
  await transport.sendMail({ from: FROM, to, subject, text, html });
}
