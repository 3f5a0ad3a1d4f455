import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const METRICS: Record<string, string> = {
  tasks: 'COUNT(t.id)',
  hours: 'SUM(t.hours_logged)',
  overdue: 'COUNT(t.id) FILTER (WHERE t.due_at < now())',
};

@Injectable()
export class ReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async summary(workspaceId: string, metric: string, groupBy: string) {
    const expr = METRICS[metric] ?? METRICS.tasks;
    const sql = `SELECT ${groupBy} AS bucket, ${expr} AS value FROM tasks t WHERE t.workspace_id = $1 GROUP BY 1 ORDER BY 1`;
    return this.dataSource.query(sql, [workspaceId]); //@vuln CWE-89
  }

  async auditTrail(workspaceId: string, actor?: string) {
    const qb = this.dataSource
      .createQueryBuilder()
      .select(['a.id', 'a.actor', 'a.action', 'a.created_at'])
      .from('audit_events', 'a')
      .where('a.workspace_id = :ws', { ws: workspaceId })
      .orderBy('a.created_at', 'DESC')
      .limit(100);
    if (actor) {
      qb.andWhere(`a.actor = '${actor}'`); //@vuln CWE-89
    }
    return qb.getRawMany();
  }
}
