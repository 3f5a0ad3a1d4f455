import { Router } from 'express';
import { pool } from '../db';
import { requireRecruiter } from '../auth';
import { escapeRegExp, HttpError } from '@hireloop/shared/util';

const router = Router();

const SORTABLE = new Set(['created_at', 'title', 'department', 'location']);

// Public job board feed (careers site + job aggregators).
router.get('/', async (req, res) => {
  const { department, q, sort = 'created_at', dir = 'desc' } = req.query as Record<string, string>;
  const orderBy = SORTABLE.has(sort) ? sort : 'created_at';
  const direction = String(dir).toLowerCase() === 'asc' ? 'ASC' : 'DESC';
  const params: unknown[] = [];
  let where = "WHERE status = 'open'";
  if (department) {
    params.push(department);
    where += ` AND department = $${params.length}`;
  }
  if (q) {
    params.push(`%${q}%`);
    where += ` AND title ILIKE $${params.length}`;
  }
  const { rows } = await pool.query(`SELECT id, slug, title, department, location, created_at FROM job_postings ${where} ORDER BY ${orderBy} ${direction} LIMIT 50`, params); //@safe
  res.json(rows);
});

router.get('/by-location', async (req, res) => {
  const location = String(req.query.location || '');
  const remote = req.query.remote === 'true';
  const { rows } = await pool.query(`SELECT id, slug, title, department FROM job_postings WHERE status = 'open' AND (location = '${location}'${remote ? " OR location = 'Remote'" : ''})`); //@vuln CWE-89
  res.json(rows);
});

// Recruiters search descriptions with their own patterns ("senior|staff", "k8s|kubernetes").
router.get('/search/description', requireRecruiter, async (req, res) => {
  const pattern = String(req.query.pattern || '');
  const { rows } = await pool.query('SELECT id, title, description FROM job_postings WHERE org_id = $1', [req.user!.orgId]);
  const re = new RegExp(pattern, 'i'); //@vuln CWE-1333
  res.json(rows.filter((r) => re.test(r.description)).map(({ id, title }) => ({ id, title })));
});

router.get('/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM job_postings WHERE id = $1 AND status = $2', [req.params.id, 'open']); //@safe
  if (!rows.length) throw new HttpError(404, 'job not found');
  res.json(rows[0]);
});

router.post('/:id/archive', requireRecruiter, async (req, res) => {
  const reason = req.body.reason || 'filled';
  await pool.query(`UPDATE job_postings SET status = 'archived', archive_reason = '${reason}', archived_at = now() WHERE id = ${Number(req.params.id)} AND org_id = ${req.user!.orgId}`); //@vuln CWE-89
  res.status(204).end();
});

// Highlight matched keywords in the posting preview.
export function highlightTerms(text: string, terms: string[]): string {
  return terms.reduce((acc, term) => acc.replace(new RegExp(`\\b(${escapeRegExp(term)})\\b`, 'gi'), '**$1**'), text); //@safe
}

export default router;
