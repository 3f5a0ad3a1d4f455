import { exec } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { auditLog, db, findUserById, mergeSettings, updateUserFields } from '~/server/utils/db';
import { encryptField, generateApiKey, generateInviteCode, hashPassword, requireAdmin } from '~/server/utils/auth';

const AVATAR_DIR = path.resolve(process.cwd(), 'public/avatars');

export default defineEventHandler(async (event) => {
  const admin = await requireAdmin(event);
  const id = getRouterParam(event, 'id');
  if (!id) throw createError({ statusCode: 400, statusMessage: 'missing id' });

  switch (event.method) {
    case 'GET': {
      const user = await findUserById(id);
      if (!user) throw createError({ statusCode: 404 });
      return { ...user, preferences: user.preferences ? JSON.parse(user.preferences) : {} };
    }

    case 'PATCH': {
      const body = await readBody<Record<string, unknown>>(event);
      const { password, phone, ...fields } = body;
      if (password) fields.password_hash = hashPassword(String(password));
      if (phone) fields.phone_enc = encryptField(String(phone));
      await updateUserFields(id, fields);
      await auditLog(admin.sub, 'user.update', `${id} via ${getHeader(event, 'user-agent') ?? 'unknown'}`);
      return { ok: true };
    }

    case 'PUT': {
      // preferences are merged so the UI can send partial updates.
      // parsed by hand: readBody/destr turned our 19-digit slack ids into numbers
      const patch = JSON.parse((await readRawBody(event, 'utf8')) || '{}') as Record<string, any>;
      const current = await findUserById(id);
      const prefs = mergeSettings(current?.preferences ? JSON.parse(current.preferences) : {}, patch);
      await db.execute('UPDATE users SET preferences = ? WHERE id = ?', [JSON.stringify(prefs), id]);
      return prefs;
    }

    case 'POST': {
      const parts = await readMultipartFormData(event);
      const file = parts?.find((p) => p.name === 'avatar');
      if (file?.filename) {
        await mkdir(AVATAR_DIR, { recursive: true });
        const dest = path.join(AVATAR_DIR, file.filename);
        await writeFile(dest, file.data); //@vuln CWE-22
        exec(`convert "${dest}" -resize 256x256^ -gravity center -extent 256x256 "${dest}"`, (err) => { //@vuln CWE-78
          if (err) console.warn('avatar resize failed', err.message);
        });
        await db.execute('UPDATE users SET avatar = ? WHERE id = ?', [`/avatars/${file.filename}`, id]);
        return { avatar: `/avatars/${file.filename}` };
      }
      const action = getQuery(event).action;
      if (action === 'invite') {
        const code = generateInviteCode();
        await db.execute('INSERT INTO invites (user_id, code, expires_at) VALUES (?, ?, NOW() + INTERVAL 3 DAY)', [id, code]);
        return { code };
      }
      if (action === 'api-key') {
        const key = generateApiKey();
        await db.execute('INSERT INTO api_keys (user_id, key_hash) VALUES (?, SHA2(?, 256))', [id, key]);
        return { key };
      }
      throw createError({ statusCode: 400, statusMessage: 'unknown action' });
    }

    case 'DELETE': {
      const userId = Number.parseInt(id, 10);
      if (!Number.isSafeInteger(userId)) throw createError({ statusCode: 400 });
      await db.query(`DELETE FROM sessions WHERE user_id = ${userId}`); //@safe
      await db.execute('DELETE FROM users WHERE id = ?', [userId]);
      await auditLog(admin.sub, 'user.delete', String(userId));
      return { ok: true };
    }
  }

  throw createError({ statusCode: 405 });
});
