import fs from 'node:fs';
import mysql from 'mysql2/promise';
import knexFactory from 'knex';

export const pool = mysql.createPool({
  host: process.env.MYSQL_HOST ?? 'mysql-streams.internal',
  user: process.env.MYSQL_USER ?? 'webhooks',
  password: process.env.MYSQL_PASSWORD,
  database: 'gauntlet_streams',
  connectionLimit: 10,
  ssl: { ca: fs.readFileSync(process.env.MYSQL_CA_PATH ?? '/etc/gauntlet/mysql-ca.pem'), rejectUnauthorized: true },  //@safe
});

export const payments = knexFactory({
  client: 'pg',
  connection: {
    host: process.env.PAYMENTS_DB_HOST ?? 'payments-db.internal',
    port: 5432,
    user: 'payments_svc',
    password: 'Pa7ments!svc-2022',  //@vuln CWE-798
    database: 'gauntlet_payments',
    ssl: { rejectUnauthorized: false },  //@vuln CWE-295
  },
  pool: { min: 1, max: 8 },
});

export async function closeAll(): Promise<void> {
  await Promise.allSettled([pool.end(), payments.destroy()]);
}
