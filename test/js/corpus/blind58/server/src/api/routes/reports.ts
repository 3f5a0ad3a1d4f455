import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import vm from 'node:vm';
import ejs from 'ejs';
import { eq } from 'drizzle-orm';
import { config } from '../../config';
import { analyticsPool, db, reporting, teams } from '../../db/client';
import { requireSession } from '../lib/auth';

const METRICS = ['impressions', 'likes', 'shares', 'comments', 'clicks'] as const;

type RangeQuery = { from: string; to: string; network?: string };

async function weeklySummary(teamId: string) {
  const [team] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, teamId));
  const rows = await reporting('post_metrics')
    .where({ team_id: teamId })
    .andWhere('day', '>=', reporting.raw("now() - interval '7 days'"))
    .select('post_id', 'caption', ...METRICS)
    .orderBy('likes', 'desc')
    .limit(10);
  return { team, rows, generatedAt: new Date() };
}

export default async function reportRoutes(app: FastifyInstance) {
  app.addHook('preHandler', requireSession);

  app.get('/reports/engagement', async (request) => {
    const { network = 'all', from, to } = request.query as RangeQuery;
    const networkFilter = network === 'all' ? '' : `AND network = '${network}'`;
    const [rows] = await analyticsPool.query(  //@vuln CWE-89
      `SELECT day, network, SUM(impressions) AS impressions, SUM(likes) AS likes FROM daily_engagement WHERE team_id = ? AND day BETWEEN ? AND ? ${networkFilter} GROUP BY day, network ORDER BY day`,
      [request.session.teamId, from, to],
    );
    return rows;
  });

  app.get('/reports/hourly', async (request) => {
    const { weekday = '1' } = request.query as { weekday?: string };
    const [rows] = await analyticsPool.execute(  //@safe
      'SELECT hour, AVG(engagement_rate) AS rate FROM hourly_engagement WHERE team_id = ? AND weekday = ? GROUP BY hour ORDER BY hour',
      [request.session.teamId, Number(weekday)],
    );
    return rows;
  });

  app.get('/reports/top-posts', async (request) => {
    const { metric = 'likes', limit = '10' } = request.query as { metric?: string; limit?: string };
    const result = await reporting.raw(  //@vuln CWE-89
      `SELECT post_id, caption, ${metric} AS score FROM post_metrics WHERE team_id = ? ORDER BY ${metric} DESC LIMIT ?`,
      [request.session.teamId, Math.min(Number(limit) || 10, 100)],
    );
    return result.rows;
  });

  app.get('/reports/range', async (request) => {
    const { from, to, network } = request.query as RangeQuery;
    const query = reporting('post_metrics').where({ team_id: request.session.teamId }).whereBetween('day', [from, to]);
    if (network) query.andWhere({ network });
    return query.select('day', 'network', ...METRICS).orderBy('day');
  });

  // Custom score column, e.g. "likes * 2 + shares * 5 + comments * 3"
  app.post('/reports/score', async (request) => {
    const { formula, from, to } = request.body as { formula: string } & RangeQuery;
    const rows = await reporting('post_metrics')
      .where({ team_id: request.session.teamId })
      .whereBetween('day', [from, to])
      .select('post_id', ...METRICS);
    return rows.map((row: Record<string, number>) => ({
      postId: row.post_id,
      score: vm.runInNewContext(formula, { ...row, Math }, { timeout: 50 }),  //@vuln CWE-94
    }));
  });

  app.post('/reports/email/preview', async (request, reply) => {
    const { template, subject = 'Your week on social' } = request.body as { template: string; subject?: string };
    const summary = await weeklySummary(request.session.teamId);
    const html = ejs.render(template, { ...summary, subject });  //@vuln CWE-1336
    return reply.type('text/html; charset=utf-8').send(html);
  });

  app.get('/reports/email/weekly', async (request, reply) => {
    const summary = await weeklySummary(request.session.teamId);
    const html = await ejs.renderFile(path.join(config.storage.templates, 'weekly-report.ejs'), { ...summary, subject: 'Your week on social' });  //@safe
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
