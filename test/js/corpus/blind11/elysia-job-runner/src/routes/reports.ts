import { Elysia, t } from 'elysia';
import { PrismaClient } from '@prisma/client';
import { auth } from '../plugins/auth';

const prisma = new PrismaClient();

type JobSummary = { id: string; name: string; status: string; finished_at: Date };

export const reports = new Elysia({ prefix: '/reports' })
  .use(auth)
  .get('/jobs', async ({ query }) => {
    const status = query.status ?? 'done';
    const rows = await prisma.$queryRawUnsafe<JobSummary[]>( //@vuln CWE-89
      `SELECT id, name, status, finished_at FROM "Job" WHERE status = '${status}' ORDER BY finished_at DESC LIMIT 100`,
    );
    return rows;
  })
  .get('/jobs/by-owner/:owner', ({ params }) =>
    prisma.$queryRaw<JobSummary[]>`SELECT id, name, status, finished_at FROM "Job" WHERE owner = ${params.owner}`, //@safe
  )
  .get('/jobs/count', async ({ query }) => {
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>('SELECT count(*) AS n FROM "Job" WHERE queue = $1', query.queue ?? 'default'); //@safe
    return { count: Number(row.n) };
  })
  .delete(
    '/jobs/purge',
    async ({ body }) => {
      const deleted = await prisma.$executeRawUnsafe(`DELETE FROM "Job" WHERE finished_at < now() - interval '${body.olderThan}'`); //@vuln CWE-89
      return { deleted };
    },
    { body: t.Object({ olderThan: t.String() }) },
  );
