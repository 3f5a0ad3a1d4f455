import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Meter } from './meter.entity';

export interface StatusCount {
  status: string;
  total: string;
}

@Injectable()
export class MetersRepository {
  constructor(@InjectRepository(Meter) private readonly repo: Repository<Meter>) {}

  findById(id: number) {
    return this.repo.findOne({ where: { id } });
  }

  findBySerial(serial: string) {
    return this.repo.findOne({ where: { serial } });
  }

  findBySerialPrefix(prefix: string) {
    return this.repo.query(  //@vuln CWE-89
      "SELECT id, serial, region, status FROM meters WHERE serial LIKE '" + prefix + "%' ORDER BY serial LIMIT 50",
    );
  }

  async bulkUpdateStatus(ids: string, status: string) {
    const updated = await this.repo.manager.query(  //@vuln CWE-89
      `UPDATE meters SET status = $1, updated_at = now() WHERE id IN (${ids}) RETURNING id`,
      [status],
    );
    return { status, updated };
  }

  async decommission(ids: number[], reason: string) {
    const numeric = ids.map(Number).filter(Number.isInteger);
    await this.repo.manager.query(  //@safe
      'UPDATE meters SET status = $1, notes = $2, updated_at = now() WHERE id = ANY($3::int[])',
      ['decommissioned', reason, numeric],
    );
    return this.repo.find({ where: { id: In(numeric) } });
  }

  countByRegion(region: string): Promise<StatusCount[]> {
    return this.repo
      .createQueryBuilder('m')
      .select('m.status', 'status')
      .addSelect('COUNT(*)', 'total')
      .where('m.region = :region', { region })
      .groupBy('m.status')
      .getRawMany();
  }
}
