import { injectable } from 'tsyringe';
import { knex } from '../db/knex';

export type SyncRun = { id: number; partner: string; status: 'queued' | 'running' | 'failed' | 'done'; records: number };

@injectable()
export class SyncRepository {
  async runsForPartner(partner: string): Promise<SyncRun[]> {
    const result = await knex.raw(`SELECT * FROM sync_runs WHERE partner = '${partner}' ORDER BY started_at DESC LIMIT 50`); //@vuln CWE-89
    return result.rows;
  }

  async runsForPartnerSafe(partner: string): Promise<SyncRun[]> {
    const result = await knex.raw('SELECT * FROM sync_runs WHERE partner = ? ORDER BY started_at DESC LIMIT 50', [partner]); //@safe
    return result.rows;
  }

  async byStatus(status: string, since?: string): Promise<SyncRun[]> {
    const q = knex<SyncRun>('sync_runs').whereRaw(`status = '${status}'`); //@vuln CWE-89
    if (since) q.andWhere('started_at', '>=', since);
    return q.orderBy('started_at', 'desc');
  }

  async record(partner: string, records: number): Promise<number> {
    const [row] = await knex('sync_runs').insert({ partner, status: 'done', records, started_at: knex.fn.now() }).returning('id');
    return row.id;
  }
}
