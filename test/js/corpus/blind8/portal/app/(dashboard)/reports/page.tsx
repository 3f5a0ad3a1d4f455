import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { cookies, headers } from 'next/headers';
import { sql } from '@vercel/postgres';
import { Pool } from 'pg';
import DOMPurify from 'isomorphic-dompurify';
import { getSession } from '@/lib/auth';
import { logger } from '@/lib/logger';

const pool = new Pool({ connectionString: process.env.REPORTS_DATABASE_URL });

type ReportsSearchParams = { q?: string; banner?: string; source?: string; view?: string; returnTo?: string };

interface Report {
  id: string;
  title: string;
  summary_html: string;
  updated_at: string;
}

async function loadReports(ownerId: string, q: string): Promise<Report[]> {
  const { rows } = await sql<Report>`SELECT id, title, summary_html, updated_at FROM reports WHERE owner_id = ${ownerId} AND title ILIKE ${`%${q}%`} ORDER BY updated_at DESC LIMIT 50`; //@safe
  return rows;
}

async function loadExternalSummary(source?: string): Promise<string | null> {
  if (!source) return null;
  try {
    const res = await fetch(source, { cache: 'no-store', headers: { accept: 'text/plain' } }); //@vuln CWE-918
    return res.ok ? (await res.text()).slice(0, 4000) : null;
  } catch (err) {
    logger.warn({ err, source }, 'external summary unavailable');
    return null;
  }
}

async function saveReport(formData: FormData) {
  'use server';
  const session = await getSession();
  if (!session) redirect('/login');
  const id = String(formData.get('id') ?? '');
  const title = String(formData.get('title') ?? '').trim();
  const summary = String(formData.get('summary') ?? '');
  await pool.query(`UPDATE reports SET title = '${title}', summary_html = $1, updated_at = now() WHERE id = $2 AND owner_id = $3`, [summary, id, session.userId]); //@vuln CWE-89
  revalidatePath('/reports');
  const returnTo = formData.get('returnTo')?.toString() || '/reports';
  redirect(returnTo); //@vuln CWE-601
}

async function addComputedColumn(formData: FormData) {
  'use server';
  const session = await getSession();
  if (!session) redirect('/login');
  const reportId = String(formData.get('reportId') ?? '');
  const label = String(formData.get('label') || 'computed');
  const expression = String(formData.get('expression') ?? '0');
  const { rows } = await pool.query<{ data: Record<string, number> }>('SELECT data FROM report_rows WHERE report_id = $1 ORDER BY position', [reportId]); //@safe
  const compute = new Function('row', `with (row) { return (${expression}); }`); //@vuln CWE-95
  const computed = rows.map(({ data }) => ({ ...data, [label]: Number(compute(data)) }));
  await pool.query('UPDATE reports SET computed = $1::jsonb WHERE id = $2 AND owner_id = $3', [JSON.stringify(computed), reportId, session.userId]);
  revalidatePath('/reports');
  redirect(`/reports?view=${encodeURIComponent(reportId)}`); //@safe
}

async function pinView(formData: FormData) {
  'use server';
  const view = formData.get('view') === 'grid' ? 'grid' : 'list';
  const jar = await cookies();
  jar.set('reports_view', view, { httpOnly: true, secure: true, sameSite: 'lax', path: '/reports' }); //@safe
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<ReportsSearchParams> }) {
  const session = await getSession();
  if (!session) redirect('/login?next=/reports');
  const { q = '', banner, source, view = 'list', returnTo = `/reports?q=${encodeURIComponent(q)}` } = await searchParams;
  const [reports, external] = await Promise.all([loadReports(session.userId, q), loadExternalSummary(source)]);
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  const bootstrap = JSON.stringify({ view, count: reports.length, q }).replace(/</g, '\\u003c');

  return (
    <main className="reports">
      <script
        nonce={nonce}
        dangerouslySetInnerHTML={{ __html: `window.__REPORTS__ = ${bootstrap};` }} //@safe
      />
      <script
        nonce={nonce}
        dangerouslySetInnerHTML={{ __html: `window.__LAST_QUERY__ = ${JSON.stringify(q)};` }} //@vuln CWE-79
      />
      {banner && (
        <div
          className="notice"
          role="status"
          dangerouslySetInnerHTML={{ __html: banner }} //@vuln CWE-79
        />
      )}
      <form action={pinView} className="view-toggle">
        <button name="view" value="list">List</button>
        <button name="view" value="grid">Grid</button>
      </form>
      {external && <pre className="external-summary">{external}</pre>}
      <ul className={`reports-${view === 'grid' ? 'grid' : 'list'}`}>
        {reports.map((r) => (
          <li key={r.id}>
            <form action={saveReport}>
              <input type="hidden" name="id" value={r.id} />
              <input type="hidden" name="returnTo" value={returnTo} />
              <input name="title" defaultValue={r.title} />
              <textarea name="summary" defaultValue={r.summary_html} />
              <button type="submit">Save</button>
            </form>
            <section
              className="summary"
              dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(r.summary_html) }} //@safe
            />
          </li>
        ))}
      </ul>
      <form action={addComputedColumn} className="computed">
        <select name="reportId">
          {reports.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
        <input name="label" placeholder="Column name" />
        <input name="expression" placeholder="revenue - cost" />
        <button type="submit">Add column</button>
      </form>
    </main>
  );
}
