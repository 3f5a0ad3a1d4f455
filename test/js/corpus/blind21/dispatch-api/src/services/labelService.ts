import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import path from 'node:path';
import { config } from '../config';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const labelPath = (fileName: string) => path.join(config.labelDir, fileName);

function resolveLabel(fileName: string) {
  const root = path.resolve(config.labelDir);
  const full = path.resolve(root, fileName);
  if (!full.startsWith(root + path.sep)) throw new Error('invalid label path');
  return full;
}

export async function renderLabel(trackingNumber: string, format: string) {
  const out = labelPath(`${trackingNumber}.${format}`);
  const cmd = `label-renderer --tracking ${trackingNumber} --format ${format} --out ${out}`;
  await execAsync(cmd, { timeout: 20_000 }); //@vuln CWE-78
  return out;
}

export async function sendToPrinter(printer: string, fileName: string) {
  const file = resolveLabel(fileName);
  await execFileAsync('lp', ['-d', printer, file]); //@safe
}

export async function readLabel(fileName: string) {
  return fs.readFile(labelPath(fileName)); //@vuln CWE-22
}

export async function readLabelChecked(fileName: string) {
  return fs.readFile(resolveLabel(fileName)); //@safe
}
