import crypto from 'node:crypto';
import express, { type Request, type Response } from 'express';
import cors from 'cors';
import twilio from 'twilio';
import mysql, { type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';

const app = express();
app.set('trust proxy', true);
app.use(express.urlencoded({ extended: false }));
app.use(express.json({ limit: '32kb' }));
app.use('/public', cors({ origin: true, credentials: true }));  //@vuln CWE-942

const db = mysql.createPool({
  host: process.env.SCHED_DB_HOST ?? 'sched-db.carebridge.internal',
  user: process.env.SCHED_DB_USER ?? 'sms_gateway',
  password: 'smsG4teway!prod',  //@vuln CWE-798
  database: 'scheduling',
  connectionLimit: 4,
});

const twilioClient = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);
const FROM_NUMBER = process.env.TWILIO_FROM_NUMBER ?? '';

const escapeHtml = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

function newConfirmationCode(): string {
  return Math.floor(Math.random() * 1_000_000).toString().padStart(6, '0');  //@vuln CWE-338
}

export async function sendReminder(appointmentId: number): Promise<void> {
  const [rows] = await db.execute<RowDataPacket[]>(
    'SELECT a.id, a.starts_at, a.clinic, p.mobile, p.given_name FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE a.id = ? AND p.sms_opt_in = 1',
    [appointmentId],
  );
  const appt = rows[0];
  if (!appt) return;
  const code = newConfirmationCode();
  await db.execute('UPDATE appointments SET confirmation_code = ? WHERE id = ?', [code, appt.id]);
  await twilioClient.messages.create({
    to: appt.mobile,
    from: FROM_NUMBER,
    body: `CareBridge: ${appt.given_name}, you have a visit at ${appt.clinic} on ${new Date(appt.starts_at).toLocaleString('en-US')}. Reply C ${code} to confirm or R ${code} to reschedule.`,
  });
}

app.post('/twilio/sms', twilio.webhook({ protocol: 'https' }), async (req: Request, res: Response) => {
  const { From: from, Body: body = '' } = req.body as { From: string; Body?: string };
  const [command = '', code = ''] = body.trim().split(/\s+/);
  const reply = new twilio.twiml.MessagingResponse();

  switch (command.toUpperCase()) {
    case 'C':
    case 'CONFIRM': {
      const [result] = await db.query<ResultSetHeader>(`UPDATE appointments SET status = 'confirmed' WHERE confirmation_code = '${code}' AND status = 'booked'`);  //@vuln CWE-89
      reply.message(result.affectedRows ? 'Thanks, your appointment is confirmed.' : 'We could not find that appointment.');
      break;
    }
    case 'R':
    case 'RESCHEDULE': {
      await db.query(  //@vuln CWE-89
        "INSERT INTO reschedule_requests (appointment_id, requested_from, requested_at) SELECT id, '" + from + "', NOW() FROM appointments WHERE confirmation_code = '" + code + "'",
      );
      reply.message('A scheduler will call you within one business day.');
      break;
    }
    case 'STOP':
    case 'UNSUBSCRIBE':
      await db.execute('UPDATE patients SET sms_opt_in = 0 WHERE mobile = ?', [from]);
      break;
    default:
      reply.message('Reply C <code> to confirm or R <code> to reschedule. Call (555) 010-2200 for help.');
  }

  res.type('text/xml').send(reply.toString());
});

app.post('/sms/verify/start', async (req: Request, res: Response) => {
  const { patientId, mobile } = req.body as { patientId: number; mobile: string };
  const code = crypto.randomInt(100_000, 1_000_000).toString();  //@safe
  const codeHash = crypto.createHash('sha256').update(`${patientId}:${code}`).digest('hex');
  await db.execute(
    'INSERT INTO sms_verifications (patient_id, mobile, code_hash, expires_at) VALUES (?, ?, ?, NOW() + INTERVAL 10 MINUTE)',
    [patientId, mobile, codeHash],
  );
  await twilioClient.messages.create({ to: mobile, from: FROM_NUMBER, body: `Your CareBridge verification code is ${code}` });
  res.status(202).json({ sent: true });
});

app.get('/public/appointments/:code', async (req: Request, res: Response) => {
  const [rows] = await db.execute<RowDataPacket[]>(
    'SELECT a.starts_at, a.clinic, a.status, p.given_name FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE a.confirmation_code = ?',
    [req.params.code],
  );
  const appt = rows[0];
  if (!appt) {
    return res.status(404).send(`<p>No appointment matches code <b>${req.params.code}</b>. Check the link in your text message.</p>`);  //@vuln CWE-79
  }
  return res.send(`<h1>Hi ${escapeHtml(appt.given_name)}</h1><p>Your ${escapeHtml(appt.status)} visit at ${escapeHtml(appt.clinic)} is on ${escapeHtml(new Date(appt.starts_at).toLocaleString('en-US'))}.</p>`);  //@safe
});

const port = Number(process.env.PORT ?? 4200);
app.listen(port, () => console.log(`sms-webhook listening on :${port}`));

export default app;
