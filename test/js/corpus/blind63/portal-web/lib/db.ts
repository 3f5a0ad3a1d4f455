import fs from 'node:fs';
import { Pool } from 'pg';
import { PrismaClient } from '@prisma/client';

const sslRootCert = process.env.PGSSLROOTCERT;

export const pool = new Pool({
  host: process.env.PGHOST ?? 'localhost',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'portal_app',
  password: process.env.PGPASSWORD,
  database: process.env.PGDATABASE ?? 'carebridge_portal',
  ssl: sslRootCert
    ? { rejectUnauthorized: true, ca: fs.readFileSync(sslRootCert, 'utf8') }  //@safe
    : undefined,
  max: 10,
  idleTimeoutMillis: 30_000,
});

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma = globalForPrisma.prisma ?? new PrismaClient({ log: ['warn', 'error'] });
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;

export interface AppointmentRow {
  id: string;
  patient_id: string;
  provider_id: string;
  starts_at: Date;
  clinic: string;
  status: 'booked' | 'confirmed' | 'cancelled' | 'completed' | 'no_show';
}

const APPOINTMENT_COLUMNS = 'id, patient_id, provider_id, starts_at, clinic, status';

export async function listPatientAppointments(
  patientId: string,
  sortColumn = 'starts_at',
  direction = 'ASC',
): Promise<AppointmentRow[]> {
  const orderBy = `${sortColumn} ${direction}`;
  const { rows } = await pool.query<AppointmentRow>(  //@vuln CWE-89
    `SELECT ${APPOINTMENT_COLUMNS}
       FROM appointments
      WHERE patient_id = $1
      ORDER BY ${orderBy}`,
    [patientId],
  );
  return rows;
}

const SORTABLE_COLUMNS = new Set(['starts_at', 'clinic', 'status']);

export async function listUpcomingAppointments(patientId: string, sortColumn: string): Promise<AppointmentRow[]> {
  const column = SORTABLE_COLUMNS.has(sortColumn) ? sortColumn : 'starts_at';
  const { rows } = await pool.query<AppointmentRow>(  //@safe
    `SELECT ${APPOINTMENT_COLUMNS}
       FROM appointments
      WHERE patient_id = $1 AND starts_at > now()
      ORDER BY ${column} ASC`,
    [patientId],
  );
  return rows;
}

export async function recordAccess(patientId: string, actor: string, resource: string): Promise<void> {
  await pool.query('INSERT INTO access_log (patient_id, actor, resource, accessed_at) VALUES ($1, $2, $3, now())', [
    patientId,
    actor,
    resource,
  ]);
}
