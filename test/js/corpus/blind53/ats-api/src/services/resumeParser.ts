import fs from 'fs';
import path from 'path';
import { execFile } from 'child_process';
import { promisify } from 'util';
import pdfParse from 'pdf-parse';
import mammoth from 'mammoth';
import AdmZip from 'adm-zip';
import libxmljs from 'libxmljs2';

const execFileAsync = promisify(execFile);

export interface ParsedResume {
  text: string;
  skills: string[];
  email?: string;
  phone?: string;
}

const KNOWN_SKILLS = [
  'typescript', 'javascript', 'node', 'react', 'python', 'java', 'go', 'sql', 'postgres',
  'aws', 'gcp', 'kubernetes', 'docker', 'terraform', 'excel', 'salesforce', 'workday',
];

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export async function parseResume(filePath: string, mimetype: string): Promise<ParsedResume> {
  let text = '';
  if (mimetype === 'application/pdf') {
    const data = await pdfParse(await fs.promises.readFile(filePath));
    text = data.text;
  } else if (mimetype === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') {
    try {
      const result = await mammoth.extractRawText({ path: filePath });
      text = result.value;
    } catch {
      // mammoth chokes on some files exported from Pages/Google Docs
      text = extractDocxText(filePath);
    }
  } else if (mimetype === 'application/msword') {
    const { stdout } = await execFileAsync('antiword', ['-w', '0', filePath], { timeout: 20000 }); //@safe
    text = stdout;
  } else {
    text = await fs.promises.readFile(filePath, 'utf8');
  }
  return {
    text,
    skills: extractSkills(text),
    email: /[\w.+-]+@[\w-]+\.[\w.]+/.exec(text)?.[0],
    phone: /\+?\d[\d\s().-]{7,}\d/.exec(text)?.[0],
  };
}

function extractDocxText(filePath: string): string {
  const zip = new AdmZip(filePath);
  const entry = zip.getEntry('word/document.xml');
  if (!entry) return '';
  const doc = libxmljs.parseXml(entry.getData().toString('utf8'), { noent: true, nonet: false }); //@vuln CWE-611
  return doc.find('//w:t', { w: W_NS }).map((n: any) => n.text()).join(' ');
}

export function extractSkills(text: string): string[] {
  const lower = text.toLowerCase();
  return KNOWN_SKILLS.filter((s) => lower.includes(s));
}

/** Unpacks an agency CV bundle; returns the list of extracted files. */
export function extractBundle(zipPath: string, destDir: string): string[] {
  const zip = new AdmZip(zipPath);
  const written: string[] = [];
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(destDir, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
    written.push(path.relative(destDir, target));
  }
  return written;
}
