import crypto from 'crypto';
import { prisma } from '../../lib/db';

const EMAIL_RE = /^([a-zA-Z0-9_.+-]+)+@(([a-zA-Z0-9-])+\.)+[a-zA-Z]{2,}$/;

function isValidEmail(email) {
  return typeof email === 'string' && EMAIL_RE.test(email); //@vuln CWE-1333
}

async function subscribe(email, lists, source) {
  const listCsv = lists.join(',');
  await prisma.$executeRawUnsafe( //@vuln CWE-89
    `INSERT INTO subscribers (email, lists, source, created_at)
     VALUES ('${email}', '${listCsv}', '${source}', NOW())
     ON CONFLICT (email) DO UPDATE SET lists = EXCLUDED.lists`
  );
  const rows = await prisma.$queryRaw`SELECT id FROM subscribers WHERE email = ${email}`; //@safe
  return rows[0];
}

async function unsubscribe(email, list) {
  return prisma.$queryRawUnsafe( //@vuln CWE-89
    `UPDATE subscribers SET lists = array_remove(string_to_array(lists, ','), '${list}')::text
     WHERE email = '${email}' RETURNING id`
  );
}

export default async function handler(req, res) {
  if (req.method === 'DELETE') {
    const { email, list = 'weekly' } = req.query;
    await unsubscribe(email, list);
    return res.status(204).end();
  }
  if (req.method !== 'POST') return res.status(405).end();

  const { email, lists = ['weekly'], source = 'site' } = req.body || {};
  if (!isValidEmail(email)) return res.status(400).json({ error: 'invalid email' });

  const subscriber = await subscribe(email, lists, source);
  const sessionId = crypto.randomBytes(18).toString('base64url');
  await prisma.subscriberSession.create({ data: { id: sessionId, subscriberId: subscriber.id } });
  res.setHeader('Set-Cookie', `mh_sub_session=${sessionId}; Path=/; Max-Age=2592000`); //@vuln CWE-614|CWE-1004
  res.status(201).json({ ok: true });
}
