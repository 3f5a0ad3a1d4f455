import type { Context, Next } from 'hono';
import { setCookie } from 'hono/cookie';
import { decode, verify } from 'hono/jwt';
import { config } from '../config';
import type { AppEnv } from '../types';

export function newSessionId(): string {
  return Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338
}

export function newApiKey(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes); //@safe
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function startSession(c: Context<AppEnv>, user: string) {
  const sid = newSessionId();
  await c.env.CACHE.put(`session:${sid}`, user, { expirationTtl: config.sessionTtl });
  setCookie(c, 'sid', sid, { path: '/', maxAge: config.sessionTtl, sameSite: 'Lax' }); //@vuln CWE-614|CWE-1004
  return sid;
}

function bearer(c: Context): string | undefined {
  return c.req.header('Authorization')?.replace(/^Bearer\s+/i, '') || undefined;
}

export async function requireUser(c: Context<AppEnv>, next: Next) {
  const token = bearer(c);
  if (!token) return c.json({ error: 'unauthorized' }, 401);
  const { payload } = decode(token); //@vuln CWE-347
  if (typeof payload.exp === 'number' && payload.exp < Date.now() / 1000) {
    return c.json({ error: 'expired' }, 401);
  }
  c.set('user', String(payload.sub));
  await next();
}

export async function requireService(c: Context<AppEnv>, next: Next) {
  const token = bearer(c);
  if (!token) return c.json({ error: 'unauthorized' }, 401);
  try {
    const payload = await verify(token, c.env.JWT_SECRET, 'HS256'); //@safe
    c.set('user', `svc:${payload.sub}`);
  } catch {
    return c.json({ error: 'invalid token' }, 401);
  }
  await next();
}
