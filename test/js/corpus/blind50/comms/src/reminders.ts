import fs from 'fs';
import path from 'path';
import express, { Router } from 'express';
import twilio from 'twilio';
import nodemailer from 'nodemailer';
import cron from 'node-cron';
import Handlebars from 'handlebars';
import { pgPool } from '../../common/src/db';
import { smsVerificationCode, hashToken, linkSignatureMatches } from '../../common/src/crypto';
import { audit } from '../../common/src/audit';

const pool = pgPool('portal');
const PORTAL_URL = process.env.PORTAL_URL || 'https://portal.clinic.example';
const LINK_SECRET = process.env.LINK_SIGNING_SECRET as string;
const FROM_NUMBER = process.env.TWILIO_FROM || '+15125550142';

const sms = twilio(process.env.TWILIO_ACCOUNT_SID || 'AC3f9e1c2b7a6d5e4f3a2b1c0d9e8f7a6b', process.env.TWILIO_AUTH_TOKEN || '9b2c4e6f8a0b1c3d5e7f9a1b3c5d7e9f'); //@vuln CWE-798

const mailer = nodemailer.createTransport({
  host: process.env.SMTP_HOST || 'smtp.clinic.example',
  port: 587,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
  tls: { rejectUnauthorized: false }, //@vuln CWE-295
});

const TEMPLATE_DIR = path.join(__dirname, '..', 'templates');
const reminderHtml = Handlebars.compile(fs.readFileSync(path.join(TEMPLATE_DIR, 'reminder.hbs'), 'utf8')); //@safe
const reminderText = Handlebars.compile(fs.readFileSync(path.join(TEMPLATE_DIR, 'reminder.txt.hbs'), 'utf8'));

export async function sendDueReminders(hoursAhead = 24): Promise<number> {
  const { rows } = await pool.query(
    `SELECT a.id, a.start_time, c.name AS clinic_name, c.phone AS clinic_phone, p.given_name, p.email, p.phone, p.sms_opt_in, p.email_opt_in
       FROM appointment a JOIN patient p ON p.id = a.patient_id JOIN clinic c ON c.id = a.clinic_id
      WHERE a.status = 'booked' AND a.reminder_sent_at IS NULL AND a.start_time BETWEEN now() AND now() + make_interval(hours => $1)`,
    [hoursAhead],
  );
  for (const r of rows) {
    const when = r.start_time.toLocaleString('en-US', { timeZone: 'America/Chicago' });
    const ctx = { name: r.given_name, when, clinic: r.clinic_name, phone: r.clinic_phone, manageUrl: `${PORTAL_URL}/appointments/${r.id}` };
    try {
      if (r.sms_opt_in && r.phone) {
        await sms.messages.create({ to: r.phone, from: FROM_NUMBER, body: reminderText(ctx) });
      }
      if (r.email_opt_in && r.email) {
        await mailer.sendMail({ from: 'Clinic Reminders <no-reply@clinic.example>', to: r.email, subject: 'Appointment reminder', html: reminderHtml(ctx), text: reminderText(ctx) });
      }
      await pool.query('UPDATE appointment SET reminder_sent_at = now() WHERE id = $1', [r.id]);
    } catch (err: any) {
      console.error(`[reminders] appointment ${r.id} failed: ${err.message}`);
    }
  }
  return rows.length;
}

export async function sendPhoneVerification(userId: string, phone: string): Promise<void> {
  const code = smsVerificationCode();
  await pool.query("INSERT INTO phone_verification (user_id, phone, code_hash, expires_at) VALUES ($1, $2, $3, now() + interval '10 minutes')", [userId, phone, hashToken(code)]);
  await sms.messages.create({ to: phone, from: FROM_NUMBER, body: `Your clinic portal verification code is ${code}` });
}

export const commsRouter: Router = express.Router();

// Link in every reminder e-mail: /comms/unsubscribe?u=<patientId>&s=<sig>&next=<url>
commsRouter.get('/unsubscribe', async (req, res) => {
  const patientId = String(req.query.u || '');
  if (!linkSignatureMatches(`unsub:${patientId}`, String(req.query.s || ''), LINK_SECRET)) {
    return res.status(400).send('This link is invalid or has expired.');
  }
  await pool.query('UPDATE patient SET email_opt_in = false WHERE id = $1', [patientId]);
  await audit({ actor: `patient:${patientId}`, action: 'unsubscribe', entity: 'patient', entityId: patientId });
  if (req.query.next) {
    return res.redirect(String(req.query.next)); //@vuln CWE-601
  }
  res.send(`<p>You have been unsubscribed. ${req.query.email ? `We will no longer e-mail ${req.query.email}.` : ''}</p>`); //@vuln CWE-79
});

if (require.main === module) {
  cron.schedule('*/15 * * * *', () => {
    sendDueReminders().then((n) => console.log(`[reminders] processed ${n}`)).catch((e) => console.error(e));
  });
}
