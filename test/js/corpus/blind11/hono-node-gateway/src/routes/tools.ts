import { execSync } from 'node:child_process';
import { Hono } from 'hono';
import { requireRole } from '../lib/partner-auth';

const tools = new Hono();
tools.use('*', requireRole('ops'));

tools.get('/dns', (c) => {
  const domain = c.req.query('domain') ?? '';
  const type = c.req.query('type') ?? 'A';
  const out = execSync(`dig +short ${type} ${domain}`, { encoding: 'utf8', timeout: 5000 }); //@vuln CWE-78
  return c.text(out);
});

tools.post('/calc', async (c) => {
  const { expression, scope = {} } = await c.req.json<{ expression: string; scope?: Record<string, number> }>();
  const prelude = Object.entries(scope)
    .map(([k, v]) => `const ${k} = ${Number(v)};`)
    .join('\n');
  const value = eval(`${prelude}\n${expression}`); //@vuln CWE-95
  return c.json({ value });
});

export default tools;
