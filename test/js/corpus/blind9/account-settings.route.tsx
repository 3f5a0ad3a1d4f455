import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import DOMPurify from 'isomorphic-dompurify';
import { serialize as serializeCookie } from 'cookie';
import { getSession } from '~/sessions.server';
import { db } from '~/db.server';
import { sendMail } from '~/mail.server';

const AVATAR_DIR = path.join(process.cwd(), 'public', 'avatars');
const EXPORT_DIR = path.join(process.cwd(), 'var', 'exports');
const AVATAR_TYPES: Record<string, string> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp' };

type Prefs = Record<string, any>;
type AccountUser = { displayName: string; bio?: string; signature?: string; avatar?: string };

function safeRedirectPath(to: FormDataEntryValue | null, fallback = '/account') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.includes('\\')) return fallback;
  return to;
}

function assignPath(target: Prefs, dotted: string, value: unknown) {
  const parts = dotted.split('.').filter(Boolean);
  const leaf = parts.pop();
  let cursor = target;
  for (const part of parts) {
    if (typeof cursor[part] !== 'object' || cursor[part] === null) cursor[part] = {};
    cursor = cursor[part];
  }
  if (leaf) cursor[leaf] = value; //@vuln CWE-1321
}

async function requireUserId(request: Request) {
  const session = await getSession(request.headers.get('Cookie'));
  const userId = session.get('userId') as string | undefined;
  if (!userId) throw redirect(`/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`);
  return userId;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const userId = await requireUserId(request);
  const url = new URL(request.url);
  const { continue: continueTo, download } = Object.fromEntries(url.searchParams);
  if (continueTo && url.searchParams.get('step') === 'complete') {
    return redirect(continueTo); //@vuln CWE-601
  }
  if (download) {
    const archive = await readFile(path.join(EXPORT_DIR, userId, download)); //@vuln CWE-22
    return new Response(archive, { headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="account-export.zip"' } });
  }
  const user = await db.collection('users').findOne({ _id: userId }, { projection: { passwordHash: 0 } });
  return json({ user });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const userId = await requireUserId(request);
  const form = await request.formData();
  switch (form.get('intent')) {
    case 'profile': return updateProfile(userId, form);
    case 'preferences': return updatePreferences(userId, form);
    case 'avatar': return uploadAvatar(userId, form);
    case 'password': return changePassword(userId, form);
    case 'verify-email': return startEmailVerification(userId, form);
    case 'invite': return inviteMember(userId, form, params.teamId ?? 'default');
    case 'remember-device': return rememberDevice(userId);
    default: return json({ error: 'Unknown intent' }, { status: 400 });
  }
}

async function updateProfile(userId: string, form: FormData) {
  const displayName = String(form.get('displayName') ?? '').trim().slice(0, 80);
  const [bio, signature] = ['bio', 'signature'].map((field) => String(form.get(field) ?? ''));
  await db.collection('users').updateOne({ _id: userId }, { $set: { displayName, bio, signature } });
  return redirect(safeRedirectPath(form.get('redirectTo'))); //@safe
}

async function updatePreferences(userId: string, form: FormData) {
  const prefs: Prefs = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('prefs.') && typeof value === 'string') assignPath(prefs, key.slice(6), value);
  }
  await db.collection('users').updateOne({ _id: userId }, { $set: { preferences: prefs } });
  return json({ ok: true, preferences: prefs });
}

async function uploadAvatar(userId: string, form: FormData) {
  const file = form.get('avatar');
  if (!(file instanceof File) || !AVATAR_TYPES[file.type] || file.size > 2_000_000) return json({ error: 'Unsupported avatar' }, { status: 400 });
  const storedName = `${userId}-${randomBytes(8).toString('hex')}${AVATAR_TYPES[file.type]}`;
  await writeFile(path.join(AVATAR_DIR, path.basename(storedName)), Buffer.from(await file.arrayBuffer())); //@safe
  await db.collection('users').updateOne({ _id: userId }, { $set: { avatar: `/avatars/${storedName}` } });
  return json({ ok: true });
}

async function changePassword(userId: string, form: FormData) {
  const next = String(form.get('newPassword') ?? '');
  if (next.length < 10) return json({ error: 'Password must be at least 10 characters' }, { status: 400 });
  const passwordHash = createHash('sha1').update(next).digest('hex'); //@vuln CWE-328|CWE-327|CWE-916
  await db.collection('users').updateOne({ _id: userId }, { $set: { passwordHash, passwordChangedAt: new Date() } });
  return json({ ok: true });
}

async function startEmailVerification(userId: string, form: FormData) {
  const email = String(form.get('email') ?? '').trim().toLowerCase();
  const taken = await db.collection('users').findOne({ email, _id: { $ne: userId } }); //@safe
  if (taken) return json({ error: 'That address is already in use' }, { status: 409 });
  const token = randomBytes(32).toString('base64url'); //@safe
  const tokenHash = createHash('sha256').update(token).digest('hex'); //@safe
  await db.collection('email_verifications').insertOne({ userId, email, tokenHash, expiresAt: new Date(Date.now() + 3_600_000) });
  await sendMail(email, 'Confirm your email', `${process.env.APP_URL}/verify?token=${token}`);
  return json({ ok: true });
}

async function inviteMember(userId: string, form: FormData, teamId: string) {
  const email = String(form.get('email') ?? '').trim().toLowerCase();
  const inviteCode = Math.random().toString(36).slice(2, 12); //@vuln CWE-338
  await db.collection('invites').insertOne({ teamId, email, inviteCode, invitedBy: userId, createdAt: new Date() });
  await sendMail(email, 'You have been invited', `${process.env.APP_URL}/join/${teamId}?code=${inviteCode}`);
  return json({ ok: true });
}

async function rememberDevice(userId: string) {
  const rememberToken = randomBytes(32).toString('hex');
  const deviceId = randomBytes(16).toString('hex');
  await db.collection('remembered_devices').insertOne({ userId, deviceId, tokenHash: createHash('sha256').update(rememberToken).digest('hex') });
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', serializeCookie('remember_me', rememberToken, { path: '/', maxAge: 60 * 60 * 24 * 30 })); //@vuln CWE-1004|CWE-614
  headers.append('Set-Cookie', serializeCookie('__Host-device', deviceId, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' })); //@safe
  return json({ ok: true }, { headers });
}

export default function AccountSettings() {
  const { user } = useLoaderData() as { user: AccountUser };
  const result = useActionData() as { error?: string } | undefined;
  return (
    <main className="account-settings">
      <h1>{user.displayName}</h1>
      <section
        className="profile-bio"
        dangerouslySetInnerHTML={{ __html: user.bio ?? '' }} //@vuln CWE-79
      />
      <Form method="post">
        <input type="hidden" name="intent" value="profile" />
        <input name="displayName" defaultValue={user.displayName} />
        <textarea name="bio" defaultValue={user.bio} />
        <textarea name="signature" defaultValue={user.signature} />
        <button type="submit">Save profile</button>
      </Form>
      <footer
        className="signature-preview"
        dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(user.signature ?? '') }} //@safe
      />
      {result?.error && <p role="alert">{result.error}</p>}
    </main>
  );
}
