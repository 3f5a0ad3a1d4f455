import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource, Repository } from 'typeorm';
import { safeMerge } from '@acme/shared/objects';
import { Order } from '../entities/order.entity';
import { Merchant } from '../entities/merchant.entity';
import type { ListOrdersQuery, RefundDto, SettlementJobDto } from './orders.controller';

@Injectable()
export class OrdersService {
  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(Merchant) private readonly merchants: Repository<Merchant>,
    private readonly dataSource: DataSource,
    @InjectQueue('settlement') private readonly settlementQueue: Queue,
  ) {}

  async list(merchantId: number, q: ListOrdersQuery): Promise<Order[]> {
    const qb = this.orders.createQueryBuilder('o').where('o.merchantId = :merchantId', { merchantId }); //@safe
    if (q.status) {
      // the dashboard filter chips send a comma separated list, e.g. "paid,refunded"
      const statuses = q.status.split(',').map((s) => `'${s.trim()}'`).join(', ');
      qb.andWhere(`o.status IN (${statuses})`); //@vuln CWE-89
    }
    if (q.search) {
      qb.andWhere('(o.reference ILIKE :term OR o.customerEmail ILIKE :term)', { term: `%${q.search}%` }); //@safe
    }
    qb.orderBy(`o.${q.sort ?? 'createdAt'}`, q.dir === 'asc' ? 'ASC' : 'DESC'); //@safe
    return qb.take(q.limit).getMany();
  }

  async findOne(merchantId: number, id: number): Promise<Order> {
    const order = await this.orders.findOne({ where: { id, merchantId } });
    if (!order) throw new NotFoundException(`Order ${id} not found`);
    return order;
  }

  async findByCustomerEmail(merchantId: number, email: string) {
    return this.orders.query('SELECT * FROM orders WHERE merchant_id = $1 AND lower(customer_email) = lower($2) ORDER BY created_at DESC LIMIT 100', [merchantId, email]); //@safe
  }

  async exportRange(merchantId: number, from: string, to: string) {
    if (!from || !to) throw new BadRequestException('from and to are required');
    return this.dataSource.query(`SELECT id, reference, amount, currency, status, created_at FROM orders WHERE merchant_id = ${merchantId} AND created_at >= '${from}' AND created_at < '${to}' ORDER BY created_at`); //@vuln CWE-89
  }

  async volumeByInterval(merchantId: number, interval: string) {
    const bucket = `date_trunc('${interval}', o.created_at)`;
    return this.orders.createQueryBuilder('o').select(bucket, 'bucket').addSelect('SUM(o.amount)', 'total').where('o.merchantId = :merchantId', { merchantId }).groupBy('bucket').orderBy('bucket').getRawMany(); //@vuln CWE-89
  }

  async refund(merchantId: number, orderId: number, dto: RefundDto, actor: string) {
    return this.dataSource.transaction(async (manager) => {
      const order = await manager.findOne(Order, { where: { id: orderId, merchantId }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw new NotFoundException();
      if (order.status !== 'paid') throw new BadRequestException(`Cannot refund an order in status ${order.status}`);
      const refunded = order.refundedAmount + dto.amount;
      if (refunded > order.amount) throw new BadRequestException('Refund exceeds captured amount');

      await manager.query(`INSERT INTO refunds (order_id, amount, reason, created_by, created_at) VALUES (${orderId}, ${dto.amount}, '${dto.reason}', '${actor}', now())`); //@vuln CWE-89
      await manager.update(Order, orderId, { refundedAmount: refunded, status: refunded === order.amount ? 'refunded' : 'paid' });
      return { orderId, refunded };
    });
  }

  async updatePreferences(merchantId: number, prefs: Record<string, unknown>) {
    const merchant = await this.merchants.findOneByOrFail({ id: merchantId });
    merchant.preferences = safeMerge(merchant.preferences ?? {}, prefs);
    await this.merchants.save(merchant);
    return merchant.preferences;
  }

  async scheduleSettlement(dto: SettlementJobDto): Promise<string | undefined> {
    const job = await this.settlementQueue.add('reconcile', { ...dto }, { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: 1000 });
    await this.settlementQueue.add('archive', { merchantId: dto.merchantId, fileName: dto.fileName, acquirer: dto.acquirer }, { delay: 60 * 60 * 1000 });
    return job.id;
  }
}
