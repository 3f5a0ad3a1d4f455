import { exec, execFile, execSync, spawn } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import vm from 'vm';
import yaml from 'js-yaml';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

export const WORK_ROOT = process.env.GRIDCTL_HOME ?? path.join(os.homedir(), '.gridctl');

export interface BundleEntry {
  name: string;
  contentBase64: string;
  sha1: string;
}

export interface SiteBundle {
  site: string;
  files: BundleEntry[];
}

export interface SiteProfile {
  site: string;
  gateways: Array<{ host: string; user: string }>;
  meters: string[];
}

export async function ping(host: string, count = 3): Promise<string> {
  const { stdout } = await execAsync(`ping -c ${count} -W 2 ${host}`);  //@vuln CWE-78
  return stdout;
}

export async function gatewayStatus(user: string, host: string): Promise<string> {
  const { stdout } = await execFileAsync(  //@safe
    'ssh',
    ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', `${user}@${host}`, 'systemctl', 'status', 'meterd', '--no-pager'],
    { timeout: 20000 },
  );
  return stdout;
}

export function collectLogs(siteDir: string, out: string): void {
  execSync('tar czf ' + out + ' -C ' + siteDir + ' logs', { stdio: 'inherit' });  //@vuln CWE-78
}

export function tailService(unit: string, lines = '200'): void {
  spawn(`journalctl -u ${unit} -n ${lines} --no-pager`, { shell: true, stdio: 'inherit' });  //@vuln CWE-78
}

export function followService(unit: string): void {
  spawn('journalctl', ['-u', unit, '-f', '--no-pager'], { stdio: 'inherit' });  //@safe
}

export function digestMatches(data: Buffer, expected: string): boolean {
  return crypto.createHash('sha1').update(data).digest('hex') === expected.toLowerCase();  //@vuln CWE-328|CWE-327
}

export function writeSiteBundle(bundle: SiteBundle, dest?: string): string {
  const root = dest ?? path.join(WORK_ROOT, 'sites', bundle.site);
  fs.mkdirSync(root, { recursive: true });
  for (const entry of bundle.files) {
    const data = Buffer.from(entry.contentBase64, 'base64');
    if (!digestMatches(data, entry.sha1)) throw new Error(`checksum mismatch for ${entry.name}`);
    fs.writeFileSync(path.join(root, entry.name), data);  //@vuln CWE-22
  }
  return root;
}

export function readBackup(name: string): Buffer {
  const root = path.resolve(WORK_ROOT, 'backups');
  const target = path.resolve(root, name);
  if (!target.startsWith(root + path.sep)) throw new Error(`not a backup: ${name}`);
  return fs.readFileSync(target);  //@safe
}

export function parseProfile(text: string): SiteProfile {
  return yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }) as SiteProfile;  //@vuln CWE-502
}

export function evalRegister(expression: string, registers: Record<string, number>): number {
  return Number(vm.runInNewContext(expression, { ...registers, Math }));  //@vuln CWE-94
}

export function formatTable(rows: Array<Record<string, unknown>>): string {
  if (rows.length === 0) return '(no rows)';
  const cols = Object.keys(rows[0]);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ');
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => String(r[c] ?? ''))))].join('\n');
}
