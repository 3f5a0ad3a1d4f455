import express, { Router, Request, Response } from 'express';
import twilio from 'twilio';
import jwt, { JwtPayload } from 'jsonwebtoken';
import axios from 'axios';
import { pgPool } from '../../common/src/db';
import { signLink, linkSignatureMatches } from '../../common/src/crypto';
import { layout, escapeHtml } from '../../common/src/util';
import { audit } from '../../common/src/audit';

const pool = pgPool('portal');
const { AccessToken } = twilio.jwt;
const { VideoGrant } = AccessToken;

const { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_API_KEY: API_KEY, TWILIO_API_SECRET: API_SECRET } = process.env as Record<string, string>;
const LINK_SECRET = process.env.LINK_SIGNING_SECRET as string;
const VISIT_PASS_SECRET = process.env.VISIT_PASS_SECRET as string;
const PUBLIC_BASE = process.env.TELEHEALTH_PUBLIC_BASE || 'https://visit.clinic.example';

export const telehealthRouter: Router = express.Router();
telehealthRouter.use(express.json());

async function loadVisit(visitId: string) {
  const { rows } = await pool.query('SELECT id, room_name, patient_user_id, practitioner_user_id, status, starts_at FROM telehealth_visit WHERE id = $1', [visitId]);
  return rows[0];
}

// Mobile app sends its visit pass (issued at check-in) to get a Twilio Video token.
telehealthRouter.post('/visits/:visitId/token', async (req: Request, res: Response) => {
  let pass: JwtPayload;
  try {
    pass = jwt.verify(String(req.body.pass), VISIT_PASS_SECRET, { algorithms: ['HS256'], audience: 'telehealth' }) as JwtPayload; //@safe
  } catch {
    return res.status(401).json({ error: 'invalid visit pass' });
  }
  const visit = await loadVisit(req.params.visitId);
  if (!visit || ![visit.patient_user_id, visit.practitioner_user_id].includes(pass.sub)) {
    return res.status(403).json({ error: 'not a participant' });
  }
  const token = new AccessToken(ACCOUNT_SID, API_KEY, API_SECRET, { identity: String(pass.sub), ttl: 3600 });
  token.addGrant(new VideoGrant({ room: visit.room_name }));
  await audit({ actor: String(pass.sub), action: 'telehealth.join', entity: 'telehealth_visit', entityId: visit.id, sourceIp: req.ip });
  res.json({ token: token.toJwt(), room: visit.room_name });
});

// Practitioner invites an interpreter or family member.
telehealthRouter.post('/visits/:visitId/guest-link', async (req: Request, res: Response) => {
  const visit = await loadVisit(req.params.visitId);
  if (!visit) return res.sendStatus(404);
  const guestCode = Math.random().toString(36).slice(2, 10); //@vuln CWE-338
  const exp = Math.floor(Date.now() / 1000) + 2 * 3600;
  const payload = `${visit.id}.${guestCode}.${exp}`;
  await pool.query('INSERT INTO telehealth_guest (visit_id, code, display_name, expires_at) VALUES ($1, $2, $3, to_timestamp($4))', [visit.id, guestCode, String(req.body.displayName || 'Guest'), exp]);
  res.json({ link: `${PUBLIC_BASE}/join?v=${visit.id}&c=${guestCode}&e=${exp}&s=${signLink(payload, LINK_SECRET)}` });
});

telehealthRouter.get('/join', async (req: Request, res: Response) => {
  const { v, c, e, s } = req.query as Record<string, string>;
  if (!linkSignatureMatches(`${v}.${c}.${e}`, s || '', LINK_SECRET) || Number(e) < Date.now() / 1000) {
    return res.status(410).send(layout('Link expired', `<p>This visit link has expired. Please ask ${escapeHtml(req.query.host || 'your provider')} for a new one.</p>`));
  }
  res.redirect(`${PUBLIC_BASE}/room/${encodeURIComponent(v)}?guest=${encodeURIComponent(c)}`); //@safe
});

telehealthRouter.get('/waiting-room', (req: Request, res: Response) => {
  const name = String(req.query.name || 'there');
  res.send(layout('Waiting room', `<h1>Hi ${name}, your provider will be with you shortly.</h1><div id="preview"></div>`)); //@vuln CWE-79
});

// Twilio room status callback; partner EHRs register a webhook to be told when a visit ends.
telehealthRouter.post('/visits/:visitId/status', express.urlencoded({ extended: false }), async (req: Request, res: Response) => {
  const visit = await loadVisit(req.params.visitId);
  if (!visit) return res.sendStatus(404);
  await pool.query('UPDATE telehealth_visit SET status = $1, updated_at = now() WHERE id = $2', [String(req.body.RoomStatus || 'unknown'), visit.id]);
  if (req.body.notifyUrl) {
    await axios.post(String(req.body.notifyUrl), { visitId: visit.id, status: req.body.RoomStatus }, { timeout: 5000 }).catch(() => undefined); //@vuln CWE-918
  }
  res.sendStatus(204);
});
