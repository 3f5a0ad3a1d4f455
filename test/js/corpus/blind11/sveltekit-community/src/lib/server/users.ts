import { db } from './db';

export function findUserByEmail(email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function createSession(token: string, userId: number) {
  const expires = new Date(Date.now() + 1000 * 60 * 60 * 24 * 30);
  await db.insertInto('sessions').values({ token, user_id: userId, expires_at: expires }).execute();
}
