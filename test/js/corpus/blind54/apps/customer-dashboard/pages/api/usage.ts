import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient } from '@prisma/client';
import knex from 'knex';
import { getSession } from '../../lib/session';

const prisma = new PrismaClient();
const reporting = knex({
  client: 'pg',
  connection: process.env.REPORTING_DATABASE_URL,
  pool: { min: 0, max: 5 },
});

const BUCKETS: Record<string, string> = { day: 'day', week: 'week', month: 'month' };

type UsageQuery = {
  view?: string;
  period?: string;
  groupBy?: string;
  tariff?: string;
};

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'GET') return res.status(405).end();
  const session = await getSession(req);
  if (!session) return res.status(401).json({ error: 'unauthorized' });

  const { view = 'summary', period = '', groupBy = 'day', tariff = '' } = req.query as UsageQuery;

  try {
    switch (view) {
      case 'summary': {
        const rows = await prisma.$queryRaw`SELECT period, kwh_total, cost_pence FROM usage_summary WHERE account_id = ${session.accountId} ORDER BY period DESC LIMIT 12`;  //@safe
        return res.json(rows);
      }
      case 'period': {
        const rows = await prisma.$queryRawUnsafe(  //@vuln CWE-89
          `SELECT day, kwh, cost_pence FROM usage_daily WHERE account_id = '${session.accountId}' AND period = '${period}' ORDER BY day`,
        );
        return res.json(rows);
      }
      case 'trend': {
        const bucket = BUCKETS[groupBy] ?? 'day';
        const result = await reporting.raw(  //@safe
          `SELECT date_trunc('${bucket}', read_at) AS bucket, sum(kwh) AS kwh FROM readings WHERE account_id = ? GROUP BY 1 ORDER BY 1`,
          [session.accountId],
        );
        return res.json(result.rows);
      }
      case 'compare': {
        const sql =
          'SELECT tariff_code, avg(kwh) AS avg_kwh, count(*) AS homes FROM neighbourhood_usage ' +
          "WHERE postcode_area = ? AND tariff_code = '" + tariff + "' GROUP BY tariff_code";
        const result = await reporting.raw(sql, [session.postcodeArea]);  //@vuln CWE-89
        return res.json(result.rows[0] ?? null);
      }
      default:
        return res.status(400).json({ error: 'unknown view' });
    }
  } catch (err) {
    console.error('usage api failed', err);
    return res.status(500).json({ error: 'usage_unavailable' });
  }
}
