import { BadRequestException, Injectable, UseGuards } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { GraphQLJSON } from 'graphql-type-json';
import * as crypto from 'crypto';
import * as serialize from 'node-serialize';
import { Report } from './report.entity';
import { Customer } from '../customers/customer.entity';
import { GqlAuthGuard } from '../auth/gql-auth.guard';

const SORT_COLUMNS: Record<string, string> = { name: 'c.name', revenue: 'c.lifetimeRevenue', created: 'c.createdAt' };
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const EXPORT_KEY = Buffer.from(process.env.REPORT_EXPORT_KEY ?? '', 'hex');

type GqlCtx = { req: { user: { id: string; tenantId: string } } };

function deepAssign(target: Record<string, any>, source: Record<string, any>): Record<string, any> {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      target[key] = target[key] ?? {};
      deepAssign(target[key], value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

function setByPath(obj: Record<string, any>, dotted: string, value: unknown) {
  const parts = dotted.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) cur = cur[part] ??= {};
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

function setColumnOption(columns: Record<string, any>, dotted: string, value: unknown) {
  const parts = dotted.split('.');
  if (parts.some((p) => RESERVED_KEYS.has(p))) throw new BadRequestException('invalid option path');
  let cur = columns;
  for (const part of parts.slice(0, -1)) cur = Object.prototype.hasOwnProperty.call(cur, part) ? cur[part] : (cur[part] = {});
  cur[parts[parts.length - 1]] = value; //@safe
}

@Injectable()
export class ReportsService {
  constructor(
    @InjectRepository(Report) private readonly reports: Repository<Report>,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    private readonly dataSource: DataSource,
  ) {}

  async searchCustomers(tenantId: string, term?: string, sortBy = 'created', region?: string) {
    const qb = this.customers.createQueryBuilder('c').where('c.tenantId = :tenantId', { tenantId }); //@safe
    if (term) qb.andWhere(`(c.name ILIKE '%${term}%' OR c.email ILIKE '%${term}%')`); //@vuln CWE-89
    if (region) qb.andWhere('c.region = :region', { region }); //@safe
    qb.orderBy(SORT_COLUMNS[sortBy] ?? 'c.createdAt', 'DESC'); //@safe
    return qb.take(100).getMany();
  }

  async listReports(tenantId: string, status?: string, after?: string) {
    const cursor = after ? serialize.unserialize(Buffer.from(after, 'base64').toString('utf8')) : null; //@vuln CWE-502
    const qb = this.reports.createQueryBuilder('r').where('r.tenantId = :tenantId', { tenantId });
    if (status) qb.andWhere(`r.status = '${status}'`); //@vuln CWE-89
    if (cursor?.id) qb.andWhere('r.id > :id', { id: cursor.id });
    return qb.orderBy('r.id', 'ASC').take(50).getMany();
  }

  async listRuns(tenantId: string, after?: string) {
    const cursor = after ? JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) : { id: 0 }; //@safe
    return this.dataSource.query('SELECT id, report_id, finished_at FROM report_runs WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT 50', [tenantId, Number(cursor.id) || 0]); //@safe
  }

  async revenueByPeriod(tenantId: string, granularity: string, from: string) {
    return this.dataSource.query( //@vuln CWE-89
      `SELECT date_trunc('${granularity}', paid_at) AS bucket, sum(amount) AS total FROM invoices WHERE tenant_id = $1 AND paid_at >= $2 GROUP BY 1 ORDER BY 1`,
      [tenantId, from],
    );
  }

  async purgeRuns(tenantId: string, reportId: number) {
    await this.dataSource.query(`DELETE FROM report_runs WHERE report_id = ${reportId} AND tenant_id = $1`, [tenantId]); //@safe
  }

  async computeMetric(reportId: number, formula: string) {
    const rows = await this.dataSource.query('SELECT * FROM report_rows WHERE report_id = $1', [reportId]);
    const evaluate = new Function('row', `with (row) { return (${formula}); }`); //@vuln CWE-95
    return rows.map((row: Record<string, number>) => evaluate(row));
  }

  async updateSettings(reportId: number, patch: Record<string, unknown>) {
    const report = await this.reports.findOneByOrFail({ id: reportId });
    report.settings = deepAssign(report.settings ?? {}, patch);
    report.layout = Object.assign({}, report.layout, patch.layout ?? {}); //@safe
    return this.reports.save(report);
  }

  async configureColumn(reportId: number, optionPath: string, value: unknown, scope: 'column' | 'filter') {
    const report = await this.reports.findOneByOrFail({ id: reportId });
    if (scope === 'column') setColumnOption((report.columns ??= {}), optionPath, value);
    else setByPath((report.filters ??= {}), optionPath, value);
    return this.reports.save(report);
  }

  exportToken(reportId: number, tenantId: string) {
    const payload = Buffer.from(JSON.stringify({ reportId, tenantId, exp: Date.now() + 3600_000 }));
    const legacy = crypto.createCipheriv('aes-128-ecb', EXPORT_KEY.subarray(0, 16), null); //@vuln CWE-327
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', EXPORT_KEY, iv); //@safe
    const enc = Buffer.concat([cipher.update(payload), cipher.final()]);
    const cacheKey = crypto.createHash('sha1').update(`${tenantId}:${reportId}`).digest('hex'); //@safe
    const legacyToken = Buffer.concat([legacy.update(payload), legacy.final()]).toString('base64url');
    return { cacheKey, legacyToken, token: Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64url') };
  }
}

@Resolver(() => Report)
@UseGuards(GqlAuthGuard)
export class ReportsResolver {
  constructor(private readonly service: ReportsService) {}

  @Query(() => [Customer])
  customers(@Context() ctx: GqlCtx, @Args('term', { nullable: true }) term?: string, @Args('sortBy', { nullable: true }) sortBy?: string, @Args('region', { nullable: true }) region?: string) {
    return this.service.searchCustomers(ctx.req.user.tenantId, term, sortBy, region);
  }

  @Query(() => [Report])
  reports(@Context() ctx: GqlCtx, @Args('status', { nullable: true }) status?: string, @Args('after', { nullable: true }) after?: string) {
    return this.service.listReports(ctx.req.user.tenantId, status, after);
  }

  @Query(() => GraphQLJSON)
  revenue(@Context() ctx: GqlCtx, @Args('granularity') granularity: string, @Args('from') from: string) {
    return this.service.revenueByPeriod(ctx.req.user.tenantId, granularity, from);
  }

  @Query(() => [Number])
  metric(@Args('reportId', { type: () => Int }) reportId: number, @Args('formula') formula: string) {
    return this.service.computeMetric(reportId, formula);
  }

  @Mutation(() => Boolean)
  async purgeRuns(@Context() ctx: GqlCtx, @Args('reportId', { type: () => Int }) reportId: number) {
    return this.service.purgeRuns(ctx.req.user.tenantId, reportId).then(() => true);
  }

  @Mutation(() => Report)
  updateReportSettings(@Args('id', { type: () => Int }) id: number, @Args('patch', { type: () => GraphQLJSON }) patch: Record<string, unknown>) {
    return this.service.updateSettings(id, patch);
  }

  @Mutation(() => Report)
  configureReport(@Args('id', { type: () => Int }) id: number, @Args('path') path: string, @Args('value', { type: () => GraphQLJSON }) value: unknown, @Args('scope') scope: 'column' | 'filter') {
    return this.service.configureColumn(id, path, value, scope);
  }
}
