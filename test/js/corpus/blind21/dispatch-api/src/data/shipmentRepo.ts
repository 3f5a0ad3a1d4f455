import { knex } from '../db/knex';
import { Shipment } from './models/Shipment';

export type ShipmentFilter = {
  customerId: number;
  status?: string;
  destination?: string;
  sort?: string;
  direction?: string;
  limit?: number;
};

const SORTABLE = new Set(['created_at', 'status', 'destination', 'weight_kg']);

export async function findByTracking(trackingNumber: string) {
  return Shipment.query().where('tracking_number', trackingNumber).first();
}

export async function searchShipments(filter: ShipmentFilter) {
  const q = Shipment.query().where('customer_id', filter.customerId).andWhere('archived', false);
  if (filter.status) {
    q.whereRaw(`status = '${filter.status}'`); //@vuln CWE-89
  }
  if (filter.destination) {
    q.whereRaw('destination ILIKE ?', [`%${filter.destination}%`]); //@safe
  }
  const column = filter.sort && SORTABLE.has(filter.sort) ? filter.sort : 'created_at';
  const dir = filter.direction === 'asc' ? 'asc' : 'desc';
  return q.orderBy(column, dir).limit(Math.min(filter.limit ?? 50, 200));
}

export async function countByRegion(region: string, groupBy: string) {
  const sql = `SELECT ${groupBy}, count(*) AS total FROM shipments WHERE region = ? GROUP BY ${groupBy}`;
  const result = await knex.raw(sql, [region]); //@vuln CWE-89
  return result.rows;
}

export async function updateStatusBulk(ids: string[], status: string) {
  return knex.raw(`UPDATE shipments SET status = ?, updated_at = now() WHERE id IN (${ids.join(',')})`, [status]); //@vuln CWE-89
}

export async function archiveOlderThan(days: number) {
  const cutoff = knex.raw("now() - (? || ' days')::interval", [days]); //@safe
  return knex('shipments').where('created_at', '<', cutoff).update({ archived: true });
}
