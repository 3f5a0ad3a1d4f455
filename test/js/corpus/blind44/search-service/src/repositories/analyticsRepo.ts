// Product analytics (page views, events, invoices) on Postgres.
// Kysely for the event store, TypeORM for billing entities, Prisma for the usage tables.
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { DataSource, Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
import { PrismaClient } from '@prisma/client';
import { config } from '../../../common/config';

interface EventsTable {
  id: number;
  tenant_id: string;
  name: string;
  path: string;
  user_id: string;
  ts: Date;
  duration_ms: number;
}

export const kdb = new Kysely<{ events: EventsTable }>({
  dialect: new PostgresDialect({ pool: new Pool({ ...config.pg, database: 'events' }) }),
});

@Entity('invoices')
export class Invoice {
  @PrimaryGeneratedColumn() id!: number;
  @Column() tenantId!: string;
  @Column() status!: string;
  @Column('numeric') amount!: string;
  @Column() currency!: string;
  @Column() issuedAt!: Date;
}

export const billing = new DataSource({ type: 'postgres', ...config.pg, database: 'billing', entities: [Invoice] });
export const prisma = new PrismaClient();

export async function eventsPerDay(tenant: string, from: string, to: string) {
  const { rows } = await sql<{ day: string; n: number }>`select date_trunc('day', ts) as day, count(*)::int as n from events where tenant_id = ${tenant} and ts >= ${from} and ts < ${to} group by 1 order by 1`.execute(kdb); //@safe
  return rows;
}

// Metric picker on the analytics page sends e.g. "count(*)" or "avg(duration_ms)".
export async function eventMetric(tenant: string, metric: string, eventName: string) {
  const { rows } = await sql`select ${sql.raw(metric)} as value from events where tenant_id = ${tenant} and name = ${eventName}`.execute(kdb); //@vuln CWE-89
  return rows[0];
}

export async function funnel(tenant: string, steps: string[], window: string) {
  const { rows } = await sql`select name, count(distinct user_id) as users from events where tenant_id = ${tenant} and name = any(${steps}) and ts > now() - ${sql.raw(`interval '${window}'`)} group by name`.execute(kdb); //@vuln CWE-89
  return rows;
}

export async function invoicesByStatus(tenant: string, status: string, sort: string) {
  const qb = billing.getRepository(Invoice).createQueryBuilder('inv').where('inv.tenantId = :tenant', { tenant }); //@safe
  if (status) qb.andWhere(`inv.status = '${status}'`); //@vuln CWE-89
  return qb.orderBy('inv.issuedAt', sort === 'asc' ? 'ASC' : 'DESC').take(200).getMany();
}

export async function invoicesByCurrency(tenant: string, currency: string, orderBy: string) {
  return billing
    .getRepository(Invoice)
    .createQueryBuilder('inv')
    .where('inv.tenantId = :tenant AND inv.currency = :currency', { tenant, currency })
    .orderBy(`inv.${orderBy}`) //@vuln CWE-89
    .take(200)
    .getMany();
}

export async function usageSince(tenant: string, since: Date) {
  return prisma.$queryRaw`SELECT feature, sum(units)::int AS units FROM usage_records WHERE tenant_id = ${tenant} AND recorded_at >= ${since} GROUP BY feature`; //@safe
}

export async function usageForAccount(tenant: string, accountId: string) {
  return prisma.$queryRawUnsafe(`SELECT feature, sum(units)::int AS units FROM usage_records WHERE tenant_id = '${tenant}' AND account_id = '${accountId}' GROUP BY feature`); //@vuln CWE-89
}

export async function usageByKind(tenant: string, kind: string) {
  return prisma.$queryRawUnsafe('SELECT account_id, sum(units)::int AS units FROM usage_records WHERE tenant_id = $1 AND kind = $2 GROUP BY account_id', tenant, kind); //@safe
}

export async function touchSavedReport(tenant: string, name: string) {
  return prisma.$executeRawUnsafe(`UPDATE saved_reports SET last_viewed_at = now() WHERE tenant_id = '${tenant}' AND name = '${name}'`); //@vuln CWE-89
}
