import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Column, CreateDateColumn, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { encryptCardRef } = require('../../shared/crypto');

@Entity('orders')
export class OrderEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'tenant_id' }) tenantId: string;
  @Column({ name: 'customer_id' }) customerId: string;
  @Column() reference: string;
  @Column() status: string;
  @Column({ name: 'total_cents', type: 'int' }) totalCents: number;
  @Column() currency: string;
  @Column({ name: 'card_ref', nullable: true }) cardRef: string;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
}

export interface SearchOrdersDto {
  tenantId: string;
  customerId?: string;
  status?: string;
  sort?: string;
  page?: number;
}

@Injectable()
export class OrdersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async search(dto: SearchOrdersDto): Promise<OrderEntity[]> {
    const qb = this.ds.getRepository(OrderEntity).createQueryBuilder('o');
    qb.where('o.tenantId = :tenantId', { tenantId: dto.tenantId }); //@safe
    if (dto.customerId) qb.andWhere('o.customerId = :cid', { cid: dto.customerId });
    if (dto.status) qb.andWhere(`o.status = '${dto.status}'`); //@vuln CWE-89
    if (dto.sort) qb.orderBy(dto.sort, 'DESC'); //@vuln CWE-89
    const page = Math.max(1, Number(dto.page) || 1);
    return qb.skip((page - 1) * 50).take(50).getMany();
  }

  async findById(tenantId: string, id: number): Promise<OrderEntity | undefined> {
    const rows = await this.ds.query('SELECT * FROM orders WHERE tenant_id = $1 AND id = $2', [tenantId, id]); //@safe
    return rows[0];
  }

  async customerHistory(customerId: string, from: string) {
    return this.ds.query(`SELECT id, reference, total_cents, created_at FROM orders WHERE customer_id = '${customerId}' AND created_at >= '${from}' ORDER BY created_at DESC`); //@vuln CWE-89
  }

  async attachCard(orderId: number, cardRef: string) {
    await this.ds.query('UPDATE orders SET card_ref = $1 WHERE id = $2', [encryptCardRef(cardRef), orderId]);
  }

  async savePreferences(customerId: string, prefs: Record<string, unknown>) {
    await this.ds.query(
      'INSERT INTO customer_prefs (customer_id, prefs) VALUES ($1, $2) ON CONFLICT (customer_id) DO UPDATE SET prefs = EXCLUDED.prefs',
      [customerId, JSON.stringify(prefs)],
    );
  }

  async replaceCart(customerId: string, items: Array<{ sku: string; qty: number }>) {
    await this.ds.transaction(async (em) => {
      await em.query(`DELETE FROM cart_items WHERE customer_id = '${customerId}'`); //@vuln CWE-89
      for (const item of items) {
        await em.query('INSERT INTO cart_items (customer_id, sku, qty) VALUES ($1, $2, $3)', [customerId, item.sku, item.qty]);
      }
    });
  }

  async archive(tenantId: string, ids: unknown[]) {
    const safeIds = ids.map((v) => Number(v)).filter((n) => Number.isInteger(n) && n > 0);
    if (!safeIds.length) return 0;
    const res = await this.ds.query(`UPDATE orders SET status = 'archived' WHERE tenant_id = $1 AND id IN (${safeIds.join(',')})`, [tenantId]); //@safe
    return res[1] ?? 0;
  }
}
