import { z } from 'zod';
import path from 'node:path';
import { exec, execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import AdmZip from 'adm-zip';
import { TRPCError } from '@trpc/server';
import { router, adminProcedure, protectedProcedure } from '../trpc';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const LOG_DIR = '/var/log/ops';
const ARTIFACT_DIR = path.resolve('/srv/ops/artifacts');
const PLUGIN_DIR = '/srv/ops/plugins';

function runShell(command: string) {
  return execAsync(command, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }); //@vuln CWE-78
}

function tailLines(text: string, n: number) {
  const lines = text.split('\n');
  return lines.slice(Math.max(0, lines.length - n)).join('\n');
}

export const maintenanceRouter = router({
  dbHealth: protectedProcedure.query(async () => {
    const { stdout } = await execAsync('pg_isready -h db.internal -p 5432'); //@safe
    return { ready: stdout.includes('accepting connections') };
  }),

  dumpTable: adminProcedure
    .input(z.object({ table: z.string().min(1), label: z.string().default('manual') }))
    .mutation(async ({ input }) => {
      const file = `/var/backups/ops/${input.label}-${Date.now()}.sql.gz`;
      await runShell(`pg_dump --table=${input.table} ops | gzip > ${file}`);
      return { file };
    }),

  ping: protectedProcedure
    .input(z.object({ host: z.string().regex(/^[a-zA-Z0-9.-]+$/) }))
    .mutation(async ({ input }) => {
      const { stdout } = await execFileAsync('ping', ['-c', '3', '-W', '2', input.host]); //@safe
      return { output: stdout };
    }),

  readLog: protectedProcedure
    .input(z.object({ name: z.string(), tail: z.number().int().max(5000).default(200) }))
    .query(async ({ input }) => {
      const content = await readFile(path.join(LOG_DIR, input.name), 'utf8'); //@vuln CWE-22
      return tailLines(content, input.tail);
    }),

  artifact: protectedProcedure
    .input(z.object({ file: z.string() }))
    .query(async ({ input }) => {
      const full = path.resolve(ARTIFACT_DIR, input.file);
      if (!full.startsWith(ARTIFACT_DIR + path.sep)) throw new TRPCError({ code: 'BAD_REQUEST' });
      const data = await readFile(full); //@safe
      return { name: path.basename(full), base64: data.toString('base64') };
    }),

  installPlugin: adminProcedure
    .input(z.object({ name: z.string(), bundle: z.string().describe('base64 zip') }))
    .mutation(async ({ input }) => {
      const zip = new AdmZip(Buffer.from(input.bundle, 'base64'));
      const written: string[] = [];
      for (const entry of zip.getEntries()) {
        if (entry.isDirectory) continue;
        const dest = path.join(PLUGIN_DIR, input.name, entry.entryName);
        await mkdir(path.dirname(dest), { recursive: true });
        await writeFile(dest, entry.getData()); //@vuln CWE-22
        written.push(entry.entryName);
      }
      return { written };
    }),
});
