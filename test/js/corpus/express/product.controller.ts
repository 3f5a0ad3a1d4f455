import { Request, Response, Router } from 'express';
import knex from '../db/knex';
import { sequelize } from '../db/sequelize';
import { QueryTypes } from 'sequelize';
import validator from 'validator';
import fetch from 'node-fetch';

export class ProductController {
  public router = Router();

  constructor() {
    this.router.get('/products', this.list.bind(this));
    this.router.get('/products/search', this.search.bind(this));
  }

  async list(req: Request, res: Response) {
    const category = req.query.category as string;
    const rows = await knex('products').where('category', category).select('*'); //@safe
    const raw = await knex('products').whereRaw('category = ?', [category]); //@safe
    const bad = await knex('products').whereRaw(`category = '${category}'`); //@vuln CWE-89
    res.json({ rows, raw, bad });
  }

  async search(req: Request, res: Response) {
    const term = req.query.term as string;
    const results = await sequelize.query('SELECT * FROM products WHERE name LIKE :term', { //@safe
      replacements: { term: `%${term}%` },
      type: QueryTypes.SELECT,
    });
    const unsafe = await sequelize.query('SELECT * FROM products WHERE name LIKE \'%' + term + '%\'', { type: QueryTypes.SELECT }); //@vuln CWE-89
    res.render('search', { results, unsafe, term }); //@safe
  }

  async webhook(req: Request, res: Response) {
    const target: string = req.body.webhookUrl;
    if (!validator.isURL(target, { host_whitelist: ['hooks.example.com'] })) {
      return res.status(400).send('invalid');
    }
    await fetch(target, { method: 'POST' }); //@safe
    res.sendStatus(202);
  }

  async preview(req: Request, res: Response) {
    const target: string = req.body.previewUrl;
    const page = await fetch(target); //@vuln CWE-918
    res.json({ status: page.status });
  }
}

export async function importCsv(req: Request, res: Response) {
  const rows: Array<Record<string, string>> = req.body.rows;
  for (const row of rows) {
    await knex.raw(`INSERT INTO imports (name, value) VALUES ('${row.name}', '${row.value}')`); //@vuln CWE-89
  }
  res.sendStatus(204);
}
