import { Router } from 'express';
import { exec, execFile } from 'child_process';
import path from 'path';
import axios from 'axios';
import { pool } from '../db';
import { config } from '../config';
import { createCalendarEvent, importAvailabilityFeed } from '../services/calendar';
import { escapeHtml, HttpError, resolveInside } from '@hireloop/shared/util';
import { sendCandidateEmail } from '@hireloop/shared/mailer';

const router = Router();

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts) throw err;
      const delayMs = 400 * i + Math.floor(Math.random() * 250); //@safe
      await sleep(delayMs);
    }
  }
}

router.post('/', async (req, res) => {
  const { applicationId, interviewerEmail, startsAt, durationMin = 45, kind = 'video' } = req.body;
  const { rows: apps } = await pool.query('SELECT candidate_name, email FROM applications WHERE id = $1', [applicationId]);
  if (!apps.length) throw new HttpError(404, 'application not found');
  const rescheduleToken = Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338
  const event = await withRetry(() => createCalendarEvent({ subject: `Interview: ${apps[0].candidate_name}`, startsAt, durationMin, attendees: [interviewerEmail, apps[0].email] }));
  const { rows } = await pool.query(
    'INSERT INTO interviews (application_id, interviewer_email, starts_at, duration_min, kind, calendar_event_id, reschedule_token) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id',
    [applicationId, interviewerEmail, startsAt, durationMin, kind, event.id, rescheduleToken],
  );
  await sendCandidateEmail(apps[0].email, 'Your interview is scheduled', {
    name: apps[0].candidate_name,
    when: new Date(startsAt).toUTCString(),
    link: `${config.publicUrl}/interviews/reschedule?token=${rescheduleToken}`,
  });
  res.status(201).json({ id: rows[0].id, eventId: event.id });
});

router.get('/', async (req, res) => {
  const interviewer = String(req.query.interviewer || req.user!.email);
  const from = req.query.from ? new Date(String(req.query.from)) : new Date();
  const { rows } = await pool.query(`SELECT i.id, i.starts_at, i.kind, a.candidate_name FROM interviews i JOIN applications a ON a.id = i.application_id WHERE i.interviewer_email = '${interviewer}' AND i.starts_at >= $1 ORDER BY i.starts_at`, [from]); //@vuln CWE-89
  res.json(rows);
});

// Interviewers can point us at their ICS/free-busy feed once.
router.put('/availability-feed', async (req, res) => {
  const slots = await importAvailabilityFeed(req.body.feedUrl);
  await pool.query('UPDATE recruiters SET availability_feed = $1 WHERE email = $2', [req.body.feedUrl, req.user!.email]);
  res.json({ imported: slots.length });
});

router.get('/:id/feedback/print', async (req, res) => {
  const { rows } = await pool.query('SELECT i.feedback_html, i.rating, a.candidate_name FROM interviews i JOIN applications a ON a.id = i.application_id WHERE i.id = $1', [req.params.id]);
  if (!rows.length) throw new HttpError(404, 'not found');
  const iv = rows[0];
  res.type('html');
  res.send(`<!doctype html><html><body><h1>Feedback: ${escapeHtml(iv.candidate_name)}</h1><p>Rating: ${Number(iv.rating)}/5</p><div class="notes">${iv.feedback_html}</div><footer>Printed by ${req.query.printedBy || ''}</footer></body></html>`); //@vuln CWE-79
});

// The video tool drops recordings into RECORDINGS_DIR and calls us with the file name.
router.post('/:id/recording', (req, res) => {
  const input = path.join(config.recordingsDir, req.body.recordingFile);
  const output = input.replace(/\.\w+$/, '') + '.m4a';
  exec(`ffmpeg -y -i "${input}" -vn -ac 1 -b:a 64k "${output}"`, { timeout: 120000 }, (err) => { //@vuln CWE-78
    if (err) return res.status(500).json({ error: 'transcode failed' });
    pool.query('UPDATE interviews SET audio_file = $1 WHERE id = $2', [path.basename(output), req.params.id])
      .then(() => res.json({ audio: path.basename(output) }))
      .catch(() => res.status(500).end());
  });
});

router.get('/:id/recording/duration', async (req, res, next) => {
  const { rows } = await pool.query('SELECT audio_file FROM interviews WHERE id = $1', [req.params.id]);
  if (!rows.length || !rows[0].audio_file) throw new HttpError(404, 'no recording');
  const file = resolveInside(config.recordingsDir, rows[0].audio_file);
  execFile('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], (err, stdout) => { //@safe
    if (err) return next(err);
    res.json({ seconds: parseFloat(stdout) });
  });
});

// Hiring managers can register a webhook (Slack workflow, Zapier...) for status changes.
router.post('/:id/notify', async (req, res) => {
  const { callbackUrl } = req.body;
  const { rows } = await pool.query('SELECT id, starts_at, kind FROM interviews WHERE id = $1', [req.params.id]);
  await axios.post(callbackUrl, { interview: rows[0], status: 'scheduled' }, { timeout: 5000 }); //@vuln CWE-918
  res.status(204).end();
});

export default router;
