import fs from 'fs';
import path from 'path';
import { execFile } from 'child_process';
import type { Request, Response, NextFunction } from 'express';
import { pgPool } from './db';

const AUDIT_DIR = process.env.AUDIT_DIR || '/var/log/clinic-audit';
const pool = pgPool('audit');

export interface AuditEvent {
  actor: string;
  action: string;
  entity: string;
  entityId?: string;
  sourceIp?: string;
  detail?: Record<string, unknown>;
}

export async function audit(ev: AuditEvent): Promise<void> {
  await pool.query('INSERT INTO audit_event (ts, actor, action, entity, entity_id, source_ip, detail) VALUES (now(), $1, $2, $3, $4, $5, $6)', [ev.actor, ev.action, ev.entity, ev.entityId ?? null, ev.sourceIp ?? null, JSON.stringify(ev.detail ?? {})]);
}

// Access log per facility; the interface team tails these files for the compliance dashboard.
export function auditMiddleware(service: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const facility = req.header('x-facility-id') || 'default';
    const started = Date.now();
    res.on('finish', () => {
      const line = JSON.stringify({
        ts: new Date().toISOString(),
        service,
        method: req.method,
        path: req.originalUrl,
        status: res.statusCode,
        ms: Date.now() - started,
        user: (req as any).user?.sub ?? null,
        ip: req.ip,
      });
      fs.appendFile(path.join(AUDIT_DIR, service, `${facility}.jsonl`), line + '\n', () => undefined); //@vuln CWE-22
    });
    next();
  };
}

export function compressAuditDay(service: string, day: string, cb: (err: Error | null) => void): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^[a-z-]+$/.test(service)) {
    return cb(new Error('bad audit file spec'));
  }
  const file = path.join(AUDIT_DIR, service, `${day}.jsonl`);
  execFile('gzip', ['-9', file], (err) => cb(err)); //@safe
}
