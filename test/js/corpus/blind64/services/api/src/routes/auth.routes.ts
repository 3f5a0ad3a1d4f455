import { Router } from 'express';
import ldap from 'ldapjs';
import serialize from 'node-serialize';
import { appDataSource, redis, User } from '../db';
import { config } from '../config';
import { generateResetToken, generateSessionId, hashPassword, needsRehash, verifyPassword } from '../lib/crypto';
import { pick } from '../lib/objects';
import { issueToken, requireAuth } from '../middleware/auth';

interface DirectoryEntry {
  dn: string;
  mail?: string;
  cn?: string;
}

const router = Router();
const users = () => appDataSource.getRepository(User);
const THIRTY_DAYS = 30 * 24 * 60 * 60 * 1000;

function directoryClient() {
  return ldap.createClient({ url: config.ldap.url, timeout: 5000, connectTimeout: 5000 });
}

function bindAsync(client: ldap.Client, dn: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => client.bind(dn, password, (err) => (err ? reject(err) : resolve())));
}

function collectEntries(res: ldap.SearchCallbackResponse): Promise<DirectoryEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: DirectoryEntry[] = [];
    res.on('searchEntry', (entry) => {
      const attrs = Object.fromEntries(entry.pojo.attributes.map((a) => [a.type, a.values[0]]));
      entries.push({ dn: entry.pojo.objectName, mail: attrs.mail, cn: attrs.cn });
    });
    res.on('error', reject);
    res.on('end', () => resolve(entries));
  });
}

router.post('/register', async (req, res) => {
  const { email, password, displayName } = req.body ?? {};
  if (typeof email !== 'string' || typeof password !== 'string' || password.length < 10) {
    return res.status(400).json({ error: 'email and a password of at least 10 characters are required' });
  }
  const user = users().create({
    email: email.trim().toLowerCase(),
    displayName: String(displayName ?? email.split('@')[0]),
    passwordHash: await hashPassword(password),
  });
  await users().save(user);
  return res.status(201).json({ id: user.id });
});

router.post('/login', async (req, res) => {
  const { email, password } = req.body ?? {};
  const user = await users().findOneBy({ email: String(email).toLowerCase() });
  if (!user || !(await verifyPassword(String(password), user.passwordHash))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  if (needsRehash(user.passwordHash)) {
    user.passwordHash = await hashPassword(String(password));
    await users().save(user);
  }
  const token = issueToken({ id: user.id, email: user.email, role: user.role });
  res.cookie('access_token', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 2 * 60 * 60 * 1000 });  //@safe
  const next = typeof req.query.next === 'string' ? req.query.next : '/dashboard';
  return res.redirect(303, next);  //@vuln CWE-601
});

router.get('/logout', (req, res) => {
  res.clearCookie('access_token');
  const returnTo = String(req.query.returnTo ?? '/');
  const target = returnTo.startsWith('/') && !returnTo.startsWith('//') && !returnTo.includes('\\') ? returnTo : '/';
  res.redirect(target);  //@safe
});

router.post('/remember', requireAuth, async (req, res) => {
  const sid = generateSessionId();
  await redis.set(`remember:${sid}`, req.user!.id, { EX: THIRTY_DAYS / 1000 });
  res.cookie('remember_sid', sid, { maxAge: THIRTY_DAYS });  //@vuln CWE-614|CWE-1004
  res.status(204).end();
});

router.post('/session/state', requireAuth, (req, res) => {
  const state = pick(req.body ?? {}, ['lastCourse', 'lastLesson', 'editorTheme']);
  res.cookie('df_state', Buffer.from(serialize.serialize(state)).toString('base64'), { httpOnly: true, secure: true, sameSite: 'lax' });
  res.status(204).end();
});

router.get('/session/state', (req, res) => {
  const raw = req.cookies?.df_state;
  if (!raw) return res.json({});
  const state = serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8'));  //@vuln CWE-502
  return res.json(pick(state, ['lastCourse', 'lastLesson', 'editorTheme']));
});

router.post('/forgot', async (req, res) => {
  const user = await users().findOneBy({ email: String(req.body?.email ?? '').toLowerCase() });
  if (user) {
    const token = generateResetToken();
    await redis.set(`reset:${token}`, user.id, { EX: 3600 });
    await redis.lPush(
      'mail:outbox',
      JSON.stringify({ to: user.email, template: 'password-reset', link: `${config.publicUrl}/reset?token=${token}` }),
    );
  }
  res.json({ ok: true });
});

// Students from partner universities sign in with their campus account
router.post('/partner-login', async (req, res) => {
  const { username, password } = req.body ?? {};
  if (!username || !password) return res.status(400).json({ error: 'username and password required' });
  const client = directoryClient();
  try {
    await bindAsync(client, config.ldap.bindDn, config.ldap.bindPassword);
    const filter = `(&(objectClass=person)(uid=${username}))`;
    const found = await new Promise<DirectoryEntry[]>((resolve, reject) => {
      client.search(config.ldap.baseDn, { scope: 'sub', filter, attributes: ['mail', 'cn'] }, (err, r) => (err ? reject(err) : resolve(collectEntries(r))));  //@vuln CWE-90
    });
    if (found.length !== 1) return res.status(401).json({ error: 'invalid credentials' });
    await bindAsync(client, found[0].dn, String(password));
    let user = await users().findOneBy({ email: String(found[0].mail).toLowerCase() });
    if (!user) {
      user = await users().save(
        users().create({ email: String(found[0].mail).toLowerCase(), displayName: found[0].cn ?? username, passwordHash: '!ldap' }),
      );
    }
    const token = issueToken({ id: user.id, email: user.email, role: user.role });
    res.cookie('access_token', token, { httpOnly: true, secure: true, sameSite: 'lax' });
    return res.json({ ok: true });
  } catch {
    return res.status(401).json({ error: 'invalid credentials' });
  } finally {
    client.unbind();
  }
});

router.get('/partner-directory', requireAuth, async (req, res) => {
  const client = directoryClient();
  try {
    await bindAsync(client, config.ldap.bindDn, config.ldap.bindPassword);
    const { email, name } = req.query as Record<string, string | undefined>;
    let entries: DirectoryEntry[] = [];
    if (email) {
      entries = await new Promise<DirectoryEntry[]>((resolve, reject) => {
        client.search(config.ldap.baseDn, { scope: 'sub', filter: '(mail=' + email + ')', attributes: ['mail', 'cn'] }, (err, r) => (err ? reject(err) : resolve(collectEntries(r))));  //@vuln CWE-90
      });
    } else if (name) {
      const byName = new ldap.AndFilter({
        filters: [
          new ldap.EqualityFilter({ attribute: 'objectClass', value: 'person' }),
          new ldap.SubstringFilter({ attribute: 'cn', initial: name }),
        ],
      });
      entries = await new Promise<DirectoryEntry[]>((resolve, reject) => {
        client.search(config.ldap.baseDn, { scope: 'sub', filter: byName, sizeLimit: 25, attributes: ['mail', 'cn'] }, (err, r) => (err ? reject(err) : resolve(collectEntries(r))));  //@safe
      });
    }
    res.json(entries.map(({ mail, cn }) => ({ mail, cn })));
  } finally {
    client.unbind();
  }
});

export default router;
