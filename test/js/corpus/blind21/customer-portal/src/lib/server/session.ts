import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { Cookies } from '@sveltejs/kit';
import { db } from './db';

const scryptAsync = promisify(crypto.scrypt) as (pw: string, salt: string, len: number) => Promise<Buffer>;

const WEEK = 60 * 60 * 24 * 7;

export async function verifyPassword(password: string, stored: string) {
  const [salt, hash] = stored.split(':');
  const derived = await scryptAsync(password, salt, 64); //@safe
  const expected = Buffer.from(hash, 'hex');
  return expected.length === derived.length && crypto.timingSafeEqual(derived, expected);
}

export async function createSession(cookies: Cookies, userId: number) {
  const sid = crypto.randomBytes(24).toString('base64url'); //@safe
  await db('portal_sessions').insert({ sid, user_id: userId, expires_at: db.raw("now() + interval '7 days'") });
  cookies.set('portal_sid', sid, { path: '/', httpOnly: true, secure: true, sameSite: 'lax', maxAge: WEEK }); //@safe
  return sid;
}

export async function issueRememberToken(cookies: Cookies, userId: number) {
  const token = `${userId}.${Math.random().toString(36).substring(2, 12)}`; //@vuln CWE-338
  await db('remember_tokens').insert({ token, user_id: userId });
  cookies.set('portal_remember', token, { path: '/', httpOnly: false, secure: false, maxAge: WEEK * 8 }); //@vuln CWE-614|CWE-1004
}

export async function getSession(sid: string) {
  const q = db('portal_sessions as s').join('customers as c', 'c.user_id', 's.user_id');
  return q.where('s.sid', sid).andWhere('s.expires_at', '>', db.fn.now()).first('c.id', 'c.name', 'c.email', 'c.preferences');
}
