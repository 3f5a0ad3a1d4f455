import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { Pool } from 'pg';

const db = drizzle(new Pool({ connectionString: process.env.DATABASE_URL }));
const [, , olderThan = '30 days', userIds] = process.argv;

async function main() {
  await db.execute(sql`DELETE FROM sessions WHERE created_at < now() - ${olderThan}::interval`); //@safe
  if (userIds) {
    await db.execute(sql.raw(`DELETE FROM sessions WHERE user_id IN (${userIds})`)); //@vuln CWE-89
  }
}

main().then(() => process.exit(0));
