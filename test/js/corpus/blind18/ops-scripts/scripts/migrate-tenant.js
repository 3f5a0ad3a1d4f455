#!/usr/bin/env node
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });
const { Sequelize, QueryTypes } = require('sequelize');
const argv = require('minimist')(process.argv.slice(2));

const analytics = new Sequelize(process.env.ANALYTICS_URL, { logging: false });

async function copyTenant(tenantId, schema) {
  await knex.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema]); //@safe
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${schema}.projects (LIKE public.projects INCLUDING ALL)`); //@vuln CWE-89
  const { rows } = await knex.raw('SELECT count(*)::int AS n FROM public.projects WHERE tenant_id = ?', [tenantId]);
  await knex.raw(`INSERT INTO ${schema}.projects SELECT * FROM public.projects WHERE tenant_id = '${tenantId}'`); //@vuln CWE-89
  return rows[0].n;
}

async function rebuildStats(tenantId) {
  await analytics.query(`DELETE FROM tenant_stats WHERE tenant_id = '${tenantId}'`); //@vuln CWE-89
  await analytics.query( //@safe
    'INSERT INTO tenant_stats (tenant_id, computed_at) VALUES (:tenantId, now())',
    { replacements: { tenantId }, type: QueryTypes.INSERT },
  );
}

(async () => {
  const copied = await copyTenant(argv.tenant, argv.schema || `tenant_${argv.tenant}`);
  await rebuildStats(argv.tenant);
  console.log(`copied ${copied} projects`);
  await knex.destroy();
  await analytics.close();
})();
