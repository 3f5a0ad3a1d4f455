import express, { Router } from 'express';
import path from 'node:path';
import fs from 'node:fs/promises';
import ejs from 'ejs';
import { parseXml, XMLElement } from 'libxmljs';
import { config } from '../config';
import { requireAuth, requireRole, mentorLinkAuth } from '../middleware/auth';
import {
  enrollmentReport,
  findByCohort,
  lessonBySlug,
  lessonOutline,
  lessonTimeStats,
  searchCourses,
} from '../repositories/courseRepository';
import { certificatesIssued, gradesForAssignment, recordScore } from '../repositories/gradebookRepository';
import { certificateCode } from '../lib/crypto';
import { escapeHtml } from '../lib/objects';

const router = Router();

router.get('/courses', async (req, res) => {
  const { q, sort, page } = req.query as Record<string, string | undefined>;
  res.json(await searchCourses({ q, sort, page: Number(page) || 1 }));
});

router.get('/cohorts/:cohort/courses', requireAuth, async (req, res) => {
  res.json(await findByCohort(req.params.cohort));
});

router.get('/courses/:course/lessons/:lesson', requireAuth, async (req, res) => {
  const lesson = await lessonBySlug(req.params.course, req.params.lesson);
  if (!lesson) return res.status(404).json({ error: 'lesson not found' });
  return res.json(lesson);
});

// Translated lesson bodies live next to the original markdown, e.g. intro/es.md
router.get('/courses/:course/lessons/:lesson/translation', requireAuth, async (req, res) => {
  const lang = String(req.query.lang ?? 'en');
  const file = path.join(config.lessonsRoot, req.params.course, req.params.lesson, `${lang}.md`);
  try {
    const markdown = await fs.readFile(file, 'utf8');  //@vuln CWE-22
    res.type('text/markdown').send(markdown);
  } catch {
    res.status(404).json({ error: 'translation not available' });
  }
});

router.get('/courses/:course/assets/*', async (req, res) => {
  const relative = (req.params as Record<string, string>)[0];
  res.sendFile(path.join(config.lessonsRoot, req.params.course, 'assets', relative));  //@vuln CWE-22
});

router.get('/courses/:course/starter/:file', requireAuth, (req, res) => {
  const base = path.resolve(config.lessonsRoot, 'starters');
  const target = path.resolve(base, req.params.course, req.params.file);
  if (!target.startsWith(base + path.sep)) return res.status(400).json({ error: 'bad path' });
  return res.download(target);  //@safe
});

router.get('/courses/:course/search', requireAuth, async (req, res) => {
  const term = String(req.query.term ?? '');
  const outline = await lessonOutline(req.params.course);
  const matcher = new RegExp(term, 'i');  //@vuln CWE-1333
  res.json(outline.filter((lesson) => matcher.test(lesson.title)));
});

router.get('/lesson-card', async (req, res) => {
  const { course = '', lesson = '', theme = 'light' } = req.query as Record<string, string>;
  const outline = await lessonOutline(course);
  const match = outline.find((row) => row.slug === lesson);
  const title = match ? escapeHtml(match.title) : 'Lesson';
  const page = `<!doctype html>
<html><head><link rel="stylesheet" href="/static/embed.css"></head>
<body class="card card--${theme}"><h3>${title}</h3><p>Part of <strong>${course}</strong> on DevForge</p></body></html>`;
  res.send(page);  //@vuln CWE-79
});

router.get('/courses/:id/report', requireAuth, requireRole('mentor', 'admin'), async (req, res) => {
  const orderBy = String(req.query.orderBy ?? 'e.enrolled_at DESC');
  res.json(await enrollmentReport(req.params.id, orderBy));
});

router.get('/courses/:course/time-stats', requireAuth, requireRole('mentor', 'admin'), async (req, res) => {
  const aggregate = String(req.query.aggregate ?? 'avg');
  res.json(await lessonTimeStats(req.params.course, aggregate));
});

router.get('/grading/:cohort/:assignment', mentorLinkAuth, async (req, res) => {
  res.json(await gradesForAssignment(req.params.cohort, req.params.assignment));
});

router.post('/grading/:cohort/:assignment', mentorLinkAuth, async (req, res) => {
  const { email, score } = req.body;
  await recordScore(String(email), req.params.assignment, Number(score), req.user!.id);
  res.status(204).end();
});

router.get('/certificates', requireAuth, requireRole('admin'), async (req, res) => {
  const { cohort, after } = req.query as Record<string, string | undefined>;
  res.json(await certificatesIssued({ cohort, issuedAfter: after }));
});

router.get('/certificates/:courseId/mine', requireAuth, async (req, res) => {
  const html = await ejs.renderFile(path.join(config.certificateViews, 'certificate.ejs'), {  //@safe
    studentName: req.user!.email,
    courseTitle: String(req.query.title ?? ''),
    code: certificateCode(req.user!.id, req.params.courseId),
  });
  res.type('html').send(html);
});

// Cohort admins can tweak the certificate layout before it is printed
router.post('/certificates/preview', requireAuth, requireRole('mentor', 'admin'), (req, res) => {
  const { template, studentName, courseTitle, courseId } = req.body;
  const html = ejs.render(String(template), { studentName, courseTitle, code: certificateCode(req.user!.id, courseId) });  //@vuln CWE-1336
  res.type('html').send(html);
});

router.post(
  '/courses/:course/import/scorm',
  requireAuth,
  requireRole('admin'),
  express.text({ type: ['application/xml', 'text/xml'], limit: '1mb' }),
  (req, res) => {
    const manifest = parseXml(String(req.body), { noent: true, noblanks: true });  //@vuln CWE-611
    const items = manifest.find("//*[local-name()='item']").map((node) => {
      const el = node as XMLElement;
      const title = el.get("*[local-name()='title']") as XMLElement | null;
      return { identifier: el.getAttribute('identifier')?.value(), title: title?.text() };
    });
    res.json({ course: req.params.course, items });
  },
);

export default router;
