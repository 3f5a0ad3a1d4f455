import knexFactory from 'knex';
import mysql from 'mysql2/promise';
import { QueryTypes, Sequelize } from 'sequelize';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { config } from '../config';
import { requireUser } from './auth';

const analytics = knexFactory({
  client: 'pg',
  connection: config.database.replicaUrl,
  pool: { min: 0, max: 5 },
});

const warehouse = mysql.createPool({
  host: config.reporting.host,
  port: config.reporting.port,
  user: config.reporting.user,
  password: config.reporting.password,
  database: config.reporting.database,
  connectionLimit: 5,
});

const billing = new Sequelize(config.billingDatabaseUrl, { dialect: 'postgres', logging: false });

export async function dailyEnergy(homeId: string, from: string, to: string) {
  const result = await analytics.raw('SELECT day, sum(kwh) AS kwh FROM energy_daily WHERE home_id = ? AND day BETWEEN ? AND ? GROUP BY day ORDER BY day', [homeId, from, to]);  //@safe
  return result.rows;
}

export async function topConsumers(homeId: string, from: string, groupBy: string) {
  const result = await analytics.raw(`SELECT ${groupBy} AS label, sum(kwh) AS kwh FROM energy_daily WHERE home_id = '${homeId}' AND day >= '${from}' GROUP BY ${groupBy} ORDER BY kwh DESC LIMIT 10`);  //@vuln CWE-89
  return result.rows;
}

export async function invoicesFor(accountId: string, status?: string) {
  const statusFilter = status ? ` AND status = '${status}'` : '';
  return billing.query(`SELECT id, period, amount_cents, status FROM invoices WHERE account_id = :accountId${statusFilter} ORDER BY period DESC`, { replacements: { accountId }, type: QueryTypes.SELECT });  //@vuln CWE-89
}

export async function tariffsFor(region: string) {
  return billing.query('SELECT id, name, peak_rate, offpeak_rate FROM tariffs WHERE region = :region AND active = true', { replacements: { region }, type: QueryTypes.SELECT });  //@safe
}

export async function regionalComparison(region: string, orderBy: string) {
  const [rows] = await warehouse.query(`SELECT postcode_prefix, avg(kwh) AS avg_kwh, count(*) AS households FROM household_usage WHERE region = ? GROUP BY postcode_prefix ORDER BY ${orderBy} DESC`, [region]);  //@vuln CWE-89
  return rows;
}

function assertHome(request: FastifyRequest, homeId: string) {
  if (!request.user?.homes.includes(homeId)) {
    const err = new Error('not a member of this home') as Error & { statusCode: number };
    err.statusCode = 403;
    throw err;
  }
}

export default async function reportRoutes(app: FastifyInstance) {
  app.addHook('preHandler', requireUser);

  app.get<{ Params: { homeId: string }; Querystring: { from: string; to: string } }>(
    '/reports/:homeId/energy',
    async (request) => {
      assertHome(request, request.params.homeId);
      return dailyEnergy(request.params.homeId, request.query.from, request.query.to);
    },
  );

  app.get<{ Params: { homeId: string }; Querystring: { from?: string; groupBy?: string } }>(
    '/reports/:homeId/top-consumers',
    async (request) => {
      const { homeId } = request.params;
      assertHome(request, homeId);
      const { from = '2024-01-01', groupBy = 'device_name' } = request.query;
      return topConsumers(homeId, from, groupBy);
    },
  );

  app.get<{ Querystring: { status?: string } }>('/reports/invoices', async (request) => {
    return invoicesFor(request.user!.sub, request.query.status);
  });

  app.get<{ Params: { region: string } }>('/reports/tariffs/:region', async (request) => {
    return tariffsFor(request.params.region);
  });

  app.get<{ Params: { homeId: string }; Querystring: { region: string; orderBy?: string } }>(
    '/reports/:homeId/neighbourhood',
    async (request) => {
      const { homeId } = request.params;
      assertHome(request, homeId);
      return regionalComparison(request.query.region, request.query.orderBy ?? 'avg_kwh');
    },
  );
}
