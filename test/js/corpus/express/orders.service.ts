import express, { Request, Response, NextFunction } from 'express';
import { Pool } from 'pg';
import { exec } from 'child_process';

const db = new Pool();
const app = express();

function buildFilter(status: string, region: string): string {
  return `status = '${status}' AND region = '${region}'`;
}

async function findOrders(where: string) {
  return db.query(`SELECT * FROM orders WHERE ${where}`); //@vuln CWE-89
}

async function findOrder(id: string) {
  return db.query('SELECT * FROM orders WHERE id = $1', [id]); //@safe
}

function archive(name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    exec(`tar czf /backups/${name}.tgz /data/orders`, (err, out) => (err ? reject(err) : resolve(out))); //@vuln CWE-78
  });
}

function nightlyArchive(): Promise<string> {
  return new Promise((resolve) => {
    exec('tar czf /backups/nightly.tgz /data/orders', () => resolve('ok')); //@safe
  });
}

app.get('/orders', async (req: Request, res: Response) => {
  const filter = buildFilter(req.query.status as string, req.query.region as string);
  const { rows } = await findOrders(filter);
  res.json(rows);
});

app.get('/orders/:id', async (req: Request, res: Response) => {
  const { rows } = await findOrder(req.params.id);
  res.json(rows[0]);
});

app.post('/orders/archive', async (req: Request, res: Response) => {
  const { label, ...rest } = req.body as { label: string; note?: string };
  await archive(label);
  res.json({ archived: true, rest });
});

app.get('/nightly', async (_req: Request, res: Response) => {
  await nightlyArchive();
  res.json({ ok: true });
});

app.get('/report', (req: Request, res: Response, next: NextFunction) => {
  Promise.resolve(req.query.title)
    .then((title) => `<h2>${title}</h2>`)
    .then((html) => res.send(html)) //@vuln CWE-79
    .catch(next);
});

app.get('/report-safe', (req: Request, res: Response, next: NextFunction) => {
  Promise.resolve(Number(req.query.page))
    .then((page) => `<h2>Page ${page}</h2>`)
    .then((html) => res.send(html)) //@safe
    .catch(next);
});

app.post('/tags', async (req: Request, res: Response) => {
  const options = { ...req.body };
  const sql = 'INSERT INTO tags (name) VALUES (\'' + options.name + '\')';
  await db.query(sql); //@vuln CWE-89
  res.sendStatus(201);
});

export default app;
