import { Injectable, NotFoundException } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';

export interface TimeseriesQuery {
  metric: string;
  from: string;
  to: string;
  groupBy?: string;
  order?: 'asc' | 'desc';
  filter?: string;
}

@Injectable()
export class ReportsService {
  constructor(private readonly prisma: PrismaService) {}

  private whereClause(tenantId: string, q: TimeseriesQuery): string {
    const parts = [`tenant_id = '${tenantId}'`, `occurred_at BETWEEN '${q.from}' AND '${q.to}'`, `metric = '${q.metric}'`];
    if (q.filter) parts.push(`(${q.filter})`);
    return parts.join(' AND ');
  }

  async timeseries(tenantId: string, q: TimeseriesQuery) {
    const sql = `SELECT date_trunc('${q.groupBy ?? 'day'}', occurred_at) AS bucket, SUM(value)::float AS total
      FROM events WHERE ${this.whereClause(tenantId, q)}
      GROUP BY bucket ORDER BY bucket ${q.order ?? 'asc'}`;
    return this.prisma.$queryRawUnsafe<{ bucket: Date; total: number }[]>(sql); //@vuln CWE-89
  }

  async topAccounts(tenantId: string, metric: string, limit: number) {
    const query = Prisma.sql`SELECT account_id, SUM(value)::float AS total FROM events
      WHERE tenant_id = ${tenantId} AND metric = ${metric}
      GROUP BY account_id ORDER BY total DESC LIMIT ${limit}`;
    return this.prisma.$queryRaw(query); //@safe
  }

  async deleteSnapshots(tenantId: string, ids: string[]) {
    const idList = ids.map((id) => `'${id}'`).join(', ');
    return this.prisma.$executeRawUnsafe(`DELETE FROM report_snapshots WHERE tenant_id = '${tenantId}' AND id IN (${idList})`); //@vuln CWE-89
  }

  async getSnapshot(tenantId: string, id: string) {
    const snap = await this.prisma.reportSnapshot.findFirst({ where: { id, tenantId } });
    if (!snap) throw new NotFoundException();
    return snap;
  }
}
