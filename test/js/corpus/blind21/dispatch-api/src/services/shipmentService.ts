import { pool } from '../db/knex';
import * as repo from '../data/shipmentRepo';

type Query = Record<string, string | undefined>;

export class ShipmentService {
  async search(customerId: number, query: Query) {
    const { status, destination, sort, direction, limit } = query;
    return repo.searchShipments({ customerId, status, destination, sort, direction, limit: limit ? Number(limit) : undefined });
  }

  async history(trackingNumber: string) {
    const sql = 'SELECT event_type, location, occurred_at FROM shipment_events WHERE tracking_number = $1 ORDER BY occurred_at';
    const { rows } = await pool.query(sql, [trackingNumber]); //@safe
    return rows;
  }

  async driverManifest(driverId: string, date: string) {
    const sql = `SELECT s.tracking_number, s.destination, r.window_start, r.window_end
      FROM shipments s JOIN route_stops r ON r.shipment_id = s.id
      WHERE r.driver_id = ${driverId} AND r.route_date = '${date}'
      ORDER BY r.stop_seq`;
    const { rows } = await pool.query(sql); //@vuln CWE-89
    return rows;
  }
}
