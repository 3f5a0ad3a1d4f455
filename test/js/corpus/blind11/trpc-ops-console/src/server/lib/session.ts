import { parse } from 'cookie';
import { Redis } from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

export interface SessionUser {
  id: number;
  email: string;
  role: 'viewer' | 'operator' | 'admin';
}

export async function getSessionUser(cookieHeader: string | undefined): Promise<SessionUser | null> {
  if (!cookieHeader) return null;
  const { ops_session } = parse(cookieHeader);
  if (!ops_session) return null;
  const raw = await redis.get(`sess:${ops_session}`);
  return raw ? (JSON.parse(raw) as SessionUser) : null;
}

export async function storeSession(id: string, user: SessionUser) {
  await redis.set(`sess:${id}`, JSON.stringify(user), 'EX', 60 * 60 * 12);
}
