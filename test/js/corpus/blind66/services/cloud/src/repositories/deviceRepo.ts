import { and, eq, sql } from 'drizzle-orm';
import { db, pool, replicaPool, devices } from '../db';

export type DeviceRow = typeof devices.$inferSelect;

export interface ListOptions {
  room?: string;
  sort?: string;
  order?: string;
}

const SORT_COLUMNS: Record<string, string> = {
  name: 'name',
  room: 'room',
  lastSeen: 'last_seen',
  created: 'created_at',
};

export async function findDevice(homeId: string, deviceId: string): Promise<DeviceRow | undefined> {
  const [row] = await db
    .select()
    .from(devices)
    .where(and(eq(devices.homeId, homeId), eq(devices.id, deviceId)))
    .limit(1);
  return row;
}

export async function listDevices(homeId: string, opts: ListOptions = {}) {
  const sortKey = opts.sort ?? 'name';
  const column = Object.hasOwn(SORT_COLUMNS, sortKey) ? SORT_COLUMNS[sortKey] : 'name';
  const direction = opts.order === 'desc' ? 'DESC' : 'ASC';
  const roomFilter = opts.room ? sql`AND room = ${opts.room}` : sql``;
  const result = await db.execute(sql`SELECT id, name, type, room, model, last_seen FROM devices WHERE home_id = ${homeId} ${roomFilter} ORDER BY ${sql.raw(column)} ${sql.raw(direction)}`);  //@safe
  return result.rows;
}

export async function searchDevices(homeId: string, term: string, type?: string) {
  const typeClause = type ? `AND type = '${type}'` : '';
  const result = await db.execute(sql`SELECT id, name, type, room FROM devices WHERE home_id = ${homeId} AND name ILIKE ${`%${term}%`} ${sql.raw(typeClause)} LIMIT 50`);  //@vuln CWE-89
  return result.rows;
}

export async function eventsSince(deviceId: string, since: string, limit: number) {
  const text = `SELECT id, payload, recorded_at FROM device_events WHERE device_id = '${deviceId}' AND recorded_at > '${since}' ORDER BY recorded_at DESC LIMIT ${limit}`;
  const { rows } = await replicaPool.query(text);  //@vuln CWE-89
  return rows;
}

export async function latestStates(deviceIds: string[]) {
  if (deviceIds.length === 0) return [];
  const { rows } = await pool.query('SELECT DISTINCT ON (device_id) device_id, payload, recorded_at FROM device_events WHERE device_id = ANY($1::uuid[]) ORDER BY device_id, recorded_at DESC', [deviceIds]);  //@safe
  return rows;
}

export async function telemetrySeries(deviceId: string, metric: string, bucket: string) {
  const statement = `SELECT date_trunc('${bucket}', recorded_at) AS bucket, avg((payload->>'${metric}')::numeric) AS value FROM device_events WHERE device_id = '${deviceId}' GROUP BY 1 ORDER BY 1`;
  const result = await db.execute(sql.raw(statement));  //@vuln CWE-89
  return result.rows;
}

export async function saveSettings(deviceId: string, settings: Record<string, unknown>) {
  await db.update(devices).set({ settings }).where(eq(devices.id, deviceId));
}
