import fs from 'node:fs';
import path from 'node:path';
import type { NextApiRequest, NextApiResponse } from 'next';
import { pool, recordAccess } from '../../../lib/db';
import { readSession } from '../../../lib/session';

const DOCUMENT_ROOT = path.resolve(process.env.DOCUMENT_ROOT ?? '/srv/carebridge/documents');
const PREVIEW_ROOT = path.join(DOCUMENT_ROOT, '_previews');

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};

function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

type DocumentQuery = { id: string; preview?: string; format?: string; attachment?: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = readSession(req);
  if (!session) return res.status(401).end();

  const { id, preview, format = 'png', attachment } = req.query as DocumentQuery;

  if (preview) {
    const previewPath = path.join(PREVIEW_ROOT, `${preview}.${format}`);
    res.setHeader('Content-Type', contentTypeFor(previewPath));
    return fs.createReadStream(previewPath).on('error', () => res.status(404).end()).pipe(res);  //@vuln CWE-22
  }

  if (attachment) {
    const attachmentPath = path.join(DOCUMENT_ROOT, session.mrn, 'attachments', attachment);
    try {
      const data = await fs.promises.readFile(attachmentPath);  //@vuln CWE-22
      res.setHeader('Content-Type', contentTypeFor(attachmentPath));
      return res.send(data);
    } catch {
      return res.status(404).end();
    }
  }

  const { rows } = await pool.query('SELECT file_name, patient_id FROM documents WHERE id = $1', [id]);
  const doc = rows[0];
  if (!doc || doc.patient_id !== session.sub) return res.status(404).end();

  const patientDir = path.resolve(DOCUMENT_ROOT, session.mrn);
  const filePath = path.resolve(patientDir, doc.file_name);
  if (!filePath.startsWith(patientDir + path.sep)) return res.status(400).end();

  const body = await fs.promises.readFile(filePath);  //@safe
  await recordAccess(session.sub, session.name, `document:${id}`);
  res.setHeader('Content-Type', contentTypeFor(filePath));
  res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(path.basename(filePath))}"`);
  return res.send(body);
}
