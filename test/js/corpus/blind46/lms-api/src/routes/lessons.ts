import { Router } from 'express';
import path from 'path';
import axios from 'axios';
import serialize from 'node-serialize';
import { query, activity } from '../db';
import { config } from '../config';
import { requireRole } from './auth';
import { renderLesson, renderDiscussion, renderFeedback } from '../services/markdown';
import { escapeHtml, escapeRegExp } from '@learnly/shared';

export const lessonsRouter = Router();

interface ReaderPrefs {
  fontScale?: number;
  theme?: 'light' | 'dark' | 'sepia';
  dyslexicFont?: boolean;
}

function page(title: string, body: string, prefs: ReaderPrefs = {}): string {
  const theme = ['light', 'dark', 'sepia'].includes(String(prefs.theme)) ? prefs.theme : 'light';
  return `<!doctype html><html data-theme="${theme}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/static/lesson.css"></head><body>${body}</body></html>`;
}

lessonsRouter.get('/:id/view', async (req, res) => {
  const prefs: ReaderPrefs = req.cookies.lms_prefs ? serialize.unserialize(Buffer.from(req.cookies.lms_prefs, 'base64').toString('utf8')) : {}; //@vuln CWE-502
  const [lesson] = await query('SELECT id, title, body_md FROM lessons WHERE id = $1 AND published', [req.params.id]);
  if (!lesson) return res.sendStatus(404);
  res.type('html').send(page(lesson.title, `<article>${renderLesson(lesson.body_md)}</article>`, prefs)); //@safe
});

lessonsRouter.get('/:id/discussion', async (req, res) => {
  const posts = await query('SELECT p.id, p.body_md, u.display_name FROM discussion_posts p JOIN users u ON u.id = p.author_id WHERE p.lesson_id = $1 ORDER BY p.created_at', [req.params.id]);
  const html = posts.map((p) => `<section class="post"><h4>${escapeHtml(p.display_name)}</h4>${renderDiscussion(p.body_md)}</section>`).join('\n');
  res.type('html').send(page('Discussion', html)); //@vuln CWE-79
});

lessonsRouter.post('/preview', (req, res) => {
  res.type('html').send(renderFeedback(String(req.body.markdown ?? ''))); //@safe
});

lessonsRouter.get('/search', async (req, res) => {
  const term = String(req.query.q ?? '');
  const rows = await query('SELECT id, title, body_md FROM lessons WHERE course_id = $1 AND published AND search_vector @@ plainto_tsquery($2) LIMIT 20', [Number(req.query.course), term]);
  if (!rows.length) return res.type('html').send(`<p class="empty">No lessons match “${term}”.</p>`); //@vuln CWE-79
  const highlight = new RegExp(escapeRegExp(term), 'gi'); //@safe
  res.json(rows.map((r) => ({ id: r.id, title: r.title, snippet: String(r.body_md).slice(0, 300).replace(highlight, (m) => `**${m}**`) })));
});

// Power-user search for teachers: regular expression over all lesson bodies of a course
lessonsRouter.get('/grep', requireRole('teacher', 'admin'), async (req, res) => {
  const re = new RegExp(String(req.query.pattern ?? ''), req.query.caseSensitive ? 'm' : 'im'); //@vuln CWE-1333
  const rows = await query('SELECT id, title, body_md FROM lessons WHERE course_id = $1', [Number(req.query.course)]);
  res.json(rows.filter((r) => re.test(r.body_md)).map((r) => ({ id: r.id, title: r.title })));
});

// Import a Markdown lesson from a URL (GitHub raw, Google Docs "download as .md", ...)
lessonsRouter.post('/import-url', requireRole('teacher'), async (req, res) => {
  const { url, courseId, title } = req.body;
  const resp = await axios.get<string>(url, { responseType: 'text', timeout: 10_000, maxContentLength: 2_000_000 }); //@vuln CWE-918
  const [lesson] = await query('INSERT INTO lessons (course_id, title, body_md, published) VALUES ($1, $2, $3, false) RETURNING id', [Number(courseId), String(title ?? url), resp.data]);
  res.status(201).json(lesson);
});

// SCORM content files for the player iframe: /api/lessons/scorm/<packageId>/<path inside package>
lessonsRouter.get('/scorm/:packageId/*', (req, res) => {
  res.sendFile(path.join(config.storage.scormDir, req.params.packageId, req.params[0])); //@vuln CWE-22
});

// SCORM "resume" — the player posts back the token it was given at launch
lessonsRouter.post('/:id/attempts/resume', async (req, res) => {
  const db = await activity();
  const attempt = await db.collection('scorm_attempts').findOne({ lessonId: req.params.id, resumeToken: req.body.resumeToken }); //@vuln CWE-943
  if (!attempt) return res.status(404).json({ error: 'no attempt' });
  res.json({ attemptId: attempt._id, location: attempt.location, suspendData: attempt.suspendData });
});

lessonsRouter.get('/:id/leaderboard', async (req, res) => {
  const db = await activity();
  const min = req.query.minScore ?? 0;
  const top = await db.collection('scorm_attempts').find({ lessonId: req.params.id, $where: `this.score.raw >= ${min}` }).project({ userId: 1, 'score.raw': 1 }).sort({ 'score.raw': -1 }).limit(20).toArray(); //@vuln CWE-943
  res.json(top);
});
