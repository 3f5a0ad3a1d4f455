import type { NextApiRequest, NextApiResponse } from 'next';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { pool } from '../../../lib/db';
import { deviceCookie, sessionCookie } from '../../../lib/session';

const issuer = process.env.OIDC_ISSUER ?? 'https://login.carebridge-health.com';
const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));

interface SignInState {
  nonce: string;
  returnTo?: string;
  remember?: boolean;
}

function parseState(raw: unknown): SignInState | null {
  if (typeof raw !== 'string') return null;
  try {
    return JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as SignInState;
  } catch {
    return null;
  }
}

async function readIdToken(idToken: string, idp: string | undefined): Promise<JWTPayload> {
  if (idp === 'kiosk') {
    return decodeJwt(idToken);  //@vuln CWE-347
  }
  const { payload } = await jwtVerify(idToken, jwks, {  //@safe
    issuer,
    audience: process.env.OIDC_CLIENT_ID,
    algorithms: ['RS256'],
  });
  return payload;
}

export default async function callback(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();

  const { id_token: idToken, state } = req.body as Record<string, string | undefined>;
  const signIn = parseState(state);
  if (!idToken || !signIn) return res.status(400).send('Invalid sign-in response');

  let claims: JWTPayload;
  try {
    claims = await readIdToken(idToken, typeof req.query.idp === 'string' ? req.query.idp : undefined);
  } catch {
    return res.status(401).send('Sign-in could not be verified');
  }
  if (claims.nonce !== signIn.nonce) return res.status(400).send('Sign-in expired, please try again');

  const { rows } = await pool.query(
    'SELECT id, mrn, display_name, is_proxy FROM patients WHERE idp_subject = $1 AND active = true',
    [claims.sub],
  );
  const patient = rows[0];
  if (!patient) return res.redirect(303, '/register');

  const cookies = [
    sessionCookie({
      sub: patient.id,
      mrn: patient.mrn,
      name: patient.display_name,
      role: patient.is_proxy ? 'proxy' : 'patient',
    }),
  ];
  if (signIn.remember) {
    const { cookie, deviceId } = deviceCookie(patient.id);
    cookies.push(cookie);
    await pool.query('INSERT INTO trusted_devices (patient_id, device_id, user_agent) VALUES ($1, $2, $3)', [
      patient.id,
      deviceId,
      req.headers['user-agent'] ?? null,
    ]);
  }
  res.setHeader('Set-Cookie', cookies);

  const destination = signIn.returnTo ?? '/dashboard';
  return res.redirect(303, destination);  //@vuln CWE-601
}
