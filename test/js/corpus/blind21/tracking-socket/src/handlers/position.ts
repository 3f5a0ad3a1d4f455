import type { Socket } from 'socket.io';
import { pool } from '../db';
import { telemetry } from '../mongo';

type PositionPayload = { vehicleId: string; lat: number; lng: number; speed: number; heading: number; ts: number };
type Ack = (result: unknown) => void;

const INSERT_POSITION =
  'INSERT INTO vehicle_positions (vehicle_id, lat, lng, speed, heading, recorded_at) VALUES ($1, $2, $3, $4, $5, to_timestamp($6 / 1000.0))';

function nearbySql(lat: string, lng: string, radiusKm: string) {
  return `SELECT vehicle_id, lat, lng, recorded_at FROM latest_positions
    WHERE earth_distance(ll_to_earth(${lat}, ${lng}), ll_to_earth(lat, lng)) < ${radiusKm} * 1000
    ORDER BY recorded_at DESC LIMIT 50`;
}

export function registerPositionHandlers(socket: Socket) {
  socket.on('position', async (p: PositionPayload, ack?: Ack) => {
    await pool.query(INSERT_POSITION, [p.vehicleId, p.lat, p.lng, p.speed, p.heading, p.ts]); //@safe
    socket.to(`vehicle:${p.vehicleId}`).emit('position', p);
    ack?.({ ok: true });
  });

  socket.on('nearby', async (q: { lat: string; lng: string; radiusKm: string }, ack: Ack) => {
    const { rows } = await pool.query(nearbySql(q.lat, q.lng, q.radiusKm)); //@vuln CWE-89
    ack(rows);
  });

  socket.on('telemetry:query', async (filter: { vehicleId: unknown; since?: string }, ack: Ack) => {
    const since = new Date(filter.since ?? 0);
    const docs = await telemetry().find({ vehicleId: filter.vehicleId, ts: { $gte: since } }).limit(500).toArray(); //@vuln CWE-943
    ack(docs);
  });

  socket.on('telemetry:fuel', async (q: { comparison: string }, ack: Ack) => {
    const docs = await telemetry().find({ $where: `this.fuelLevel ${q.comparison}` }).limit(100).toArray(); //@vuln CWE-943
    ack(docs);
  });

  socket.on('telemetry:latest', async (q: { vehicleId: unknown }, ack: Ack) => {
    const doc = await telemetry().findOne({ vehicleId: String(q.vehicleId) }, { sort: { ts: -1 } }); //@safe
    ack(doc);
  });

  socket.on('vehicle:watch', (vehicleId: string) => socket.join(`vehicle:${vehicleId}`));
}
