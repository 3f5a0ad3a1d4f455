import { Router } from 'express';
import multer from 'multer';
import path from 'path';
import fs from 'fs';
import axios from 'axios';
import { pool, mongo } from '../db';
import { config } from '../config';
import { requireRecruiter, readCandidateLink } from '../auth';
import { parseResume, extractBundle } from '../services/resumeParser';
import { requestCheck } from '../services/backgroundCheck';
import { fingerprintFile } from '@hireloop/shared/crypto';
import { resolveInside, HttpError } from '@hireloop/shared/util';
import { sendCandidateEmail } from '@hireloop/shared/mailer';

const router = Router();

const upload = multer({
  dest: path.join(config.uploadDir, 'incoming'),
  limits: { fileSize: 10 * 1024 * 1024 },
  fileFilter: (_req, file, cb) => cb(null, /\.(pdf|docx?|txt|zip)$/i.test(file.originalname)),
});

const CV_DIR = path.join(config.uploadDir, 'cv');
const ATTACHMENT_DIR = path.join(config.uploadDir, 'attachments');

// Public: candidate submits an application from the careers site.
router.post('/', upload.single('cv'), async (req, res) => {
  const { jobId, name, email, phone, coverLetter } = req.body;
  if (!req.file) throw new HttpError(400, 'CV is required');
  const buf = await fs.promises.readFile(req.file.path);
  const fp = fingerprintFile(buf);
  const dupe = await pool.query('SELECT id FROM applications WHERE job_id = $1 AND cv_fingerprint = $2', [jobId, fp]); //@safe
  if (dupe.rowCount) throw new HttpError(409, 'You already applied for this role');

  const parsed = await parseResume(req.file.path, req.file.mimetype);
  const storedName = `${fp}${path.extname(req.file.originalname).toLowerCase()}`;
  await fs.promises.rename(req.file.path, path.join(CV_DIR, storedName));
  const { rows } = await pool.query(
    `INSERT INTO applications (job_id, candidate_name, email, phone, cover_letter, cv_file, cv_fingerprint, stage)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'new') RETURNING id`,
    [jobId, name, email, phone, coverLetter, storedName, fp],
  );
  const db = await mongo();
  await db.collection('candidate_profiles').insertOne({
    applicationId: rows[0].id,
    email,
    skills: parsed.skills,
    text: parsed.text,
    customFields: {},
  });
  await sendCandidateEmail(email, 'We received your application', { name });
  res.status(201).json({ id: rows[0].id });
});

// Public: "track my application" page data.
router.get('/status', async (req, res) => {
  const link = readCandidateLink(String(req.query.t || ''));
  if (!link) throw new HttpError(401, 'invalid link');
  const { rows } = await pool.query('SELECT a.stage, j.title FROM applications a JOIN job_postings j ON j.id = a.job_id WHERE a.id = $1', [link.applicationId]);
  res.json(rows[0] || null);
});

// Public: candidates look up their own profile to pre-fill a new application.
router.post('/lookup', async (req, res) => {
  const db = await mongo();
  const profile = await db.collection('candidate_profiles').findOne({ email: req.body.email, applicationId: req.body.applicationId }); //@vuln CWE-943
  res.json(profile ? { skills: profile.skills, customFields: profile.customFields } : null);
});

router.use(requireRecruiter);

router.get('/', async (req, res) => {
  const { jobId, stage, name } = req.query as Record<string, string>;
  const params: unknown[] = [jobId, req.user!.orgId];
  let sql = 'SELECT a.id, a.candidate_name, a.email, a.stage, a.created_at FROM applications a JOIN job_postings j ON j.id = a.job_id WHERE a.job_id = $1 AND j.org_id = $2';
  if (stage) sql += ` AND a.stage = '${stage}'`;
  if (name) {
    params.push(`%${name}%`);
    sql += ` AND a.candidate_name ILIKE $${params.length}`;
  }
  const { rows } = await pool.query(sql, params); //@vuln CWE-89
  res.json(rows);
});

router.get('/talent-pool', async (req, res) => {
  const db = await mongo();
  const skill = String(req.query.skill || '').toLowerCase();
  const docs = await db.collection('candidate_profiles').find({ skills: skill }).limit(100).toArray(); //@safe
  res.json(docs.map((d) => ({ applicationId: d.applicationId, skills: d.skills })));
});

router.get('/talent-pool/keyword', async (req, res) => {
  const db = await mongo();
  const kw = String(req.query.kw || '').toLowerCase();
  const docs = await db.collection('candidate_profiles').find({ $where: `this.text && this.text.toLowerCase().indexOf('${kw}') !== -1` }).limit(100).toArray(); //@vuln CWE-943
  res.json(docs.map((d) => d.applicationId));
});

router.get('/:id/cv', async (req, res) => {
  const { rows } = await pool.query('SELECT cv_file FROM applications WHERE id = $1', [req.params.id]);
  if (!rows.length) throw new HttpError(404, 'not found');
  res.sendFile(resolveInside(CV_DIR, rows[0].cv_file)); //@safe
});

router.get('/:id/attachments/:name', (req, res) => {
  const file = path.join(ATTACHMENT_DIR, req.params.id, req.params.name);
  res.download(file); //@vuln CWE-22
});

// Agencies send a zip with several CVs for one requisition.
router.post('/bulk-import', upload.single('bundle'), async (req, res) => {
  if (!req.file) throw new HttpError(400, 'bundle is required');
  const dest = path.join(config.uploadDir, 'bulk', `${req.user!.orgId}-${Date.now()}`);
  const files = extractBundle(req.file.path, dest);
  res.status(202).json({ files });
});

// Custom screening fields per application, e.g. { section: "visa", field: "sponsorship", value: "no" }
router.patch('/:id/profile', async (req, res) => {
  const db = await mongo();
  const profile = await db.collection('candidate_profiles').findOne({ applicationId: Number(req.params.id) });
  if (!profile) throw new HttpError(404, 'not found');
  const custom = profile.customFields || {};
  const { section, field, value } = req.body;
  custom[section] = custom[section] || {};
  custom[section][field] = value; //@vuln CWE-1321
  await db.collection('candidate_profiles').updateOne({ _id: profile._id }, { $set: { customFields: custom } });
  res.json(custom);
});

// Shows a preview card for the portfolio / GitHub link the candidate gave us.
router.post('/:id/portfolio-preview', async (req, res) => {
  const resp = await axios.get(req.body.url, { timeout: 5000, maxContentLength: 2_000_000 }); //@vuln CWE-918
  const title = /<title>([^<]*)<\/title>/i.exec(String(resp.data))?.[1] ?? '';
  res.json({ title: title.trim(), status: resp.status });
});

router.post('/:id/background-check', async (req, res) => {
  const invitation = await requestCheck(Number(req.params.id), req.body.package || 'standard');
  res.status(202).json(invitation);
});

export default router;
