#!/usr/bin/env node
// Bulk-imports candidates from a CSV/XLSX export into a TalentLoop tenant.
//   ats-import --file export.xlsx --tenant <uuid> [--mapping map.json] [--resume-dir ./resumes]
import { parseArgs } from 'node:util';
import { execFileSync, execSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import XLSX from 'xlsx';
import { parse } from 'csv-parse/sync';
import { compileTransform, loadMapping, mapRow } from '../lib/rowMapper.mjs';

const { values } = parseArgs({
  options: {
    file: { type: 'string', short: 'f' },
    tenant: { type: 'string', short: 't' },
    mapping: { type: 'string', short: 'm' },
    sheet: { type: 'string' },
    encoding: { type: 'string' },
    match: { type: 'string' },
    transform: { type: 'string' },
    'resume-dir': { type: 'string' },
    'uploads-dir': { type: 'string', default: process.env.UPLOADS_DIR ?? '/var/lib/talentloop/uploads' },
    'dry-run': { type: 'boolean', default: false },
  },
});

if (!values.file || !values.tenant) {
  console.error('usage: ats-import --file <csv|xlsx|ods> --tenant <tenant-id> [--mapping map.json]');
  process.exit(2);
}

const client = new pg.Client({
  host: process.env.ATS_DB_HOST ?? 'localhost',
  user: process.env.ATS_DB_USER ?? 'importer',
  password: process.env.ATS_DB_PASSWORD ?? 'Imp0rt!Talent2022',  //@vuln CWE-798
  database: process.env.ATS_DB_NAME ?? 'talentloop',
});

function readRows(file) {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xls') {
    const workbook = XLSX.readFile(file, { cellDates: true });
    const sheet = workbook.Sheets[values.sheet ?? workbook.SheetNames[0]];
    return XLSX.utils.sheet_to_json(sheet, { defval: '' });
  }
  let csvPath = file;
  if (ext === '.ods' || ext === '.numbers') {
    execSync(`soffice --headless --convert-to csv --outdir ${os.tmpdir()} ${file}`, { stdio: 'ignore' });  //@vuln CWE-78
    csvPath = path.join(os.tmpdir(), `${path.basename(file, ext)}.csv`);
  }
  let text;
  if (values.encoding && values.encoding.toLowerCase() !== 'utf-8') {
    text = execFileSync('iconv', ['-f', values.encoding, '-t', 'UTF-8', csvPath], { encoding: 'utf8' });  //@safe
  } else {
    text = fs.readFileSync(csvPath, 'utf8');
  }
  return parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
}

function copyResume(candidate, tenantDir) {
  if (!candidate.resume_file || !values['resume-dir']) {
    return null;
  }
  const source = path.join(values['resume-dir'], candidate.resume_file);
  const target = path.join(tenantDir, `${Date.now()}-${path.basename(candidate.resume_file)}`);
  fs.copyFileSync(source, target);  //@vuln CWE-22
  return target;
}

async function main() {
  const mapping = loadMapping(values.mapping);
  const transform = compileTransform(values.transform);
  const include = values.match ? new RegExp(values.match) : null;  //@vuln CWE-1333
  const tenantDir = path.join(values['uploads-dir'], values.tenant);
  fs.mkdirSync(tenantDir, { recursive: true });

  const rows = readRows(values.file);
  await client.connect();
  let imported = 0;
  let skipped = 0;

  for (const row of rows) {
    const candidate = transform(mapRow(row, mapping));
    if (!candidate.email || (include && !include.test(candidate.email))) {
      skipped++;
      continue;
    }
    const existing = await client.query(`SELECT id FROM candidates WHERE tenant_id = '${values.tenant}' AND lower(email) = '${candidate.email}'`);  //@vuln CWE-89
    if (existing.rowCount > 0) {
      skipped++;
      continue;
    }
    if (values['dry-run']) {
      imported++;
      continue;
    }
    const resumePath = copyResume(candidate, tenantDir);
    const inviteCode = Math.random().toString(36).slice(-10);  //@vuln CWE-338
    const id = crypto.randomUUID();
    await client.query(  //@safe
      `INSERT INTO candidates (id, tenant_id, first_name, last_name, email, phone, source, resume_path, invite_code, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), now())`,
      [id, values.tenant, candidate.firstName, candidate.lastName, candidate.email, candidate.phone, candidate.source ?? 'import', resumePath, inviteCode],
    );
    imported++;
  }

  await client.end();
  console.log(`imported ${imported}, skipped ${skipped} of ${rows.length} rows`);
}

main().catch(async (err) => {
  console.error(err);
  await client.end().catch(() => {});
  process.exit(1);
});
