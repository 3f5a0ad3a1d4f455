import { Router, Response, NextFunction } from 'express';
import { QueryTypes } from 'sequelize';
import { pgPool, sequelize, knex, legacyMysql, redis, Vehicle } from '../db';
import { requireAuth, requireRole, AuthedRequest } from '../middleware/auth';
import * as vehicleRepo from '../repositories/vehicleRepository';
import { toInt } from '../lib/util';

const router = Router();
router.use(requireAuth);

const SORTABLE = new Set(['plate', 'vin', 'status', 'last_seen_at']);

type Handler = (req: AuthedRequest, res: Response, next: NextFunction) => Promise<unknown>;
const wrap = (fn: Handler) => (req: AuthedRequest, res: Response, next: NextFunction) => fn(req, res, next).catch(next);

router.get('/', wrap(async (req, res) => {
  const { status = null, depot = null, sort = 'plate' } = req.query as Record<string, string | null>;
  const orderBy = SORTABLE.has(String(sort)) ? sort : 'plate';
  const sql = `SELECT id, vin, plate, status, last_seen_at FROM vehicles
    WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::int IS NULL OR depot_id = $3)
    ORDER BY ${orderBy} LIMIT 500`;
  const { rows } = await pgPool.query(sql, [req.user!.tenantId, status, depot]);  //@safe
  res.json(rows);
}));

router.get('/search', wrap(async (req, res) => {
  const term = String(req.query.q ?? '').trim();
  const sql = `SELECT id, vin, plate, status FROM vehicles WHERE tenant_id = ${req.user!.tenantId} AND (plate ILIKE '%${term}%' OR vin ILIKE '%${term}%') LIMIT 50`;
  const rows = await sequelize.query(sql, { type: QueryTypes.SELECT });  //@vuln CWE-89
  res.json(rows);
}));

router.get('/by-vin/:vin', wrap(async (req, res) => {
  const cacheKey = `vehicle:vin:${req.user!.tenantId}:${req.params.vin}`;
  const cached = await redis.get(cacheKey);
  if (cached) {
    return res.json(JSON.parse(cached));
  }
  const [vehicle] = await sequelize.query('SELECT id, vin, plate, status, depot_id FROM vehicles WHERE tenant_id = :tenantId AND vin = :vin', { replacements: { tenantId: req.user!.tenantId, vin: req.params.vin }, type: QueryTypes.SELECT });  //@safe
  if (!vehicle) {
    return res.status(404).json({ error: 'not_found' });
  }
  await redis.set(cacheKey, JSON.stringify(vehicle), { EX: 300 });
  return res.json(vehicle);
}));

router.get('/stale', wrap(async (req, res) => {
  const minutes = String(req.query.minutes ?? '30');
  res.json(await vehicleRepo.findStale(req.user!.tenantId, minutes));
}));

router.get('/depot/:code', wrap(async (req, res) => {
  res.json(await vehicleRepo.findByDepot(req.user!.tenantId, req.params.code));
}));

router.get('/:id/odometer', wrap(async (req, res) => {
  const vehicleId = toInt(req.params.id, 0);
  const since = req.query.since as string;
  const result = await knex.raw(`SELECT recorded_at, odometer_km FROM odometer_readings WHERE vehicle_id = ${vehicleId} AND recorded_at >= '${since}' ORDER BY recorded_at`);  //@vuln CWE-89
  res.json(result.rows);
}));

router.get('/:id/fuel', wrap(async (req, res) => {
  const vehicleId = toInt(req.params.id, 0);
  const { from, to } = req.query as { from: string; to: string };
  const result = await knex.raw('SELECT posted_at, litres, amount_cents FROM fuel_transactions WHERE vehicle_id = ? AND posted_at BETWEEN ? AND ?', [vehicleId, from, to]);  //@safe
  res.json(result.rows);
}));

router.get('/:id/maintenance', wrap(async (req, res) => {
  const { order = 'performed_at', dir = 'DESC' } = req.query as Record<string, string>;
  res.json(await vehicleRepo.maintenanceHistory(toInt(req.params.id, 0), order, dir));
}));

router.put('/:id/notes', wrap(async (req, res) => {
  const updated = await vehicleRepo.updateNotes(req.user!.tenantId, toInt(req.params.id, 0), String(req.body.notes ?? ''));
  res.json({ updated });
}));

// Device metadata still lives in the legacy telematics MySQL database
router.get('/devices/lookup', wrap(async (req, res) => {
  const imei = req.query.imei;
  const [rows] = await legacyMysql.query("SELECT imei, firmware, sim_iccid, installed_at FROM devices WHERE imei = '" + imei + "'");  //@vuln CWE-89
  res.json(rows);
}));

router.get('/devices/:serial', wrap(async (req, res) => {
  const [rows] = await legacyMysql.execute('SELECT imei, firmware, sim_iccid, installed_at FROM devices WHERE serial_no = ?', [req.params.serial]);  //@safe
  res.json(rows);
}));

router.post('/status', requireRole('admin', 'dispatcher'), wrap(async (req, res) => {
  const { ids, status } = req.body as { ids: string[]; status: string };
  const idList = ids.map((id) => `'${id}'`).join(',');
  const result = await pgPool.query(`UPDATE vehicles SET status = $1, updated_at = now() WHERE tenant_id = $2 AND id IN (${idList})`, [status, req.user!.tenantId]);  //@vuln CWE-89
  await Promise.all(ids.map((id) => redis.del(`vehicle:${id}`)));
  res.json({ updated: result.rowCount });
}));

router.delete('/:id', requireRole('admin'), wrap(async (req, res) => {
  const count = await Vehicle.destroy({ where: { id: toInt(req.params.id, 0), tenantId: req.user!.tenantId } });
  res.status(count ? 204 : 404).end();
}));

export default router;
