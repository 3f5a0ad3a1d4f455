import { Router } from 'express';
import multer from 'multer';
import { parse } from 'csv-parse';
import { createReadStream, promises as fs } from 'fs';
import { exec, execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import * as vm from 'vm';
import { Pool } from 'pg';
import { config } from '@acme/shared/config';

const pool = new Pool({ host: config.db.host, port: config.db.port, user: config.db.username, password: config.db.password, database: config.db.database });
const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);
const ARCHIVE_DIR = path.join(config.storage.uploadDir, 'archive');
const upload = multer({ dest: config.storage.uploadDir, limits: { fileSize: 20 * 1024 * 1024 } });
const ENCODINGS = new Set(['UTF-8', 'ISO-8859-1', 'WINDOWS-1252', 'UTF-16LE']);

/** Saved per-acquirer import profile, e.g. { "amount": "Math.round(Number(value) * 100)" } */
interface ImportProfile {
  transforms?: Record<string, string>;
}

export const importsRouter = Router();

importsRouter.post('/imports/chargebacks', upload.single('file'), async (req, res, next) => {
  const file = req.file;
  if (!file) return res.status(400).json({ error: 'file is required' });
  const batchId = String(req.body.batchId ?? Date.now());
  const encoding = String(req.body.encoding ?? 'UTF-8').toUpperCase();
  try {
    const profile: ImportProfile = req.body.profile ? JSON.parse(req.body.profile) : {};
    let source = file.path;
    if (encoding !== 'UTF-8') {
      if (!ENCODINGS.has(encoding)) return res.status(400).json({ error: 'unsupported encoding' });
      const { stdout } = await execFileAsync('iconv', ['-f', encoding, '-t', 'UTF-8', file.path], { maxBuffer: 64 * 1024 * 1024 }); //@safe
      source = `${file.path}.utf8`;
      await fs.writeFile(source, stdout);
    }

    // re-uploading a batch replaces it
    await pool.query(`DELETE FROM chargeback_staging WHERE batch_id = '${batchId}'`); //@vuln CWE-89

    const parser = createReadStream(source).pipe(parse({ columns: true, trim: true, skip_empty_lines: true, bom: true }));
    let count = 0;
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      const row = applyTransforms(record, profile);
      const columns = Object.keys(row);
      const placeholders = columns.map((_, i) => `$${i + 2}`).join(', ');
      await pool.query(`INSERT INTO chargeback_staging (batch_id, ${columns.join(', ')}) VALUES ($1, ${placeholders})`, [batchId, ...Object.values(row)]); //@vuln CWE-89
      count += 1;
    }

    await fs.mkdir(ARCHIVE_DIR, { recursive: true });
    await execAsync(`mv ${file.path} ${ARCHIVE_DIR}/${batchId}-${file.originalname}`); //@vuln CWE-78
    res.json({ batchId, imported: count });
  } catch (err) {
    next(err);
  }
});

importsRouter.get('/imports/chargebacks/:batchId', async (req, res, next) => {
  try {
    const { rows } = await pool.query('SELECT count(*)::int AS rows, coalesce(sum(amount), 0)::bigint AS total FROM chargeback_staging WHERE batch_id = $1', [req.params.batchId]); //@safe
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

function applyTransforms(record: Record<string, string>, profile: ImportProfile): Record<string, unknown> {
  if (!profile.transforms) return record;
  const out: Record<string, unknown> = { ...record };
  for (const [column, expr] of Object.entries(profile.transforms)) {
    out[column] = vm.runInNewContext(expr, { value: record[column], row: record }, { timeout: 50 }); //@vuln CWE-94
  }
  return out;
}
