import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PrismaClient } from '@prisma/client';
import { createPool, Pool, RowDataPacket } from 'mysql2/promise';
import { orderByClause, statusFilter } from '../common/query-helpers';
import type { LedgerConfig } from '../config/app.config';

export interface OrderListQuery {
  restaurantId: string;
  status?: string;
  sort?: string;
  dir?: string;
  limit?: string;
}

export interface OrderRow {
  id: string;
  restaurant_id: string;
  customer_name: string;
  customer_phone: string;
  delivery_address: string;
  status: string;
  total_cents: number;
  notes: string | null;
  created_at: Date;
}

@Injectable()
export class OrdersRepository implements OnModuleDestroy {
  private readonly prisma = new PrismaClient();
  private ledger?: Pool;

  constructor(private readonly config: ConfigService) {}

  async onModuleDestroy() {
    await this.prisma.$disconnect();
    await this.ledger?.end();
  }

  async listForRestaurant(q: OrderListQuery): Promise<OrderRow[]> {
    const limit = Math.min(Number.parseInt(q.limit ?? '50', 10) || 50, 200);
    const sql = `
      SELECT o.id, o.restaurant_id, o.customer_name, o.delivery_address, o.status,
             o.total_cents, o.notes, o.created_at
      FROM orders o
      WHERE o.restaurant_id = $1 ${statusFilter(q.status)}
      ${orderByClause(q.sort, q.dir)}
      LIMIT ${limit}`;
    return this.prisma.$queryRawUnsafe<OrderRow[]>(sql, q.restaurantId);  //@vuln CWE-89
  }

  async findById(orderId: string): Promise<OrderRow | null> {
    const rows = await this.prisma.$queryRaw<OrderRow[]>`SELECT * FROM orders WHERE id = ${orderId} LIMIT 1`;  //@safe
    return rows[0] ?? null;
  }

  async searchByCustomer(restaurantId: string, term: string): Promise<OrderRow[]> {
    return this.prisma.$queryRawUnsafe<OrderRow[]>(  //@vuln CWE-89
      `SELECT * FROM orders WHERE restaurant_id = $1 AND customer_name ILIKE '%${term}%' ORDER BY created_at DESC LIMIT 25`,
      restaurantId,
    );
  }

  async searchByPhone(restaurantId: string, phone: string): Promise<OrderRow[]> {
    return this.prisma.$queryRawUnsafe<OrderRow[]>(  //@safe
      'SELECT * FROM orders WHERE restaurant_id = $1 AND customer_phone = $2 ORDER BY created_at DESC LIMIT 25',
      restaurantId,
      phone,
    );
  }

  async updateStatus(orderId: string, status: string, changedBy: string) {
    return this.prisma.order.update({
      where: { id: orderId },
      data: { status, statusChangedBy: changedBy, statusChangedAt: new Date() },
    });
  }

  private ledgerPool(): Pool {
    if (!this.ledger) {
      const cfg = this.config.get<LedgerConfig>('database.legacyLedger')!;
      this.ledger = createPool({ ...cfg, connectionLimit: 4, dateStrings: true });
    }
    return this.ledger;
  }

  async payoutsBetween(restaurantId: string, from: Date, to: Date) {
    const [rows] = await this.ledgerPool().query<RowDataPacket[]>(  //@safe
      'SELECT * FROM payouts WHERE merchant_ref = ? AND booked_on BETWEEN ? AND ? ORDER BY booked_on',
      [restaurantId, from, to],
    );
    return rows;
  }

  async payoutByReference(restaurantId: string, reference: string) {
    const sql = "SELECT * FROM payouts WHERE merchant_ref = '" + restaurantId + "' AND psp_reference = '" + reference + "'";
    const [rows] = await this.ledgerPool().query<RowDataPacket[]>(sql);  //@vuln CWE-89
    return rows[0] ?? null;
  }
}
