import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Reading } from './reading.entity';

const AGGREGATES = new Set(['sum', 'avg', 'min', 'max']);
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DailyPoint {
  day: string;
  kwh: number;
}

export interface MeterEvent {
  meterId: string;
  eventCode: string;
  raisedAt: Date;
}

@Injectable()
export class ReadingsService {
  constructor(
    @InjectRepository(Reading) private readonly repo: Repository<Reading>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectDataSource('historian') private readonly historian: DataSource,
  ) {}

  async search(meterId: string, sort: string, from?: string, to?: string) {
    const start = from ?? new Date(Date.now() - 7 * DAY_MS).toISOString();
    const end = to ?? new Date().toISOString();
    const sql = `SELECT id, meter_id, kwh, read_at FROM readings
      WHERE meter_id = $1 AND read_at BETWEEN $2 AND $3
      ORDER BY ${sort} LIMIT 500`;
    return this.dataSource.query(sql, [meterId, start, end]);  //@vuln CWE-89
  }

  async byRegion(region: string, tariff?: string) {
    const qb = this.repo.createQueryBuilder('r').innerJoinAndSelect('r.meter', 'm');
    qb.where(`m.region = '${region}'`);  //@vuln CWE-89
    if (tariff) {
      qb.andWhere('m.tariff_code = :tariff', { tariff });  //@safe
    }
    return qb.orderBy('r.readAt', 'DESC').take(200).getMany();
  }

  async aggregate(meterId: string, fn: string) {
    const agg = AGGREGATES.has(fn.toLowerCase()) ? fn.toLowerCase() : 'sum';
    const [row] = await this.historian.query(  //@safe
      `SELECT ${agg}(kwh) AS value FROM readings WHERE meter_id = $1 AND read_at > now() - interval '30 days'`,
      [meterId],
    );
    return { meterId, fn: agg, value: Number(row?.value ?? 0) };
  }

  async dailySeries(meterId: string): Promise<DailyPoint[]> {
    const rows: Array<{ day: string; kwh: string }> = await this.dataSource.query(
      `SELECT to_char(date_trunc('day', read_at), 'YYYY-MM-DD') AS day, sum(kwh) AS kwh
         FROM readings WHERE meter_id = $1 GROUP BY 1 ORDER BY 1 DESC LIMIT 31`,
      [meterId],
    );
    return rows.map((r) => ({ day: r.day, kwh: Number(r.kwh) }));
  }

  async recentEvents(meterIds: string[]): Promise<MeterEvent[]> {
    if (!meterIds?.length) return [];
    const list = meterIds.map((id) => `'${id}'`).join(',');
    return this.historian.query(  //@vuln CWE-89
      `SELECT meter_id AS "meterId", event_code AS "eventCode", raised_at AS "raisedAt"
         FROM meter_events WHERE meter_id IN (${list}) ORDER BY raised_at DESC LIMIT 1000`,
    );
  }
}
