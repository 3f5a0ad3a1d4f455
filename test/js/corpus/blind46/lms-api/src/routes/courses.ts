import { Router } from 'express';
import multer from 'multer';
import serialize from 'node-serialize';
import { query, activity } from '../db';
import * as courseRepo from '../repositories/courseRepo';
import { importQuestionBank } from '../services/quiz';
import { importPackage, fetchPackageFromCatalogue, commitRuntime } from '../services/scorm';
import { optionalUser, requireRole } from './auth';
import { deepMerge, escapeHtml, randomCode } from '@learnly/shared';

export const catalogueRouter = Router();
export const coursesRouter = Router();

const memoryUpload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024 } });
const diskUpload = multer({ dest: '/tmp/learnly-incoming', limits: { fileSize: 500 * 1024 * 1024 } });

const SORTABLE = new Set(['title', 'created_at', 'updated_at', 'enrolled_count']);

// ---------------------------------------------------------------- public catalogue

catalogueRouter.get('/', optionalUser, async (req, res) => {
  const q = String(req.query.q ?? '');
  const sort = SORTABLE.has(String(req.query.sort)) ? String(req.query.sort) : 'created_at';
  const dir = req.query.dir === 'asc' ? 'ASC' : 'DESC';
  const includeDrafts = req.user?.role === 'teacher' || req.user?.role === 'admin';
  const rows = await query(`SELECT id, title, summary, published FROM courses WHERE ($2::boolean OR published) AND title ILIKE $1 ORDER BY ${sort} ${dir} LIMIT 50`, [`%${q}%`, includeDrafts]); //@safe
  res.json(rows);
});

catalogueRouter.get('/by-tag', async (req, res) => {
  const tags = String(req.query.tags ?? '').split(',').filter(Boolean);
  res.json(tags.length ? await courseRepo.findByTags(tags) : []);
});

// Embeddable course card (rendered inside district portals)
catalogueRouter.get('/:id/card', async (req, res) => {
  const [c] = await query('SELECT title, summary, enrolled_count FROM courses WHERE id = $1 AND published', [Number(req.params.id) || 0]);
  if (!c) return res.status(404).send(`<p class="card-missing">Course ${req.params.id} is not available.</p>`); //@vuln CWE-79
  res.type('html').send(`<div class="card"><h3>${escapeHtml(c.title)}</h3><p>${escapeHtml(c.summary)}</p><small>${Number(c.enrolled_count)} learners</small></div>`); //@safe
});

// ---------------------------------------------------------------- authenticated

coursesRouter.get('/mine', async (req, res) => {
  res.json(await courseRepo.findForTeacher(req.user!.id));
});

coursesRouter.get('/:courseId/lessons', async (req, res) => {
  res.json(await courseRepo.listLessons(Number(req.params.courseId), req.query.orderBy as string | undefined));
});

coursesRouter.get('/:courseId/roster', requireRole('teacher', 'admin'), async (req, res) => {
  const section = req.query.section as string | undefined;
  let sql = `SELECT u.id, u.display_name, u.email, e.role, e.section_code FROM enrollments e JOIN users u ON u.id = e.user_id WHERE e.course_id = ${Number(req.params.courseId)}`;
  if (section) sql += ` AND e.section_code = '${section}'`;
  res.json(await query(sql + ' ORDER BY u.display_name')); //@vuln CWE-89
});

coursesRouter.patch('/:courseId', requireRole('teacher', 'admin'), async (req, res) => {
  res.json(await courseRepo.updateCourseFields(req.params.courseId, req.body));
});

coursesRouter.post('/:courseId/archive', requireRole('teacher', 'admin'), async (req, res) => {
  await courseRepo.archiveCourse(req.params.courseId, String(req.body.reason ?? ''));
  res.sendStatus(204);
});

coursesRouter.patch('/:courseId/settings', requireRole('teacher', 'admin'), async (req, res) => {
  const settings = deepMerge(await courseRepo.getSettings(req.params.courseId), req.body);
  await courseRepo.saveSettings(req.params.courseId, settings);
  res.json(settings);
});

// "Copy settings from another school" — .lset file exported by the old course builder
coursesRouter.post('/:courseId/settings/import', requireRole('teacher', 'admin'), memoryUpload.single('file'), async (req, res) => {
  const imported = serialize.unserialize(req.file!.buffer.toString('utf8')); //@vuln CWE-502
  await courseRepo.saveSettings(req.params.courseId, imported);
  res.json(imported);
});

coursesRouter.post('/:courseId/question-bank', requireRole('teacher'), memoryUpload.single('bank'), async (req, res) => {
  const n = await importQuestionBank(Number(req.params.courseId), req.file!.buffer.toString('utf8'));
  res.json({ imported: n });
});

coursesRouter.post('/:courseId/invite-codes', requireRole('teacher'), async (req, res) => {
  const code = randomCode(8);
  await query("INSERT INTO invite_codes (course_id, code, created_by, expires_at) VALUES ($1, $2, $3, now() + interval '14 days')", [Number(req.params.courseId), code, req.user!.id]);
  res.status(201).json({ code });
});

coursesRouter.get('/:courseId/activity', requireRole('teacher', 'admin'), async (req, res) => {
  const db = await activity();
  const filter: Record<string, unknown> = { 'context.courseId': Number(req.params.courseId) };
  if (req.query.user) filter['actor.userId'] = Number(req.query.user);
  if (req.query.verb) filter['verb.id'] = String(req.query.verb);
  const events = await db.collection('xapi_statements').find(filter).sort({ timestamp: -1 }).limit(200).toArray(); //@safe
  res.json(events);
});

// ---------------------------------------------------------------- SCORM

coursesRouter.post('/:courseId/scorm', requireRole('teacher'), diskUpload.single('package'), async (req, res) => {
  res.status(201).json(await importPackage(Number(req.params.courseId), req.file!.path));
});

coursesRouter.post('/:courseId/scorm/from-catalogue', requireRole('teacher'), async (req, res) => {
  const zipPath = await fetchPackageFromCatalogue(String(req.body.url));
  res.status(201).json(await importPackage(Number(req.params.courseId), zipPath));
});

coursesRouter.post('/scorm/attempts/:attemptId/commit', async (req, res) => {
  await commitRuntime(req.params.attemptId, req.user!.id, req.body.values ?? {});
  res.json({ ok: true });
});
