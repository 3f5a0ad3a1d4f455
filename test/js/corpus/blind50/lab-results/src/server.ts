import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { exec, execFile } from 'child_process';
import { promisify } from 'util';
import PDFDocument from 'pdfkit';
import puppeteer, { Browser } from 'puppeteer';
import jwt, { JwtPayload } from 'jsonwebtoken';
import { pgPool } from '../../common/src/db';
import { documentDigest } from '../../common/src/crypto';
import { audit } from '../../common/src/audit';

const execFileP = promisify(execFile);
const pool = pgPool('lab');
const RESULTS_DIR = process.env.LAB_RESULTS_DIR || '/srv/lab/results';
const REPORT_BASE = process.env.LAB_REPORT_BASE || 'http://lab-reports.internal:3100';
const SORT_DEFAULT = 'collected_at DESC';

const app = Fastify({ logger: { level: process.env.LOG_LEVEL || 'info' } });
app.register(cookie, { secret: process.env.COOKIE_SECRET });

let browser: Browser | null = null;
async function getBrowser(): Promise<Browser> {
  if (!browser) browser = await puppeteer.launch({ headless: true, args: ['--no-sandbox'] });
  return browser;
}

type Component = { name: string; value: string; unit: string; range: string; flag?: string };
type LabRow = { id: string; accession_no: string; patient_name: string; mrn: string; test_name: string; collected_at: Date; components: Component[]; file_name: string | null };

function writeResultPdf(row: LabRow, out: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 50 });
    doc.pipe(out);
    doc.fontSize(16).text('Laboratory Report', { align: 'center' }).moveDown();
    doc.fontSize(10).text(`Patient: ${row.patient_name}   MRN: ${row.mrn}`);
    doc.text(`Accession: ${row.accession_no}   Collected: ${row.collected_at.toISOString()}`).moveDown();
    doc.fontSize(12).text(row.test_name, { underline: true });
    for (const c of row.components) {
      doc.fontSize(10).text(`${c.name.padEnd(28)} ${c.value} ${c.unit}   (${c.range}) ${c.flag || ''}`);
    }
    doc.end();
    out.on('finish', () => resolve());
    out.on('error', reject);
  });
}

async function loadResult(id: string): Promise<LabRow | undefined> {
  const { rows } = await pool.query<LabRow>('SELECT * FROM lab_result WHERE id = $1', [id]);
  return rows[0];
}

app.get('/results', async (req: FastifyRequest<{ Querystring: { accession?: string; mrn?: string; sort?: string } }>, reply) => {
  const { accession, mrn } = req.query;
  if (accession) {
    const { rows } = await pool.query(`SELECT id, accession_no, test_name, collected_at FROM lab_result WHERE accession_no = '${accession}'`); //@vuln CWE-89
    return rows;
  }
  if (!mrn) return reply.code(400).send({ error: 'accession or mrn required' });
  const sort = req.query.sort || SORT_DEFAULT;
  const { rows } = await pool.query(`SELECT id, accession_no, test_name, collected_at FROM lab_result WHERE mrn = $1 ORDER BY ${sort} LIMIT 100`, [mrn]); //@vuln CWE-89
  return rows;
});

app.get('/results/:id/pdf', async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
  const row = await loadResult(req.params.id);
  if (!row) return reply.code(404).send();
  const tmpPdf = path.join(os.tmpdir(), `lab-${row.accession_no}.pdf`);
  await writeResultPdf(row, fs.createWriteStream(tmpPdf)); //@vuln CWE-377
  const buf = await fs.promises.readFile(tmpPdf);
  await pool.query('UPDATE lab_result SET last_digest = $1 WHERE id = $2', [documentDigest(buf), row.id]);
  reply.header('content-disposition', `inline; filename="lab-${row.accession_no}.pdf"`).type('application/pdf');
  return buf;
});

// Patient requests a password-protected copy to e-mail to another provider.
app.post('/results/:id/protected-pdf', async (req: FastifyRequest<{ Params: { id: string }; Body: { password: string } }>, reply: FastifyReply) => {
  const row = await loadResult(req.params.id);
  if (!row) return reply.code(404).send();
  const workDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'labpdf-')); //@safe
  const src = path.join(workDir, 'in.pdf');
  const out = path.join(workDir, 'out.pdf');
  await writeResultPdf(row, fs.createWriteStream(src, { mode: 0o600 }));
  await execFileP('qpdf', ['--linearize', src, path.join(workDir, 'lin.pdf')]); //@safe
  const pw = req.body.password;
  await new Promise<void>((resolve, reject) => exec(`qpdf --encrypt ${pw} ${pw} 256 -- ${path.join(workDir, 'lin.pdf')} ${out}`, (err) => (err ? reject(err) : resolve()))); //@vuln CWE-78
  const buf = await fs.promises.readFile(out);
  await fs.promises.rm(workDir, { recursive: true, force: true });
  reply.type('application/pdf');
  return buf;
});

// Scanned reference-lab PDFs dropped by the interface engine.
app.get('/results/files/:name', async (req: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
  reply.type('application/pdf');
  return reply.send(fs.createReadStream(path.join(RESULTS_DIR, req.params.name))); //@vuln CWE-22
});

app.get('/results/:id/attachment', async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
  const row = await loadResult(req.params.id);
  if (!row || !row.file_name) return reply.code(404).send();
  reply.type('application/pdf');
  return reply.send(fs.createReadStream(path.join(RESULTS_DIR, path.basename(row.file_name)))); //@safe
});

// Render the styled HTML report (served by lab-reports) into a PDF.
app.post('/results/:id/render', async (req: FastifyRequest<{ Params: { id: string }; Body: { sourceUrl?: string } }>, reply: FastifyReply) => {
  const page = await (await getBrowser()).newPage();
  try {
    if (req.body?.sourceUrl) {
      await page.goto(req.body.sourceUrl, { waitUntil: 'networkidle0', timeout: 30000 }); //@vuln CWE-918
    } else {
      await page.goto(`${REPORT_BASE}/lab/${encodeURIComponent(req.params.id)}`, { waitUntil: 'networkidle0', timeout: 30000 }); //@safe
    }
    const pdf = await page.pdf({ format: 'Letter', printBackground: true });
    reply.type('application/pdf');
    return Buffer.from(pdf);
  } finally {
    await page.close();
  }
});

// Share link e-mailed to the patient: /share/<jwt>
app.get('/share/:token', async (req: FastifyRequest<{ Params: { token: string }; Querystring: { note?: string } }>, reply: FastifyReply) => {
  const claims = jwt.decode(req.params.token) as JwtPayload | null; //@vuln CWE-347
  if (!claims || !claims.rid || (claims.exp && claims.exp * 1000 < Date.now())) {
    return reply.code(410).type('text/html').send('<p>This link has expired.</p>');
  }
  const row = await loadResult(String(claims.rid));
  if (!row) return reply.code(404).send();
  await audit({ actor: `share:${claims.sub}`, action: 'lab.share.view', entity: 'lab_result', entityId: row.id, sourceIp: req.ip });
  reply.setCookie('lab_share', req.params.token, { path: '/share', httpOnly: true, secure: false, sameSite: 'lax', maxAge: 3600 }); //@vuln CWE-614
  const note = req.query.note ? `<p class="note">Message from your provider: ${req.query.note}</p>` : '';
  return reply.type('text/html').send(`<h2>${row.test_name}</h2>${note}<p><a href="/results/${row.id}/pdf">Download PDF</a></p>`); //@vuln CWE-79
});

app.listen({ port: Number(process.env.PORT || 3200), host: '0.0.0.0' }).catch((err) => {
  app.log.error(err);
  process.exit(1);
});
