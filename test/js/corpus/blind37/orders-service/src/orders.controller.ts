import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import * as vm from 'vm';

import { OrdersRepository, SearchOrdersDto } from './orders.repository';

/* eslint-disable @typescript-eslint/no-var-requires */
const serialize = require('node-serialize');
const { deepMerge, escapeRegex } = require('../../shared/util');
/* eslint-enable @typescript-eslint/no-var-requires */

const DEFAULT_PREFS = {
  notify: { email: true, sms: false, push: true },
  currency: 'EUR',
  locale: 'en-GB',
};

@Controller()
export class OrdersController {
  private readonly logger = new Logger(OrdersController.name);

  constructor(private readonly repo: OrdersRepository) {}

  @MessagePattern('orders.search')
  async search(@Payload() dto: SearchOrdersDto) {
    if (!dto?.tenantId) throw new RpcException('tenantId required');
    return this.repo.search(dto);
  }

  @MessagePattern('orders.history')
  async history(@Payload() data: { customerId: string; from?: string }) {
    return this.repo.customerHistory(data.customerId, data.from || '1970-01-01');
  }

  // Merchants can attach a small pricing expression to a promotion, e.g. "total * 0.9"
  @MessagePattern('orders.reprice')
  async reprice(@Payload() data: { tenantId: string; orderId: number; rule: string }) {
    const order = await this.repo.findById(data.tenantId, data.orderId);
    if (!order) throw new RpcException('order not found');
    const sandbox = { total: order.totalCents, currency: order.currency, Math };
    const adjusted = vm.runInNewContext(data.rule, sandbox, { timeout: 50 }); //@vuln CWE-94
    return { orderId: order.id, totalCents: Math.max(0, Math.round(Number(adjusted))) };
  }

  @MessagePattern('orders.filter')
  async filter(@Payload() data: { tenantId: string; pattern: string }) {
    const orders = await this.repo.search({ tenantId: data.tenantId });
    const re = new RegExp(data.pattern, 'i'); //@vuln CWE-1333
    return orders.filter((o) => re.test(o.reference));
  }

  @MessagePattern('orders.lookupReference')
  async lookupReference(@Payload() data: { tenantId: string; reference: string }) {
    const orders = await this.repo.search({ tenantId: data.tenantId });
    const re = new RegExp('^' + escapeRegex(data.reference), 'i'); //@safe
    return orders.filter((o) => re.test(o.reference)).slice(0, 20);
  }

  @EventPattern('customer.preferences.updated')
  async preferencesUpdated(@Payload() msg: { customerId: string; prefs: Record<string, unknown> }, @Ctx() ctx: KafkaContext) {
    const merged = deepMerge(JSON.parse(JSON.stringify(DEFAULT_PREFS)), msg.prefs);
    await this.repo.savePreferences(msg.customerId, merged);
    this.logger.debug(`prefs updated for ${msg.customerId} (offset ${ctx.getMessage().offset})`);
  }

  // Carts are snapshotted by the storefront BFF when a session expires.
  @EventPattern('cart.restored')
  async cartRestored(@Payload() msg: { customerId: string; snapshot: string }) {
    const cart = serialize.unserialize(Buffer.from(msg.snapshot, 'base64').toString('utf8')); //@vuln CWE-502
    await this.repo.replaceCart(msg.customerId, Array.isArray(cart.items) ? cart.items : []);
  }

  @EventPattern('payments.card.tokenized')
  async cardTokenized(@Payload() msg: { orderId: number; cardRef: string }) {
    await this.repo.attachCard(msg.orderId, msg.cardRef);
  }

  @EventPattern('orders.archive.requested')
  async archive(@Payload() msg: { tenantId: string; ids: unknown[] }) {
    const n = await this.repo.archive(msg.tenantId, msg.ids || []);
    this.logger.log(`archived ${n} orders for ${msg.tenantId}`);
  }
}
