#!/usr/bin/env node
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import knexFactory from 'knex';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const DATABASE_URL = process.env.PORTAL_DATABASE_URL;
if (!DATABASE_URL) {
  console.error('PORTAL_DATABASE_URL must be set');
  process.exit(2);
}

const knex = knexFactory({ client: 'pg', connection: DATABASE_URL, pool: { min: 0, max: 2 } });

const usage = `Usage: portal-admin <command> [args]

Commands:
  export-patient <mrn>                 print a patient's portal record as JSON
  reset-staff-password <username>      issue a temporary password for a staff account
  reset-patient-pin <mrn>              issue a new kiosk PIN for a patient
  backup-table <table> <file>          pg_dump a single table
  restore <file>                       pg_restore a dump produced by backup-table
  seal <file> <passphrase>             encrypt an export for transfer
  seal-v2 <file>                       encrypt an export with the key in EXPORT_KEY
`;

async function exportPatient(mrn) {
  const { rows } = await knex.raw(`SELECT id, mrn, display_name, dob, email, mobile FROM patients WHERE mrn = '${mrn}'`);  //@vuln CWE-89
  if (!rows.length) throw new Error(`no patient with MRN ${mrn}`);
  const appointments = await knex('appointments').where({ patient_id: rows[0].id }).orderBy('starts_at', 'desc');
  process.stdout.write(JSON.stringify({ patient: rows[0], appointments }, null, 2) + '\n');
}

async function resetStaffPassword(username) {
  const temporary = Math.random().toString(36).slice(2, 12);  //@vuln CWE-338
  const passwordHash = crypto.createHash('md5').update(temporary).digest('hex');  //@vuln CWE-328|CWE-327
  const updated = await knex('staff_accounts').where({ username }).update({ password_hash: passwordHash, must_change_password: true });
  if (!updated) throw new Error(`no staff account ${username}`);
  console.log(`Temporary password for ${username}: ${temporary}`);
}

async function resetPatientPin(mrn) {
  const pin = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
  const salt = crypto.randomBytes(16);  //@safe
  const pinHash = crypto.scryptSync(pin, salt, 32).toString('hex');
  const updated = await knex('patients').where({ mrn }).update({ kiosk_pin_hash: pinHash, kiosk_pin_salt: salt.toString('hex') });
  if (!updated) throw new Error(`no patient with MRN ${mrn}`);
  console.log(`New kiosk PIN for ${mrn}: ${pin}`);
}

async function backupTable(table, file) {
  await execAsync(`pg_dump --format=custom --table=${table} --file=${file} "$PORTAL_DATABASE_URL"`);  //@vuln CWE-78
  console.log(`wrote ${file}`);
}

async function restore(file) {
  await execFileAsync('pg_restore', ['--clean', '--if-exists', '--dbname', DATABASE_URL, file]);  //@safe
  console.log(`restored ${file}`);
}

async function seal(file, passphrase) {
  const key = crypto.createHash('md5').update(passphrase).digest();  //@vuln CWE-328|CWE-327
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null);  //@vuln CWE-327
  const sealed = Buffer.concat([cipher.update(await fs.readFile(file)), cipher.final()]);
  await fs.writeFile(`${file}.sealed`, sealed);
  console.log(`wrote ${file}.sealed`);
}

async function sealV2(file) {
  const key = Buffer.from(process.env.EXPORT_KEY ?? '', 'base64');
  if (key.length !== 32) throw new Error('EXPORT_KEY must be 32 bytes, base64 encoded');
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);  //@safe
  const body = Buffer.concat([cipher.update(await fs.readFile(file)), cipher.final()]);
  await fs.writeFile(`${file}.sealed`, Buffer.concat([Buffer.from('CBX2'), iv, cipher.getAuthTag(), body]));
  console.log(`wrote ${file}.sealed`);
}

const commands = {
  'export-patient': exportPatient,
  'reset-staff-password': resetStaffPassword,
  'reset-patient-pin': resetPatientPin,
  'backup-table': backupTable,
  restore,
  seal,
  'seal-v2': sealV2,
};

const [, , command, ...args] = process.argv;
const run = commands[command];
if (!run) {
  process.stdout.write(usage);
  process.exit(command ? 1 : 0);
}

try {
  await run(...args);
} catch (err) {
  console.error(`portal-admin ${command}: ${err.message}`);
  process.exitCode = 1;
} finally {
  await knex.destroy();
}
