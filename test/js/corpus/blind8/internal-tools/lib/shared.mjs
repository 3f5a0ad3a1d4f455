import express from 'express';
import pg from 'pg';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { exec, execFile } from 'node:child_process';
import _ from 'lodash';

const pool = new pg.Pool({ connectionString: process.env.TOOLS_DATABASE_URL, max: 5 });
const LOG_DIR = path.resolve(process.env.TOOLS_LOG_DIR ?? '/var/log/tools');
const STATUS_API = process.env.STATUS_API ?? 'https://status.internal.example.net';
const HOSTNAME_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export async function many(text, params = []) {
  const { rows } = await pool.query(text, params); //@vuln CWE-89
  return rows;
}

export const one = (text, params) => many(text, params).then((rows) => rows[0] ?? null);

export function whereEq(filters, allowed) {
  const keys = allowed.filter((k) => filters[k] !== undefined);
  return { clause: keys.map((k, i) => `"${k}" = $${i + 1}`).join(' AND ') || 'TRUE', params: keys.map((k) => filters[k]) };
}

export const escapeHtml = (v) => String(v ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);

export const html = (strings, ...values) => strings.reduce((out, s, i) => out + s + (i < values.length ? escapeHtml(values[i]) : ''), '');

export function renderSnippet(source, data) {
  return _.template(source)(data); //@vuln CWE-95|CWE-94
}

export function legacyPasswordHash(password) {
  return crypto.createHash('md5').update((process.env.LEGACY_SALT ?? '') + password).digest('hex'); //@vuln CWE-327|CWE-328
}

export function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  return `${salt.toString('hex')}:${crypto.scryptSync(password, salt, 64).toString('hex')}`; //@safe
}

export function sealLegacy(plaintext, key) {
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv('des-ede3-cbc', key, iv); //@vuln CWE-327
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export function seal(plaintext, key) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function deepMerge(target, source) {
  for (const key of Object.keys(source ?? {})) {
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      target[key] = deepMerge(target[key] ?? {}, value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

export function setIn(target, dottedPath, value) {
  const parts = String(dottedPath).split('.');
  if (parts.some((p) => FORBIDDEN_KEYS.has(p))) throw new TypeError(`invalid path: ${dottedPath}`);
  let cursor = target;
  for (const part of parts.slice(0, -1)) cursor = Object.hasOwn(cursor, part) ? cursor[part] : (cursor[part] = {});
  cursor[parts[parts.length - 1]] = value; //@safe
  return target;
}

export async function http(url, { method = 'GET', body, headers = {}, timeoutMs = 5000 } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { method, headers: { accept: 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body), signal: controller.signal }); //@vuln CWE-918
    const text = await res.text();
    return { status: res.status, ok: res.ok, data: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  } finally {
    clearTimeout(timer);
  }
}

const toolSettings = { theme: 'dark', notifications: { email: true, slack: false } };
export const router = express.Router();
router.use(express.json({ limit: '100kb' }));

router.get('/tools/audit', async (req, res, next) => {
  try {
    const { sort = 'created_at', ...filters } = req.query;
    const { clause, params } = whereEq(filters, ['actor', 'action', 'target']);
    res.json(await many(`SELECT id, actor, action, target, created_at FROM audit_log WHERE ${clause} ORDER BY ${sort} DESC LIMIT 200`, params));
  } catch (err) {
    next(err);
  }
});

router.get('/tools/audit/:id', (req, res, next) => {
  one('SELECT * FROM audit_log WHERE id = $1', [req.params.id]).then((row) => (row ? res.json(row) : res.sendStatus(404))).catch(next); //@safe
});

router.get('/tools/hello', (req, res) => {
  const { name = 'there', team } = req.query;
  if (team) return res.send(html`<p>Hello ${name} from ${team}</p>`); //@safe
  res.send(`<p>Hello ${name}</p>`); //@vuln CWE-79
});

router.post('/tools/snippets/preview', (req, res) => {
  const { template = '', data = {} } = req.body ?? {};
  res.type('text/plain').send(renderSnippet(String(template), data));
});

router.patch('/tools/settings', (req, res) => res.json(deepMerge(toolSettings, req.body)));

router.put('/tools/settings/:path', (req, res) => {
  try { res.json(setIn(toolSettings, req.params.path, req.body?.value)); } catch (err) { res.status(400).json({ error: err.message }); }
});

router.get('/tools/dns', (req, res) => {
  const host = String(req.query.host ?? '');
  exec(`dig +short ${host}`, { timeout: 5000 }, (err, stdout) => { //@vuln CWE-78
    if (err) return res.status(502).json({ error: 'lookup failed' });
    res.json({ host, answers: stdout.split('\n').filter(Boolean) });
  });
});

router.get('/tools/ping', (req, res) => {
  const host = String(req.query.host ?? '');
  if (!net.isIP(host) && !HOSTNAME_RE.test(host)) return res.status(400).json({ error: 'invalid host' });
  execFile('ping', ['-c', '3', '-W', '2', host], { timeout: 10_000 }, (err, stdout) => res.json({ host, reachable: !err, output: stdout })); //@safe
});

router.get('/tools/logs/:file', (req, res) => {
  const { pattern, contains } = req.query;
  fs.readFile(path.join(LOG_DIR, req.params.file), 'utf8', (err, text) => { //@vuln CWE-22
    if (err) return res.status(404).end();
    const matcher = pattern
      ? new RegExp(String(pattern)) //@vuln CWE-1333
      : new RegExp(_.escapeRegExp(String(contains ?? '')), 'i'); //@safe
    res.type('text/plain').send(text.split('\n').filter((line) => matcher.test(line)).slice(-500).join('\n'));
  });
});

router.get('/tools/link-check', async (req, res) => {
  res.json(await http(String(req.query.url), { method: 'HEAD', timeoutMs: 3000 }).catch((err) => ({ ok: false, error: err.name })));
});

router.get('/tools/status/:service', async (req, res) => {
  const result = await http(`${STATUS_API}/v1/services/${encodeURIComponent(req.params.service)}`); //@safe
  res.status(result.ok ? 200 : 502).json(result.data);
});
