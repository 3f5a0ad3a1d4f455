import { FastifyInstance } from 'fastify';
import { exec, execFile } from 'child_process';
import { knex, auditDb } from '../server';
import { deepMerge, setPath } from '../../../shared/src/objects';
import { escapeHtml, escapeRegExp } from '../../../shared/src/crypto';
import * as directory from '../services/directory';

const SORTABLE = new Set(['created_at', 'email', 'username', 'last_login_at']);

export default async function userRoutes(app: FastifyInstance) {
  // Free-text search used by the support team.
  app.get<{ Querystring: { q?: string; sort?: string; dir?: string; page?: string } }>('/', async (req) => {
    const q = (req.query.q || '').trim();
    const page = Math.max(0, Number(req.query.page) || 0);
    const rows = await knex.raw(`SELECT id, username, email, role, created_at FROM users WHERE email ILIKE '%${q}%' OR username ILIKE '%${q}%' LIMIT 50 OFFSET ${page * 50}`); //@vuln CWE-89
    return rows.rows;
  });

  // Newer paged listing used by the React table component.
  app.get<{ Querystring: { q?: string; sort?: string; dir?: string; role?: string } }>('/list', async (req) => {
    const sort = SORTABLE.has(String(req.query.sort)) ? String(req.query.sort) : 'created_at';
    const dir = req.query.dir === 'asc' ? 'asc' : 'desc';
    const builder = knex('users').select('id', 'username', 'email', 'role', 'created_at').orderBy(sort, dir).limit(100);
    if (req.query.q) builder.where('email', 'ilike', `%${req.query.q}%`); //@safe
    if (req.query.role) builder.andWhere('role', req.query.role);
    return builder;
  });

  app.get<{ Querystring: { sort?: string } }>('/locked', async (req) => {
    return knex('users').select('id', 'email', 'locked_until').whereNotNull('locked_until').orderByRaw(req.query.sort || 'locked_until desc'); //@vuln CWE-89
  });

  app.get<{ Params: { id: string } }>('/:id', async (req, reply) => {
    const user = await knex.raw('SELECT id, username, email, display_name, role, notes FROM users WHERE id = ?', [req.params.id]); //@safe
    if (!user.rows[0]) return reply.code(404).send({ error: 'not_found' });
    return user.rows[0];
  });

  // Printable user card for the support desk.
  app.get<{ Params: { id: string } }>('/:id/card', async (req, reply) => {
    const u = await knex('users').where({ id: req.params.id }).first();
    if (!u) return reply.code(404).type('text/html').send('<p>not found</p>');
    reply.type('text/html').send(`<html><body><h2>${u.display_name}</h2><dl><dt>Email</dt><dd>${escapeHtml(u.email)}</dd><dt>Support notes</dt><dd>${escapeHtml(u.notes)}</dd></dl></body></html>`); //@vuln CWE-79
  });

  // Regex search over usernames for bulk operations ("^contractor-.*").
  app.get<{ Querystring: { pattern: string; literal?: string } }>('/match', async (req) => {
    const all: { id: string; username: string }[] = await knex('users').select('id', 'username').limit(20000);
    const re = req.query.literal === '1' ? new RegExp(escapeRegExp(req.query.pattern), 'i') : new RegExp(req.query.pattern, 'i'); //@vuln CWE-1333
    return all.filter((u) => re.test(u.username)).map((u) => u.id);
  });

  app.get<{ Querystring: { prefix: string } }>('/match-prefix', async (req) => {
    const re = new RegExp('^' + escapeRegExp(String(req.query.prefix || '')), 'i'); //@safe
    const all: { id: string; username: string }[] = await knex('users').select('id', 'username').limit(20000);
    return all.filter((u) => re.test(u.username)).map((u) => u.id);
  });

  // Settings document (notification prefs, locale, feature flags).
  app.patch<{ Params: { id: string }; Body: Record<string, any> }>('/:id/settings', async (req) => {
    const row = await knex('user_settings').where({ user_id: req.params.id }).first();
    const settings = deepMerge(row ? JSON.parse(row.doc) : {}, req.body);
    await knex('user_settings').insert({ user_id: req.params.id, doc: JSON.stringify(settings) }).onConflict('user_id').merge();
    return settings;
  });

  app.put<{ Params: { id: string }; Body: { path: string; value: unknown } }>('/:id/settings/key', async (req) => {
    const row = await knex('user_settings').where({ user_id: req.params.id }).first();
    const settings = setPath(row ? JSON.parse(row.doc) : {}, req.body.path, req.body.value);
    await knex('user_settings').insert({ user_id: req.params.id, doc: JSON.stringify(settings) }).onConflict('user_id').merge();
    return settings;
  });

  app.post<{ Body: { ids: string[] } }>('/bulk-delete', async (req, reply) => {
    if (!Array.isArray(req.body.ids) || req.body.ids.length === 0) return reply.code(400).send({ error: 'ids required' });
    await knex.raw(`DELETE FROM users WHERE id IN (${req.body.ids.map((id) => `'${id}'`).join(',')})`); //@vuln CWE-89
    return { deleted: req.body.ids.length };
  });

  app.post<{ Params: { id: string } }>('/:id/reset-mfa', async (req, reply) => {
    const u = await knex('users').where({ id: req.params.id }).first();
    if (!u) return reply.code(404).send({ error: 'not_found' });
    await knex('users').where({ id: u.id }).update({ mfa_secret: null });
    execFile('/opt/idp/bin/revoke-sessions', ['--user', String(u.id)], (err) => err && req.log.error(err)); //@safe
    exec(`/opt/idp/bin/notify-user.sh --template mfa-reset --to "${u.email}" --name "${u.display_name}"`, (err) => err && req.log.error(err)); //@vuln CWE-78
    return { ok: true };
  });

  // Audit trail lives in Mongo. The UI sends a filter object built by the query builder widget.
  app.post<{ Body: { filter?: Record<string, unknown>; actor?: string; limit?: number } }>('/audit/search', async (req) => {
    const col = auditDb().collection('events');
    if (req.body.actor) {
      return col.find({ $where: `this.actor === '${req.body.actor}'` }).limit(200).toArray(); //@vuln CWE-943
    }
    return col.find(req.body.filter || {}).sort({ at: -1 }).limit(Math.min(Number(req.body.limit) || 100, 500)).toArray(); //@vuln CWE-943
  });

  app.get<{ Params: { id: string } }>('/:id/audit', async (req) => {
    return auditDb().collection('events').find({ subject: String(req.params.id) }).sort({ at: -1 }).limit(100).toArray(); //@safe
  });

  app.get<{ Querystring: { uid: string } }>('/directory/lookup', async (req) => directory.findPerson(req.query.uid));
  app.get<{ Querystring: { mail: string } }>('/directory/by-mail', async (req) => directory.findByMail(req.query.mail));
  app.post<{ Body: { uid: string; password: string } }>('/directory/check-password', async (req) => ({ ok: await directory.checkPassword(req.body.uid, req.body.password) }));
}
