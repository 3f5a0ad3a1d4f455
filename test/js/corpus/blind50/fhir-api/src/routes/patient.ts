import { Router, Response } from 'express';
import { pgPool } from '../../../common/src/db';
import { bundle, deepMerge, operationOutcome } from '../../../common/src/util';
import { audit } from '../../../common/src/audit';
import { fetchPeerResource } from '../../../common/src/http';
import type { AuthedRequest } from '../middleware/auth';

const router = Router();
const pool = pgPool('fhir');

const SEARCH_PARAMS: [string, string, (v: string) => string][] = [
  ['family', 'family_name ILIKE', (v) => `${v}%`],
  ['given', 'given_name ILIKE', (v) => `${v}%`],
  ['birthdate', 'birth_date =', (v) => v],
  ['phone', 'phone =', (v) => v.replace(/\D/g, '')],
];
const SORTABLE: Record<string, string> = { family: 'family_name', given: 'given_name', birthdate: 'birth_date', _lastUpdated: 'updated_at' };

function toFhir(row: any) {
  return {
    resourceType: 'Patient',
    id: row.id,
    meta: { lastUpdated: row.updated_at },
    identifier: [{ system: row.identifier_system, value: row.identifier_value }],
    name: [{ family: row.family_name, given: [row.given_name] }],
    gender: row.gender,
    birthDate: row.birth_date,
    telecom: row.phone ? [{ system: 'phone', value: row.phone }] : [],
    ...(row.extra || {}),
  };
}

function canSee(req: AuthedRequest, patientId: string): boolean {
  if (!req.user) return false;
  if (req.user.role === 'patient') return req.user.patientId === patientId;
  return req.user.role === 'practitioner' || req.user.role === 'admin';
}

router.get('/', async (req: AuthedRequest, res: Response) => {
  if (req.user?.role === 'patient') {
    return res.redirect(`/fhir/Patient/${req.user.patientId}`);
  }
  if (req.query.identifier) {
    // token search: identifier=system|value
    const [system, value] = String(req.query.identifier).split('|');
    const { rows } = await pool.query(`SELECT * FROM patient WHERE clinic_id = $1 AND identifier_system = '${system}' AND identifier_value = $2`, [req.user!.clinicId, value]); //@vuln CWE-89
    return res.json(bundle(rows.map(toFhir)));
  }

  const where: string[] = ['clinic_id = $1'];
  const params: unknown[] = [req.user!.clinicId];
  for (const [param, clause, wrap] of SEARCH_PARAMS) {
    if (!req.query[param]) continue;
    params.push(wrap(String(req.query[param])));
    where.push(`${clause} $${params.length}`);
  }
  const sortKey = String(req.query._sort || 'family').replace(/^-/, '');
  const sortCol = SORTABLE[sortKey] ?? 'family_name';
  const dir = String(req.query._sort || '').startsWith('-') ? 'DESC' : 'ASC';
  const count = Math.min(parseInt(String(req.query._count), 10) || 20, 200);
  const { rows } = await pool.query(`SELECT * FROM patient WHERE ${where.join(' AND ')} ORDER BY ${sortCol} ${dir} LIMIT ${count}`, params); //@safe
  res.json(bundle(rows.map(toFhir)));
});

router.get('/:id', async (req: AuthedRequest, res: Response) => {
  if (!canSee(req, req.params.id)) return res.status(403).json(operationOutcome('error', 'forbidden', 'not your record'));
  const { rows } = await pool.query('SELECT * FROM patient WHERE id = $1', [req.params.id]); //@safe
  if (!rows.length) return res.status(404).json(operationOutcome('error', 'not-found', 'Patient not found'));
  await audit({ actor: req.user!.sub, action: 'read', entity: 'Patient', entityId: req.params.id, sourceIp: req.ip });
  res.json(toFhir(rows[0]));
});

router.get('/:id/_history', async (req: AuthedRequest, res: Response) => {
  if (!canSee(req, req.params.id)) return res.sendStatus(403);
  const since = req.query._since ? `AND changed_at > '${req.query._since}'` : '';
  const { rows } = await pool.query(`SELECT version, changed_at, snapshot FROM patient_history WHERE patient_id = $1 ${since} ORDER BY version DESC`, [req.params.id]); //@vuln CWE-89
  res.json({ resourceType: 'Bundle', type: 'history', entry: rows.map((r) => ({ resource: r.snapshot })) });
});

router.get('/:id/\\$everything', async (req: AuthedRequest, res: Response) => {
  if (!canSee(req, req.params.id)) return res.sendStatus(403);
  const types = String(req.query._type || 'Observation,Appointment,Condition').split(',');
  const { rows } = await pool.query(`SELECT resource FROM clinical_resource WHERE patient_id = $1 AND resource_type IN ('${types.join("','")}')`, [req.params.id]); //@vuln CWE-89
  res.json(bundle(rows.map((r) => r.resource)));
});

// Pull a linked record from a peer HIE (Patient.link.other.reference is an absolute URL).
router.get('/:id/link', async (req: AuthedRequest, res: Response) => {
  if (!canSee(req, req.params.id)) return res.sendStatus(403);
  res.json(await fetchPeerResource(String(req.query.reference)));
});

router.patch('/:id', async (req: AuthedRequest, res: Response) => {
  if (!canSee(req, req.params.id)) return res.sendStatus(403);
  const { rows } = await pool.query('SELECT * FROM patient WHERE id = $1', [req.params.id]);
  if (!rows.length) return res.sendStatus(404);
  const merged = deepMerge(toFhir(rows[0]), req.body);
  const name = merged.name?.[0] ?? {};
  await pool.query(
    'UPDATE patient SET family_name = $1, given_name = $2, gender = $3, birth_date = $4, phone = $5, updated_at = now() WHERE id = $6',
    [name.family, name.given?.[0], merged.gender, merged.birthDate, merged.telecom?.[0]?.value ?? null, req.params.id],
  );
  await audit({ actor: req.user!.sub, action: 'update', entity: 'Patient', entityId: req.params.id, sourceIp: req.ip });
  res.json(merged);
});

export default router;
