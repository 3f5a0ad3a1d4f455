import express, { Request, Response } from 'express';
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import knexFactory from 'knex';
import { PrismaClient } from '@prisma/client';
import { Sequelize, QueryTypes } from 'sequelize';

const app = express();
app.use(express.json());
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const knex = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });
const prisma = new PrismaClient();
const sequelize = new Sequelize(process.env.DATABASE_URL as string);

interface OrderFilter {
  status?: string;
  customer?: string;
}

app.get('/orders/:id', async (req: Request, res: Response) => {
  const { id } = req.params;
  const result = await pool.query(`SELECT * FROM orders WHERE id = ${id}`); //@vuln CWE-89
  res.json(result.rows);
});

app.get('/orders', async (req: Request, res: Response) => {
  const filter = req.query as OrderFilter;
  const rows = await pool.query('SELECT * FROM orders WHERE status = $1', [filter.status]); //@safe
  res.json(rows.rows);
});

app.get('/customers/search', async (req, res) => {
  const name = String(req.query.name);
  const conn = await mysql.createConnection({ host: 'db', user: 'app', database: 'shop' });
  const sql = "SELECT id, email FROM customers WHERE name LIKE '%" + name + "%'";
  const [rows] = await conn.query(sql); //@vuln CWE-89
  const [rows2] = await conn.execute('SELECT id FROM customers WHERE name = ?', [name]); //@safe
  res.json({ rows, rows2 });
});

app.post('/reports', async (req, res) => {
  const column = req.body.sortBy;
  const data = await knex.raw(`select * from reports order by ${column}`); //@vuln CWE-89
  const safe = await knex('reports').where({ owner: req.body.owner }).select('*'); //@safe
  res.json({ data, safe });
});

app.get('/invoices', async (req, res) => {
  const year = req.query.year;
  const invoices = await sequelize.query(`SELECT * FROM invoices WHERE year = '${year}'`, { type: QueryTypes.SELECT }); //@vuln CWE-89
  const invoices2 = await sequelize.query('SELECT * FROM invoices WHERE year = :year', { replacements: { year }, type: QueryTypes.SELECT }); //@safe
  res.json({ invoices, invoices2 });
});

app.get('/audit', async (req, res) => {
  const actor = req.query.actor as string;
  const entries = await prisma.$queryRawUnsafe(`SELECT * FROM audit WHERE actor = '${actor}'`); //@vuln CWE-89
  const entries2 = await prisma.$queryRaw`SELECT * FROM audit WHERE actor = ${actor}`; //@safe
  await prisma.$executeRawUnsafe('DELETE FROM audit WHERE actor = ' + actor); //@vuln CWE-89
  res.json({ entries, entries2 });
});

function buildWhere(field: string, value: string): string {
  return `WHERE ${field} = '${value}'`;
}

app.get('/products', async (req, res) => {
  const where = buildWhere('category', req.query.category as string);
  const products = await pool.query('SELECT * FROM products ' + where); //@vuln CWE-89
  res.json(products.rows);
});

app.get('/stats', async (_req, res) => {
  const table = 'orders';
  const stats = await pool.query(`SELECT count(*) FROM ${table}`); //@safe
  res.json(stats.rows);
});

app.listen(3000);
