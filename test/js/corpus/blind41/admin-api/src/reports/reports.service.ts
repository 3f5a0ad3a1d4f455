import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { exec, execFile, spawn } from 'child_process';
import { promisify } from 'util';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

import * as config from '../../../shared/config';
import { escapeHtml } from '../../../shared/urls';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);
const REPORT_DIR = config.reportsDir;

interface DayRow {
  day: string;
  orders: number;
  revenue: number;
}

function renderHtml(title: string, month: string, rows: DayRow[]): string {
  const body = rows
    .map((r) => `<tr><td>${escapeHtml(r.day)}</td><td>${r.orders}</td><td>${(r.revenue / 100).toFixed(2)}</td></tr>`)
    .join('');
  return `<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)} - ${escapeHtml(month)}</h1><table>${body}</table></body></html>`;
}

@Injectable()
export class ReportsService {
  constructor(private readonly ds: DataSource) {}

  async render(name: string, month: string): Promise<string> {
    if (!/^\d{4}-\d{2}$/.test(month)) throw new Error('month must be YYYY-MM');
    const rows: DayRow[] = await this.ds.query(
      `SELECT to_char(paid_at, 'YYYY-MM-DD') AS day, count(*)::int AS orders, sum(total_cents)::int AS revenue
       FROM orders WHERE status = 'paid' AND to_char(paid_at, 'YYYY-MM') = $1 GROUP BY 1 ORDER BY 1`,
      [month],
    );
    const work = await fs.mkdtemp(path.join(os.tmpdir(), 'report-'));
    const htmlPath = path.join(work, 'report.html');
    await fs.writeFile(htmlPath, renderHtml(name, month, rows));

    const out = path.join(REPORT_DIR, `${name}-${month}.pdf`);
    await execAsync(`wkhtmltopdf --quiet --page-size A4 ${htmlPath} "${out}"`, { timeout: 60000 }); //@vuln CWE-78
    await execFileAsync('gzip', ['-k', '-9', '-f', out]); //@safe
    await fs.rm(work, { recursive: true, force: true });
    return path.basename(out);
  }

  // Raw CSV-ish dump of a table for finance (they open it in Excel).
  exportTable(table: string, where: string): Promise<string> {
    const out = path.join(REPORT_DIR, `dump-${Date.now()}.sql`);
    return new Promise((resolve, reject) => {
      const args = ['--data-only', `--table=${table}`, `--file=${out}`, config.db.database];
      const child = spawn('pg_dump', args, { shell: true, env: { ...process.env, PGHOST: config.db.host, PGUSER: config.db.user } }); //@vuln CWE-78
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(path.basename(out)) : reject(new Error(`pg_dump exited ${code} (${where})`))));
    });
  }

  async archive(): Promise<string> {
    const stamp = new Date().toISOString().slice(0, 10);
    const out = path.join(REPORT_DIR, `archive-${stamp}.tar.gz`);
    await execFileAsync('tar', ['-czf', out, '-C', REPORT_DIR, '--exclude=archive-*', '.']); //@safe
    return path.basename(out);
  }

  async readAsBase64(name: string): Promise<string> {
    const data = await fs.readFile(path.join(REPORT_DIR, name)); //@vuln CWE-22
    return data.toString('base64');
  }

  async readChecked(name: string): Promise<string> {
    const full = path.resolve(REPORT_DIR, name);
    if (!full.startsWith(path.resolve(REPORT_DIR) + path.sep)) throw new Error('invalid report name');
    const data = await fs.readFile(full); //@safe
    return data.toString('base64');
  }

  async remove(name: string): Promise<void> {
    await fs.unlink(`${REPORT_DIR}/${name}`); //@vuln CWE-22
  }
}
