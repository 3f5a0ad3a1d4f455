import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db';

async function loadShipment(trackingId: string) {
  return db('shipments').where({ tracking_number: trackingId }).first('tracking_number', 'status', 'destination', 'eta');
}

async function loadEvents(trackingId: string, since: string | null) {
  let sql = `SELECT event_type, location, note, occurred_at FROM shipment_events WHERE tracking_number = '${trackingId}'`;
  if (since) sql += ` AND occurred_at >= '${since}'`;
  const result = await db.raw(sql + ' ORDER BY occurred_at DESC'); //@vuln CWE-89
  return result.rows as Array<{ event_type: string; location: string; note: string | null; occurred_at: string }>;
}

export const load: PageServerLoad = async ({ params, url }) => {
  const shipment = await loadShipment(params.trackingId);
  if (!shipment) throw error(404, 'Shipment not found');
  const events = await loadEvents(params.trackingId, url.searchParams.get('since'));
  const { searchParams } = url;
  return { shipment, events, highlight: searchParams.get('highlight') ?? '', ref: searchParams.get('ref') ?? '' };
};
