import type { NextApiRequest, NextApiResponse } from 'next';
import { Pool } from 'pg';
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';

const pool = new Pool();

async function findUser(email: string) {
  const q = "SELECT * FROM users WHERE email = '" + email + "'";
  return pool.query(q); //@vuln CWE-89
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const email = req.query.email as string;
  const result = await findUser(email);
  const version = execSync('git rev-parse HEAD').toString().trim(); //@safe
  const tokenHash = createHash('sha1').update(req.query.token as string).digest('hex'); //@vuln CWE-327|CWE-328
  res.setHeader('X-Token-Hash', tokenHash);
  res.status(200).json({ users: result.rows, version });
}

export async function cliMain() {
  const [, , target] = process.argv;
  execSync(`rm -rf ${target}`); //@vuln CWE-78
}
