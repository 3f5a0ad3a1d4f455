import { exec, execFile, spawn } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import pdfParse from 'pdf-parse';
import mammoth from 'mammoth';
import { Worker } from 'bullmq';
import { config } from '../config';
import { Candidate } from '../db';

const execFileAsync = promisify(execFile);
const execAsync = promisify(exec);

export const RESUME_MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
} as const;

export interface ResumeJob {
  candidateId: string;
  storedPath: string;
  mimeType: string;
  ocr?: boolean;
}

export async function convertToPdf(inputPath: string, outDir: string): Promise<string> {
  await execFileAsync(config.sofficePath, ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, inputPath], { timeout: 90_000 });  //@safe
  return path.join(outDir, `${path.parse(inputPath).name}.pdf`);
}

export async function convertResume(inputPath: string, targetFormat: string, outDir: string): Promise<string> {
  const { stderr } = await execAsync(`"${config.sofficePath}" --headless --convert-to ${targetFormat} --outdir "${outDir}" "${inputPath}"`, { timeout: 90_000 });  //@vuln CWE-78
  if (stderr) {
    console.warn('[resume] soffice:', stderr.trim());
  }
  return path.join(outDir, `${path.parse(inputPath).name}.${targetFormat.split(':')[0]}`);
}

export async function extractResumeText(filePath: string, mimeType: string): Promise<string> {
  const buffer = await fs.readFile(filePath);
  if (mimeType === RESUME_MIME.pdf) {
    const parsed = await pdfParse(buffer);
    return parsed.text;
  }
  if (mimeType === RESUME_MIME.docx) {
    const result = await mammoth.extractRawText({ buffer });
    return result.value;
  }
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'resume-'));
  try {
    const pdfPath = await convertToPdf(filePath, workDir);
    const parsed = await pdfParse(await fs.readFile(pdfPath));
    return parsed.text;
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

const EMAIL_RE = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i;
const PHONE_RE = /\+?\d[\d ().-]{7,}\d/;
const LINKEDIN_RE = /https?:\/\/(?:www\.)?linkedin\.com\/in\/[A-Za-z0-9_-]+/i;

export function parseContactDetails(text: string): { email?: string; phone?: string; linkedinUrl?: string } {
  return {
    email: text.match(EMAIL_RE)?.[0],
    phone: text.match(PHONE_RE)?.[0],
    linkedinUrl: text.match(LINKEDIN_RE)?.[0],
  };
}

function runOcr(sourcePath: string, targetPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `ocrmypdf --skip-text --quiet ${sourcePath} ${targetPath}`]);  //@vuln CWE-78
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ocrmypdf exited with ${code}`))));
  });
}

export function startResumeWorker(): Worker<ResumeJob> {
  return new Worker<ResumeJob>(
    'resume-processing',
    async (job) => {
      const { candidateId, storedPath, mimeType, ocr } = job.data;
      let source = storedPath;
      if (ocr && mimeType === RESUME_MIME.pdf) {
        source = `${storedPath}.ocr.pdf`;
        await runOcr(storedPath, source);
      }
      const text = await extractResumeText(source, mimeType);
      const contact = parseContactDetails(text);
      await Candidate.update(
        { resumeText: text, ...(contact.linkedinUrl ? { linkedinUrl: contact.linkedinUrl } : {}) },
        { where: { id: candidateId } },
      );
      return { characters: text.length };
    },
    { connection: config.redis, concurrency: 2 },
  );
}
