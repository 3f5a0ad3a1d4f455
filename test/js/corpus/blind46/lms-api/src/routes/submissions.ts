import { Router } from 'express';
import multer from 'multer';
import path from 'path';
import os from 'os';
import fs from 'fs/promises';
import { exec, execFile } from 'child_process';
import { promisify } from 'util';
import AdmZip from 'adm-zip';
import { config } from '../config';
import { query } from '../db';
import { requireRole } from './auth';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const upload = multer({ dest: path.join(config.storage.uploadsDir, '.incoming'), limits: { fileSize: 100 * 1024 * 1024 } });

export const submissionsRouter = Router();

const STATUSES = ['draft', 'submitted', 'late', 'graded', 'returned'];

function submissionDir(assignmentId: string | number, userId: number): string {
  return path.join(config.storage.uploadsDir, 'assignments', String(assignmentId), String(userId));
}

submissionsRouter.post('/:assignmentId', upload.single('file'), async (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'file is required' });
  const [assignment] = await query('SELECT id, course_id, accepts_zip, due_at FROM assignments WHERE id = $1', [req.params.assignmentId]);
  if (!assignment) return res.sendStatus(404);

  const dir = submissionDir(assignment.id, req.user!.id);
  await fs.mkdir(dir, { recursive: true });
  // students may rename the file in the upload dialog ("Essay final v3.docx")
  const fileName = (req.body.displayName as string) || req.file.originalname;
  const dest = path.join(dir, fileName);
  await fs.rename(req.file.path, dest); //@vuln CWE-22

  if (assignment.accepts_zip && dest.toLowerCase().endsWith('.zip')) {
    const unpacked = path.join(dir, 'unpacked');
    const zip = new AdmZip(dest);
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory) continue;
      const out = path.join(unpacked, entry.entryName);
      await fs.mkdir(path.dirname(out), { recursive: true });
      await fs.writeFile(out, entry.getData()); //@vuln CWE-22
    }
  }

  if (/\.(docx?|odt|pptx?)$/i.test(dest)) {
    // PDF copy for the in-browser annotator
    await execAsync(`soffice --headless --convert-to pdf --outdir "${dir}" "${dest}"`, { timeout: 60_000 }); //@vuln CWE-78
  }

  const status = assignment.due_at && new Date(assignment.due_at) < new Date() ? 'late' : 'submitted';
  await query('INSERT INTO submissions (assignment_id, user_id, file_name, stored_path, status, submitted_at) VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (assignment_id, user_id) DO UPDATE SET file_name = EXCLUDED.file_name, stored_path = EXCLUDED.stored_path, status = EXCLUDED.status, submitted_at = now()', [assignment.id, req.user!.id, fileName, dest, status]); //@safe
  res.status(201).json({ ok: true, file: fileName, status });
});

submissionsRouter.get('/:assignmentId', requireRole('teacher', 'admin'), async (req, res) => {
  const wanted = String(req.query.status ?? STATUSES.join(',')).split(',').map((s) => `'${s}'`).join(',');
  const rows = await query(`SELECT s.user_id, u.display_name, s.file_name, s.status, s.grade, s.submitted_at FROM submissions s JOIN users u ON u.id = s.user_id WHERE s.assignment_id = $1 AND s.status IN (${wanted}) ORDER BY u.display_name`, [Number(req.params.assignmentId)]); //@vuln CWE-89
  res.json(rows);
});

submissionsRouter.get('/:assignmentId/files/:userId/:name', requireRole('teacher', 'admin'), (req, res) => {
  const file = path.join(submissionDir(req.params.assignmentId, Number(req.params.userId)), req.params.name);
  res.download(file); //@vuln CWE-22
});

// Students fetch the annotated PDF the teacher returned
submissionsRouter.get('/:assignmentId/feedback/:name', (req, res) => {
  const base = path.join(config.storage.feedbackDir, String(Number(req.params.assignmentId)), String(req.user!.id));
  res.sendFile(req.params.name, { root: base, dotfiles: 'deny' }); //@safe
});

// Download every submission of an assignment as one zip
submissionsRouter.post('/:assignmentId/bundle', requireRole('teacher', 'admin'), async (req, res) => {
  const id = Number(req.params.assignmentId);
  const src = path.join(config.storage.uploadsDir, 'assignments', String(id));
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bundle-')); //@safe
  const out = path.join(tmp, `assignment-${id}.zip`);
  await execFileAsync('zip', ['-r', '-q', out, '.', '-x', '*/unpacked/*'], { cwd: src, timeout: 300_000 }); //@safe
  res.download(out, `assignment-${id}.zip`, () => void fs.rm(tmp, { recursive: true, force: true }));
});

// Code-similarity report (Stanford MOSS client) for programming assignments
submissionsRouter.post('/:assignmentId/similarity', requireRole('teacher'), async (req, res) => {
  const id = Number(req.params.assignmentId);
  const lang = String(req.body.language ?? 'python');
  const src = path.join(config.storage.uploadsDir, 'assignments', String(id));
  const { stdout } = await execAsync(`moss -l ${lang} -d ${src}/*/unpacked/*`, { timeout: 180_000 }); //@vuln CWE-78
  const reportUrl = stdout.trim().split('\n').pop();
  await query('UPDATE assignments SET similarity_report = $2 WHERE id = $1', [id, reportUrl]);
  res.json({ reportUrl });
});
