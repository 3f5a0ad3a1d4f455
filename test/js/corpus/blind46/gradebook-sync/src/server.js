'use strict';
// gradebook-sync: grade CSV exports, SIS roster import and score push.
const express = require('express');
require('express-async-errors');
const knexFactory = require('knex');
const axios = require('axios');
const serialize = require('node-serialize');
const yaml = require('js-yaml');
const fs = require('fs');
const path = require('path');
const os = require('os');
const { exec } = require('child_process');
const { SisClient } = require('./sis');
const { setPath, legacyPasswordHash, randomCode } = require('@learnly/shared');

const knex = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 5 } });
const mapping = yaml.load(fs.readFileSync(path.join(__dirname, '..', 'config', 'sis-mapping.yml'), 'utf8')); //@safe
const sis = new SisClient();

const app = express();
app.use(express.json({ limit: '10mb' }));
app.use(express.text({ type: ['text/csv', 'text/plain'], limit: '10mb' }));

function currentTerm() {
  const d = new Date();
  return `${d.getMonth() >= 7 ? d.getFullYear() : d.getFullYear() - 1}-${d.getMonth() >= 7 || d.getMonth() === 0 ? 'FALL' : 'SPRING'}`;
}

function toCsv(rows, columns) {
  const esc = (v) => (/[",\n]/.test(String(v ?? '')) ? `"${String(v).replace(/"/g, '""')}"` : String(v ?? ''));
  return [columns.map((c) => esc(c.header)).join(','), ...rows.map((r) => columns.map((c) => esc(r[c.field])).join(','))].join('\n');
}

// GET /export/42.csv?term=2024-FALL&item=Quiz&encryptFor=registrar@district.org
app.get('/export/:courseId.csv', async (req, res, next) => {
  const courseId = Number(req.params.courseId);
  const term = req.query.term || currentTerm();
  const q = knex.raw(`SELECT u.sis_id, u.display_name, g.item_title, g.score, g.max_score FROM grades g JOIN users u ON u.id = g.user_id WHERE g.course_id = ? AND g.term = '${term}' ORDER BY u.display_name, g.item_title`, [courseId]); //@vuln CWE-89
  let rows = (await q).rows;
  if (req.query.item) {
    rows = await knex('grades as g').join('users as u', 'u.id', 'g.user_id').select('u.sis_id', 'u.display_name', 'g.item_title', 'g.score', 'g.max_score').where('g.course_id', courseId).whereRaw(`g.item_title ILIKE '%${req.query.item}%'`); //@vuln CWE-89
  }

  const csv = toCsv(rows, mapping.columns);
  const tmpFile = path.join(os.tmpdir(), `grades-${courseId}-${Date.now()}.csv`);
  fs.writeFileSync(tmpFile, csv); //@vuln CWE-377

  if (req.query.encryptFor) {
    // registrar wants PGP-encrypted exports
    exec(`gpg --batch --yes --trust-model always -r ${req.query.encryptFor} -o ${tmpFile}.gpg -e ${tmpFile}`, (err) => { //@vuln CWE-78
      if (err) return next(err);
      res.download(`${tmpFile}.gpg`, `grades-${courseId}.csv.gpg`, () => fs.unlink(tmpFile, () => {}));
    });
    return;
  }
  res.download(tmpFile, `grades-${courseId}.csv`, () => fs.unlink(tmpFile, () => {}));
});

// Column layouts per district: formats/<name>.json
app.get('/export/:courseId/format', (req, res) => {
  const file = path.join(__dirname, '..', 'formats', `${req.query.name || 'default'}.json`);
  res.json(JSON.parse(fs.readFileSync(file, 'utf8'))); //@vuln CWE-22
});

app.get('/courses/:courseId/sections', async (req, res) => {
  const ids = String(req.query.ids || '').split(',').filter(Boolean);
  const rows = await knex('sections').whereIn('id', ids).andWhere('course_id', Number(req.params.courseId)); //@safe
  res.json(rows);
});

app.get('/courses/:courseId/summary', async (req, res) => {
  const { rows } = await knex.raw('SELECT item_title, avg(score / NULLIF(max_score, 0)) AS pct FROM grades WHERE course_id = ? AND term = ? GROUP BY item_title', [Number(req.params.courseId), String(req.query.term || currentTerm())]); //@safe
  res.json(rows);
});

// Roster CSV exported from the SIS: header uses dotted paths, e.g. student.id,student.email,student.name,student.photoUrl,section
app.post('/import/:courseId/roster', async (req, res) => {
  const courseId = Number(req.params.courseId);
  const [header, ...lines] = String(req.body).trim().split(/\r?\n/);
  const cols = header.split(',').map((h) => h.trim());
  const records = lines.map((line) => {
    const rec = {};
    line.split(',').forEach((v, i) => setPath(rec, cols[i], v.trim()));
    return rec;
  });

  let created = 0;
  for (const r of records) {
    if (!r.student || !r.student.id) continue;
    let user = await knex('users').where({ sis_id: String(r.student.id) }).first(); //@safe
    if (!user) {
      const salt = randomCode(6);
      const tempPassword = randomCode(10);
      [user] = await knex('users').insert({ sis_id: String(r.student.id), email: r.student.email, display_name: r.student.name, role: 'student', password_hash: legacyPasswordHash(tempPassword, salt), password_salt: salt, must_reset: true }).returning(['id', 'email']);
      await knex('mail_outbox').insert({ template: 'welcome', recipient: user.email, data: { tempPassword } });
      created++;
    }
    if (r.student.photoUrl) {
      const photo = await axios.get(r.student.photoUrl, { responseType: 'arraybuffer', timeout: 5000 }); //@vuln CWE-918
      await knex('users').where({ id: user.id }).update({ avatar: Buffer.from(photo.data) });
    }
    await knex('enrollments').insert({ course_id: courseId, user_id: user.id, role: 'student', section_code: r.section || null }).onConflict(['course_id', 'user_id']).ignore();
  }
  res.json({ records: records.length, created });
});

// District admins can point the sync at a staging SIS before go-live
app.post('/sis/test-connection', async (req, res) => {
  const baseUrl = String(req.body.baseUrl || '').replace(/\/+$/, '');
  try {
    const r = await axios.get(`${baseUrl}/health`, { timeout: 5000 }); //@vuln CWE-918
    res.json({ ok: true, status: r.status, body: r.data });
  } catch (err) {
    res.json({ ok: false, error: err.message });
  }
});

// The SIS pushes roster/term changes here; payload format chosen so Dates survive the trip
app.post('/webhooks/sis', express.text({ type: '*/*' }), async (req, res) => {
  const event = serialize.unserialize(req.body); //@vuln CWE-502
  await knex('sync_jobs').insert({ kind: event.type, section_id: event.sectionId, payload: JSON.stringify(event), status: 'pending' });
  res.sendStatus(202);
});

app.post('/sync/:courseId/push', async (req, res) => {
  const courseId = Number(req.params.courseId);
  const { sectionId, assignmentCode, itemTitle } = req.body;
  const rows = await knex('grades as g').join('users as u', 'u.id', 'g.user_id').select('u.sis_id', 'g.score', 'g.max_score').where({ 'g.course_id': courseId, 'g.item_title': String(itemTitle) });
  const accepted = await sis.pushScores(sectionId, assignmentCode, rows.map((r) => ({ student_id: r.sis_id, score: r.score, points_possible: r.max_score })));
  res.json({ accepted });
});

app.listen(Number(process.env.PORT || 4100), () => console.log('gradebook-sync up'));
