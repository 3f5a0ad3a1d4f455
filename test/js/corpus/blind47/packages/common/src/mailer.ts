import fs from 'fs';
import path from 'path';
import nodemailer from 'nodemailer';
import Handlebars from 'handlebars';
import ejs from 'ejs';
import { config } from './config';

const TEMPLATE_DIR = path.resolve(__dirname, '..', 'templates');

export const TEMPLATES = ['booking-confirmed', 'booking-cancelled', 'booking-request', 'payout-sent', 'password-reset'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

const transport = nodemailer.createTransport({ host: config.smtp.host, port: config.smtp.port, secure: config.smtp.port === 465, auth: { user: config.smtp.user, pass: config.smtp.pass } });

const compiled = new Map<string, HandlebarsTemplateDelegate>();

Handlebars.registerHelper('money', (cents: number, currency: string) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency || 'EUR' }).format((cents || 0) / 100),
);

export function isTemplateName(name: unknown): name is TemplateName {
  return typeof name === 'string' && (TEMPLATES as readonly string[]).includes(name);
}

export function renderTemplate(name: TemplateName | string, data: Record<string, unknown>): string {
  if (!isTemplateName(name)) throw new Error(`unknown template ${name}`);
  let tpl = compiled.get(name);
  if (!tpl) {
    const src = fs.readFileSync(path.join(TEMPLATE_DIR, `${name}.hbs`), 'utf8'); //@safe
    tpl = Handlebars.compile(src);
    compiled.set(name, tpl);
  }
  return tpl(data);
}

/**
 * Hosts can customise the welcome note that goes out with the confirmation.
 * The note supports <%= guest.firstName %> style placeholders.
 */
export function renderHostNote(noteTemplate: string, data: Record<string, unknown>): string {
  return ejs.render(noteTemplate, data); //@vuln CWE-1336
}

export interface ConfirmationInput {
  to: string;
  guestName: string;
  listingTitle: string;
  checkIn: string;
  checkOut: string;
  totalCents: number;
  currency: string;
  reference: string;
  hostNote?: string | null;
}

export async function sendBookingConfirmation(input: ConfirmationInput): Promise<void> {
  const note = input.hostNote ? renderHostNote(input.hostNote, { guest: { firstName: input.guestName.split(' ')[0] } }) : '';
  const html = renderTemplate('booking-confirmed', { ...input, hostNote: new Handlebars.SafeString(note) });
  await transport.sendMail({ from: config.smtp.from, to: input.to, subject: `Your stay at ${input.listingTitle} is confirmed (${input.reference})`, html });
}

export async function sendMail(to: string, template: TemplateName, subject: string, data: Record<string, unknown>) {
  await transport.sendMail({ from: config.smtp.from, to, subject, html: renderTemplate(template, data) });
}
