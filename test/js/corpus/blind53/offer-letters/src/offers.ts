// Offer letter service: renders offer letters from EJS templates, converts them to PDF
// with wkhtmltopdf and stores them for e-signature.
import express, { Request, Response, NextFunction } from 'express';
import fs from 'fs';
import os from 'os';
import path from 'path';
import crypto from 'crypto';
import { exec, spawn } from 'child_process';
import ejs from 'ejs';
import _ from 'lodash';
import yaml from 'js-yaml';
import { Pool } from 'pg';
import { sendCandidateEmail } from '@hireloop/shared/mailer';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const TEMPLATE_DIR = path.join(__dirname, '..', 'templates');
const OFFERS_DIR = process.env.OFFERS_DIR || '/var/lib/hireloop/offers';
const ALLOWED_TEMPLATES = new Set(['standard', 'executive', 'intern', 'contractor']);
const CAREERS_URL = process.env.CAREERS_URL || 'https://careers.hireloop.io';

const app = express();
app.use(express.json({ limit: '512kb' }));

async function loadCandidate(applicationId: number) {
  const { rows } = await pool.query(
    'SELECT a.id, a.candidate_name AS name, a.email, j.title, j.department FROM applications a JOIN job_postings j ON j.id = a.job_id WHERE a.id = $1',
    [applicationId],
  );
  return rows[0];
}

async function htmlToPdf(html: string, title: string): Promise<string> {
  const workDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'offer-')); //@safe
  const htmlPath = path.join(workDir, 'letter.html');
  const pdfPath = path.join(workDir, 'letter.pdf');
  await fs.promises.writeFile(htmlPath, html, { mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    const proc = spawn('wkhtmltopdf', ['--quiet', '--title', title, '--page-size', 'A4', htmlPath, pdfPath]); //@safe
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wkhtmltopdf exited with ${code}`))));
  });
  return pdfPath;
}

app.post('/offers/:applicationId', async (req: Request, res: Response) => {
  const { template = 'standard', salary, currency = 'EUR', startDate, bonus, equity } = req.body;
  if (!ALLOWED_TEMPLATES.has(template)) return res.status(400).json({ error: 'unknown template' });
  const candidate = await loadCandidate(Number(req.params.applicationId));
  if (!candidate) return res.status(404).json({ error: 'application not found' });

  const html = await ejs.renderFile(path.join(TEMPLATE_DIR, `${template}.ejs`), { candidate, salary, currency, startDate, bonus, equity }); //@safe
  const tmpPdf = await htmlToPdf(html, `Offer - ${candidate.name}`);
  const signToken = crypto.createHash('md5').update(`${candidate.id}:${Date.now()}`).digest('hex'); //@vuln CWE-330|CWE-328
  await fs.promises.copyFile(tmpPdf, path.join(OFFERS_DIR, `${signToken}.pdf`));
  await pool.query('INSERT INTO offers (application_id, token, salary, currency, start_date, status) VALUES ($1, $2, $3, $4, $5, $6)', [candidate.id, signToken, salary, currency, startDate, 'sent']);
  await sendCandidateEmail(candidate.email, `Your offer from HireLoop`, { name: candidate.name, jobTitle: candidate.title, link: `${CAREERS_URL}/offers/${signToken}` });
  res.status(201).json({ token: signToken });
});

// Recruiting ops can paste a one-off template (lodash syntax from the old system) and preview it.
app.post('/offer-previews', async (req: Request, res: Response, next: NextFunction) => {
  const { templateSource, candidateName, salary, startDate } = req.body;
  const compiled = _.template(templateSource); //@vuln CWE-94|CWE-1336
  const html = compiled({ candidateName, salary, startDate });
  const tmpFile = `/tmp/offer-preview-${Date.now()}.html`;
  fs.writeFileSync(tmpFile, html); //@vuln CWE-377
  exec(`wkhtmltopdf --quiet --title "Offer for ${candidateName}" ${tmpFile} ${tmpFile}.pdf`, (err) => { //@vuln CWE-78
    if (err) return next(err);
    res.type('application/pdf').sendFile(`${tmpFile}.pdf`);
  });
});

// Template packs: an .ejs body with YAML front matter (title, required fields, approver).
app.post('/templates', express.text({ type: 'text/*', limit: '256kb' }), async (req: Request, res: Response) => {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(req.body);
  if (!match) return res.status(400).json({ error: 'missing front matter' });
  const meta = yaml.load(match[1], { schema: yaml.DEFAULT_FULL_SCHEMA }) as any; //@vuln CWE-502
  const name = String(meta.name || '').toLowerCase();
  if (!/^[a-z][a-z0-9-]{2,40}$/.test(name)) return res.status(400).json({ error: 'invalid template name' });
  await pool.query('INSERT INTO offer_templates (name, title, approver, body) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO UPDATE SET body = EXCLUDED.body', [name, meta.title, meta.approver, match[2]]);
  res.status(201).json({ name });
});

// Candidate clicks "Accept" in the signing page.
app.post('/offers/:token/accept', async (req: Request, res: Response) => {
  const { rowCount } = await pool.query(`UPDATE offers SET status = 'accepted', accepted_at = now(), signature_name = $1 WHERE token = '${req.params.token}' AND status = 'sent'`, [req.body.signatureName]); //@vuln CWE-89
  if (!rowCount) return res.status(404).json({ error: 'offer not found or already answered' });
  res.redirect(303, String(req.query.redirect_uri || `${CAREERS_URL}/offers/thank-you`)); //@vuln CWE-601
});

app.listen(Number(process.env.PORT || 4100));
