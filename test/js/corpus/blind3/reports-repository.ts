import knexFactory, { Knex } from 'knex';
import { Sequelize, QueryTypes } from 'sequelize';
import { PrismaClient, Prisma } from '@prisma/client';
import mysql from 'mysql2/promise';
import express from 'express';

const knex: Knex = knexFactory({
  client: 'pg',
  connection: process.env.DATABASE_URL,
});

const sequelize = new Sequelize(process.env.ANALYTICS_URL as string, { logging: false });
const prisma = new PrismaClient();

const mysqlPool = mysql.createPool({
  host: 'db.internal',
  user: 'reporting',
  password: 'Reporting#2023!', //@vuln CWE-798|CWE-259
  database: 'legacy',
});

export interface ReportQuery {
  region?: string;
  from?: string;
  to?: string;
  groupBy?: string;
  tenantId: string;
}

export class ReportsRepository {
  async salesByRegion(q: ReportQuery) {
    const base = knex('sales').select('region').sum('amount as total');
    return base.whereRaw(`region = '${q.region}'`).groupBy('region'); //@vuln CWE-89
  }

  async salesBetween(q: ReportQuery) {
    return knex('sales').whereRaw('created_at BETWEEN ? AND ?', [q.from, q.to]); //@safe
  }

  async rawTotals(q: ReportQuery) {
    const result = await knex.raw(`SELECT SUM(amount) FROM sales WHERE tenant_id = ${q.tenantId}`); //@vuln CWE-89
    return result.rows;
  }

  async rawTotalsBound(q: ReportQuery) {
    const result = await knex.raw('SELECT SUM(amount) FROM sales WHERE tenant_id = :tenant', { tenant: q.tenantId }); //@safe
    return result.rows;
  }

  async grouped(q: ReportQuery) {
    const column = q.groupBy || 'region';
    const sql = `SELECT ${column}, COUNT(*) FROM sales GROUP BY ${column}`;
    return sequelize.query(sql, { type: QueryTypes.SELECT }); //@vuln CWE-89
  }

  async byTenant(q: ReportQuery) {
    return sequelize.query('SELECT * FROM sales WHERE tenant_id = :tenantId', { //@safe
      replacements: { tenantId: q.tenantId },
      type: QueryTypes.SELECT,
    });
  }

  async customerLookup(email: string) {
    return prisma.$queryRawUnsafe(`SELECT id, email FROM "Customer" WHERE email = '${email}'`); //@vuln CWE-89
  }

  async customerLookupTagged(email: string) {
    return prisma.$queryRaw`SELECT id, email FROM "Customer" WHERE email = ${email}`; //@safe
  }

  async customersInRegion(region: string) {
    const sql = Prisma.sql`SELECT id FROM "Customer" WHERE region = ${region}`;
    return prisma.$queryRaw(sql); //@safe
  }

  async purgeTenant(tenantId: string) {
    return prisma.$executeRawUnsafe('DELETE FROM "Session" WHERE tenant_id = \'' + tenantId + "'"); //@vuln CWE-89
  }

  async legacyInvoices(customer: string) {
    const [rows] = await mysqlPool.query(`SELECT * FROM invoices WHERE customer = '${customer}'`); //@vuln CWE-89
    return rows;
  }

  async legacyInvoice(id: string) {
    const [rows] = await mysqlPool.execute('SELECT * FROM invoices WHERE id = ?', [id]); //@safe
    return rows;
  }
}

const repo = new ReportsRepository();
export const reportsApp = express();

reportsApp.get('/reports/sales', async (req, res) => {
  const q: ReportQuery = {
    region: req.query.region as string,
    from: req.query.from as string,
    to: req.query.to as string,
    groupBy: req.query.groupBy as string,
    tenantId: String(req.query.tenant),
  };
  const [byRegion, between, totals, grouped] = await Promise.all([
    repo.salesByRegion(q),
    repo.salesBetween(q),
    repo.rawTotals(q),
    repo.grouped(q),
  ]);
  res.json({ byRegion, between, totals, grouped });
});

reportsApp.get('/reports/customer', async (req, res) => {
  const email = String(req.query.email);
  res.json({
    unsafe: await repo.customerLookup(email),
    tagged: await repo.customerLookupTagged(email),
    region: await repo.customersInRegion(String(req.query.region)),
  });
});

reportsApp.delete('/reports/tenant/:id', async (req, res) => {
  await repo.purgeTenant(req.params.id);
  res.status(204).end();
});

reportsApp.get('/reports/invoices', async (req, res) => {
  const rows = req.query.id
    ? await repo.legacyInvoice(String(req.query.id))
    : await repo.legacyInvoices(String(req.query.customer));
  res.json(rows);
});
