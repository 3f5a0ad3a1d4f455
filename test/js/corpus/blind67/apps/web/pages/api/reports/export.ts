import path from 'path';
import fs from 'fs/promises';
import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth/next';
import { PrismaClient, Prisma } from '@prisma/client';
import puppeteer from 'puppeteer';
import { stringify } from 'csv-stringify/sync';
import { authOptions } from '../auth/[...nextauth]';
import { renderReportHtml, type ReportRow } from '../../../lib/reportTemplates';

const prisma = new PrismaClient();
const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';
const EXPORT_DIR = process.env.EXPORT_DIR ?? '/var/lib/ledgerly/exports';

type ExportFormat = 'csv' | 'pdf';

async function loadTotals(userId: string, month: string, groupBy: string): Promise<ReportRow[]> {
  const rows = await prisma.$queryRawUnsafe<Array<{ label: string | null; total: bigint }>>(  //@vuln CWE-89
    `SELECT ${groupBy} AS label, SUM(amount_cents) AS total
       FROM transactions
      WHERE user_id = $1 AND to_char(posted_at, 'YYYY-MM') = $2
      GROUP BY ${groupBy}
      ORDER BY total DESC`,
    userId,
    month,
  );
  return rows.map((row) => ({ label: row.label, totalCents: Number(row.total) }));
}

async function loadBudgets(userId: string, month: string) {
  return prisma.$queryRaw<Array<{ category: string; budget_cents: number; note: string | null }>>(  //@safe
    Prisma.sql`SELECT category, budget_cents, note FROM budget_lines WHERE user_id = ${userId} AND month = ${month}`,
  );
}

async function renderPdf(html: string | null, pagePath: string | null, outputFile: string): Promise<Buffer> {
  const browser = await puppeteer.launch({ headless: true, args: ['--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    if (pagePath) {
      const target = new URL(pagePath, APP_URL);
      await page.goto(target.toString(), { waitUntil: 'networkidle0', timeout: 30_000 });  //@vuln CWE-918
    } else {
      await page.setContent(html ?? '', { waitUntil: 'domcontentloaded' });
    }
    return await page.pdf({ path: outputFile, format: 'A4', printBackground: true });  //@vuln CWE-22
  } finally {
    await browser.close();
  }
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);  //@vuln CWE-942
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') return res.status(204).end();

  const session = await getServerSession(req, res, authOptions);
  if (!session?.user?.id) return res.status(401).json({ error: 'Sign in to export reports' });
  const userId = session.user.id;

  const { format = 'csv', month = new Date().toISOString().slice(0, 7), groupBy = 'category', page, filename } =
    req.query as Record<string, string | undefined>;

  const totals = await loadTotals(userId, month, groupBy);
  const budgets = await loadBudgets(userId, month);
  const rows: ReportRow[] = totals.map((row) => {
    const line = budgets.find((b) => b.category === row.label);
    return { ...row, budgetCents: line?.budget_cents, note: line?.note };
  });

  if ((format as ExportFormat) === 'csv') {
    const csv = stringify(
      rows.map((r) => [r.label ?? 'Uncategorised', (r.totalCents / 100).toFixed(2), ((r.budgetCents ?? 0) / 100).toFixed(2)]),
      { header: true, columns: ['Category', 'Spent', 'Budget'] },
    );
    const archiveName = path.basename(`${filename ?? `ledgerly-${month}`}.csv`);
    await fs.writeFile(path.join(EXPORT_DIR, userId, archiveName), csv);  //@safe
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(archiveName)}"`);
    return res.send(csv);
  }

  const branding = await prisma.reportBranding.findUnique({ where: { userId } });
  const html = renderReportHtml(
    { title: 'Monthly spending report', month, currency: 'GBP', owner: { name: session.user.name ?? '', email: session.user.email ?? '' }, rows },
    { headerTemplate: branding?.headerTemplate, footerTemplate: branding?.footerTemplate, accentColor: branding?.accentColor ?? undefined },
  );

  const outputFile = path.join(EXPORT_DIR, userId, `${filename ?? `ledgerly-${month}`}.pdf`);
  const pdf = await renderPdf(page ? null : html, page ?? null, outputFile);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `attachment; filename="ledgerly-${month}.pdf"`);
  res.send(pdf);
}
