import { pool } from '../../../common/db';
import { encryptMetadata } from '../../../common/security';

export interface FileRecord {
  id: string;
  tenantId: string;
  originalName: string;
  storagePath: string;
  size: number;
  mimeType: string;
  createdAt: Date;
}

const COLUMNS =
  'id, tenant_id AS "tenantId", original_name AS "originalName", storage_path AS "storagePath", size, mime_type AS "mimeType", created_at AS "createdAt"';

const SORTABLE: Record<string, string> = {
  name: 'original_name',
  size: 'size',
  created: 'created_at',
};

export async function insertFile(rec: Omit<FileRecord, 'id' | 'createdAt'>, uploader: string): Promise<FileRecord> {
  const { rows } = await pool.query(`INSERT INTO files (tenant_id, original_name, storage_path, size, mime_type, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`, [rec.tenantId, rec.originalName, rec.storagePath, rec.size, rec.mimeType, encryptMetadata(uploader)]); //@safe
  return rows[0];
}

export async function findById(tenantId: string, id: string): Promise<FileRecord | undefined> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM files WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return rows[0];
}

export async function findPublic(id: string): Promise<FileRecord | undefined> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM files WHERE id = $1 AND quarantined = false`, [id]);
  return rows[0];
}

export async function listForTenant(tenantId: string, sort: string, limit: number): Promise<FileRecord[]> {
  const order = Object.prototype.hasOwnProperty.call(SORTABLE, sort) ? SORTABLE[sort] : 'created_at';
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM files WHERE tenant_id = $1 ORDER BY ${order} DESC LIMIT $2`, [tenantId, Math.min(limit || 50, 500)]); //@safe
  return rows;
}

export async function search(tenantId: string, term: string, sort: string): Promise<FileRecord[]> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM files WHERE tenant_id = $1 AND original_name ILIKE '%${term}%' ORDER BY ${sort} LIMIT 200`, [tenantId]); //@vuln CWE-89
  return rows;
}

export async function markQuarantined(id: string): Promise<void> {
  await pool.query('UPDATE files SET quarantined = true WHERE id = $1', [id]);
}

export async function deleteByIds(tenantId: string, idList: string): Promise<number> {
  const res = await pool.query(`DELETE FROM files WHERE tenant_id = $1 AND id IN (${idList})`, [tenantId]); //@vuln CWE-89
  return res.rowCount ?? 0;
}

