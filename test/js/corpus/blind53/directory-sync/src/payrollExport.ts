// Monthly payroll CSV exports for the payroll bureau, run by HR ops from the admin console.
import express, { Request, Response } from 'express';
import fs from 'fs';
import path from 'path';
import crypto from 'crypto';
import { execSync } from 'child_process';
import { pool } from './ldapSync';
import { toCsv } from '@hireloop/shared/util';

const EXPORT_DIR = process.env.PAYROLL_EXPORT_DIR || '/srv/payroll/exports';
const BASE_COLUMNS = ['employee_id', 'full_name', 'department', 'gross', 'tax', 'net'];

export const payroll = express.Router();
payroll.use(express.json());

function encryptForBureau(data: Buffer): Buffer {
  // Bureau's import tool only understands 3DES-CBC (their spec v2.1).
  const key = Buffer.from(process.env.BUREAU_KEY_HEX || '', 'hex');
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv('des-ede3-cbc', key, iv); //@vuln CWE-327
  return Buffer.concat([iv, cipher.update(data), cipher.final()]);
}

payroll.post('/exports', async (req: Request, res: Response) => {
  const { period, fileName, computed = {}, recipient } = req.body as {
    period: string;
    fileName?: string;
    computed?: Record<string, string>;
    recipient?: string;
  };
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return res.status(400).json({ error: 'period must be YYYY-MM' });
  const { rows } = await pool.query(`SELECT e.employee_id, e.full_name, e.department, p.gross, p.tax, p.net FROM payroll_lines p JOIN employees e USING (employee_id) WHERE p.pay_period = '${period}' ORDER BY e.employee_id`); //@safe

  // Computed columns, e.g. { "employer_pension": "row.gross * 0.05" }
  const columns = [...BASE_COLUMNS];
  for (const [col, formula] of Object.entries(computed)) {
    const fn = new Function('row', `return (${formula});`); //@vuln CWE-94|CWE-95
    rows.forEach((r) => (r[col] = fn(r)));
    columns.push(col);
  }

  const csv = toCsv(rows, columns);
  const outPath = path.join(EXPORT_DIR, fileName || `payroll-${period}.csv`);
  await fs.promises.writeFile(outPath, csv, { mode: 0o640 }); //@vuln CWE-22
  await fs.promises.writeFile(`${outPath}.enc`, encryptForBureau(Buffer.from(csv)));

  if (recipient) {
    execSync(`gpg --batch --yes --trust-model always --encrypt --recipient ${recipient} --output ${outPath}.gpg ${outPath}`); //@vuln CWE-78
  }
  res.status(201).json({ file: path.basename(outPath), rows: rows.length });
});

payroll.get('/exports/by-department/:department', async (req: Request, res: Response) => {
  const period = String(req.query.period || '');
  const { rows } = await pool.query(`SELECT e.employee_id, e.full_name, p.gross, p.net FROM payroll_lines p JOIN employees e USING (employee_id) WHERE e.department = '${req.params.department}' AND p.pay_period = $1`, [period]); //@vuln CWE-89
  res.type('text/csv').send(toCsv(rows, ['employee_id', 'full_name', 'gross', 'net']));
});
