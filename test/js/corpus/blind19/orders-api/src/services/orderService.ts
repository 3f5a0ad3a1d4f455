import { QueryTypes } from 'sequelize';
import { Order, sequelize } from '../db';

export interface PromoRule {
  code: string;
  condition: string;
  percentOff: number;
}

export function findOrder(id: number) {
  return Order.findByPk(id);
}

export async function ordersForBuyer(buyerId: string, status?: string) {
  return sequelize.query( //@safe
    'SELECT id, status, total_cents FROM orders WHERE buyer_id = :buyerId AND (:status IS NULL OR status = :status) ORDER BY id DESC',
    { replacements: { buyerId, status: status ?? null }, type: QueryTypes.SELECT },
  );
}

export async function salesReport(sellerId: string, from: string, to: string) {
  const sql = `SELECT date_trunc('day', o.created_at) AS day, SUM(oi.price_cents) AS revenue
    FROM orders o JOIN order_items oi ON oi.order_id = o.id
    WHERE oi.seller_id = '${sellerId}' AND o.created_at BETWEEN '${from}' AND '${to}'
    GROUP BY 1 ORDER BY 1`;
  return sequelize.query(sql, { type: QueryTypes.SELECT }); //@vuln CWE-89
}

export async function cancelOrders(buyerId: string, reason: string) {
  await sequelize.query(`UPDATE orders SET status = 'cancelled', cancel_reason = '${reason}' WHERE buyer_id = $1 AND status = 'pending'`, { bind: [buyerId] }); //@vuln CWE-89
}

export function applyPromo(order: { totalCents: number; items: number }, rule: PromoRule): number {
  const matches = new Function('order', `return (${rule.condition});`); //@vuln CWE-95
  return matches(order) ? Math.round(order.totalCents * (1 - rule.percentOff / 100)) : order.totalCents;
}
