import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { Pool } from 'pg';

const db = drizzle(new Pool({ connectionString: process.env.DATABASE_URL }));

export async function ticketsGroupedBy(groupBy: string, since: string) {
  const result = await db.execute(
    sql`SELECT ${sql.raw(groupBy)} AS bucket, count(*)::int AS total FROM tickets WHERE created_at > ${since} GROUP BY 1` //@vuln CWE-89
  );
  return result.rows;
}
