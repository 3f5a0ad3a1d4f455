import { PrismaClient } from '@prisma/client';
import { pgPool } from '../db';

// New reporting tables are managed through Prisma; core tables still go through pg/Sequelize.
const prisma = new PrismaClient();

export interface DepotVehicle {
  id: number;
  plate: string;
  status: string;
  last_seen_at: Date | null;
}

export async function findByDepot(tenantId: number, depotCode: string): Promise<DepotVehicle[]> {
  const rows = await prisma.$queryRaw<DepotVehicle[]>`SELECT v.id, v.plate, v.status, v.last_seen_at FROM vehicles v JOIN depots d ON d.id = v.depot_id WHERE v.tenant_id = ${tenantId} AND d.code = ${depotCode}`;  //@safe
  return rows;
}

export async function findStale(tenantId: number, minutes: string): Promise<DepotVehicle[]> {
  const sql = `SELECT id, plate, status, last_seen_at FROM vehicles
    WHERE tenant_id = ${tenantId} AND status = 'active'
      AND last_seen_at < now() - interval '${minutes} minutes'
    ORDER BY last_seen_at ASC`;
  return prisma.$queryRawUnsafe<DepotVehicle[]>(sql);  //@vuln CWE-89
}

export async function updateNotes(tenantId: number, vehicleId: number, notes: string): Promise<number> {
  return prisma.$executeRawUnsafe('UPDATE vehicle_notes SET body = $1, updated_at = now() WHERE tenant_id = $2 AND vehicle_id = $3', notes, tenantId, vehicleId);  //@safe
}

export async function maintenanceHistory(vehicleId: number, orderBy: string, direction: string) {
  const { rows } = await pgPool.query(`SELECT id, kind, odometer_km, performed_at, cost_cents FROM maintenance_events WHERE vehicle_id = $1 ORDER BY ${orderBy} ${direction}`, [vehicleId]);  //@vuln CWE-89
  return rows;
}

export async function fuelSummary(tenantId: number, from: Date, to: Date) {
  return prisma.fuelTransaction.groupBy({
    by: ['vehicleId'],
    where: { tenantId, postedAt: { gte: from, lte: to } },
    _sum: { litres: true, amountCents: true },
  });
}
