import vm from 'vm';
import { Router } from 'express';
import knex from 'knex';
import { Parser } from 'expr-eval';
import { config } from '../config';

const router = Router();

const db = knex({
  client: 'pg',
  connection: config.database.reportingUrl ?? config.database.url,
  pool: { min: 0, max: 4 },
});

type Ratings = Record<string, number>;

router.get('/pipeline', async (req, res) => {
  const { jobId, groupBy = 'stage' } = req.query as Record<string, string>;
  const result = await db.raw(  //@vuln CWE-89
    `SELECT ${groupBy} AS bucket, count(*)::int AS total
       FROM applications
      WHERE tenant_id = ? AND job_id = ?
      GROUP BY ${groupBy}
      ORDER BY total DESC`,
    [req.user!.tenantId, jobId],
  );
  res.json(result.rows);
});

router.get('/time-to-hire', async (req, res) => {
  const from = String(req.query.from ?? '1970-01-01');
  const to = String(req.query.to ?? new Date().toISOString());
  const result = await db.raw(  //@safe
    `SELECT j.department, avg(a.hired_at - a.created_at) AS avg_duration
       FROM applications a JOIN jobs j ON j.id = a.job_id
      WHERE a.tenant_id = ? AND a.hired_at BETWEEN ? AND ?
      GROUP BY j.department`,
    [req.user!.tenantId, from, to],
  );
  res.json(result.rows);
});

// Scorecards let hiring managers define how interview ratings roll up into a score.
router.post('/scorecards/preview', (req, res) => {
  const { formula, ratings } = req.body as { formula: string; ratings: Ratings };
  const compute = new Function('ratings', `return (${formula});`);  //@vuln CWE-94
  res.json({ score: Number(compute(ratings)) });
});

router.post('/scorecards/evaluate', (req, res) => {
  const { expression, ratings } = req.body as { expression: string; ratings: Ratings };
  const score = vm.runInNewContext(expression, { ratings, Math }, { timeout: 50 });  //@vuln CWE-94
  res.json({ score });
});

router.post('/scorecards/weights', (req, res) => {
  const weights: Ratings = eval(`(${req.body.weights})`);  //@vuln CWE-95
  const total = Object.values(weights).reduce((sum, weight) => sum + Number(weight), 0);
  res.json({ weights, total });
});

router.post('/scorecards/score', (req, res) => {
  const { formula, ratings } = req.body as { formula: string; ratings: Ratings };
  try {
    const score = Parser.evaluate(formula, ratings);  //@safe
    res.json({ score });
  } catch (err) {
    res.status(422).json({ error: (err as Error).message });
  }
});

export default router;
