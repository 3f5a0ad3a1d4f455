import { Request, Response, NextFunction } from 'express';
import jwt, { JwtPayload } from 'jsonwebtoken';
import { pgPool } from '../../../common/src/db';
import { verifyPassword, newSessionId } from '../../../common/src/crypto';
import { audit } from '../../../common/src/audit';

const pool = pgPool('fhir');
const JWT_SECRET = process.env.JWT_SECRET as string;
const JWT_ISSUER = process.env.JWT_ISSUER || 'https://auth.clinic.example/';

export type FhirUser = { sub: string; role: 'patient' | 'practitioner' | 'admin' | 'kiosk'; patientId?: string; clinicId?: string; scopes: string[] };

export type AuthedRequest = Request & { user?: FhirUser };

export async function requireAuth(req: AuthedRequest, res: Response, next: NextFunction) {
  const header = req.headers.authorization || '';
  const bearer = header.startsWith('Bearer ') ? header.slice(7) : undefined;

  if (bearer) {
    try {
      const claims = jwt.verify(bearer, JWT_SECRET, { algorithms: ['HS256'], issuer: JWT_ISSUER }) as JwtPayload; //@safe
      req.user = { sub: String(claims.sub), role: claims.role, patientId: claims.patient, clinicId: claims.clinic, scopes: String(claims.scope || '').split(' ') };
      return next();
    } catch (e) {
      return res.status(401).json({ error: 'invalid_token' });
    }
  }

  // Check-in kiosks in the waiting rooms still send the pre-SMART header.
  const kiosk = req.header('x-kiosk-token');
  if (kiosk) {
    const claims = jwt.decode(kiosk) as JwtPayload | null; //@vuln CWE-347
    if (claims && claims.role === 'kiosk' && claims.clinic) {
      req.user = { sub: `kiosk:${claims.sub}`, role: 'kiosk', clinicId: claims.clinic, scopes: ['patient/Appointment.write'] };
      return next();
    }
  }

  const sid = req.cookies?.portal_sid;
  if (sid) {
    const { rows } = await pool.query('SELECT user_id, role, patient_id, clinic_id FROM session WHERE id = $1 AND expires_at > now()', [sid]);
    if (rows.length) {
      const s = rows[0];
      req.user = { sub: s.user_id, role: s.role, patientId: s.patient_id, clinicId: s.clinic_id, scopes: ['user/*.*'] };
      return next();
    }
  }
  res.status(401).json({ error: 'unauthenticated' });
}

export async function sessionLogin(req: Request, res: Response) {
  const { username, password } = req.body || {};
  if (typeof username !== 'string' || typeof password !== 'string') {
    return res.status(400).json({ error: 'username and password required' });
  }
  const { rows } = await pool.query('SELECT id, password_hash, role, patient_id, clinic_id FROM app_user WHERE lower(username) = lower($1) AND active', [username]);
  if (!rows.length || !(await verifyPassword(password, rows[0].password_hash))) {
    await audit({ actor: username, action: 'login.failed', entity: 'app_user', sourceIp: req.ip });
    return res.status(401).json({ error: 'invalid credentials' });
  }
  const user = rows[0];
  const sid = newSessionId();
  await pool.query(
    "INSERT INTO session (id, user_id, role, patient_id, clinic_id, expires_at) VALUES ($1, $2, $3, $4, $5, now() + interval '8 hours')",
    [sid, user.id, user.role, user.patient_id, user.clinic_id],
  );
  await audit({ actor: user.id, action: 'login', entity: 'app_user', entityId: user.id, sourceIp: req.ip });
  res.cookie('portal_sid', sid, { secure: true, sameSite: 'lax', maxAge: 8 * 3600 * 1000 }); //@vuln CWE-1004
  res.json({ ok: true, role: user.role });
}
