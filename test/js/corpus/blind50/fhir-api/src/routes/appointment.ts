import { Router, Response } from 'express';
import { pgPool } from '../../../common/src/db';
import { bundle, operationOutcome } from '../../../common/src/util';
import { audit } from '../../../common/src/audit';
import type { AuthedRequest } from '../middleware/auth';

const router = Router();
const pool = pgPool('fhir');

const STATUSES = ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow'];
const RETURN_PAGES: Record<string, string> = { dashboard: '/portal/dashboard', appointments: '/portal/appointments', checkin: '/kiosk/checkin/done' };

function toFhir(r: any) {
  const participant = [`Patient/${r.patient_id}`, `Practitioner/${r.practitioner_id}`].map((reference) => ({ actor: { reference }, status: 'accepted' }));
  return { resourceType: 'Appointment', id: r.id, status: r.status, serviceType: [{ text: r.service_type }], start: r.start_time, end: r.end_time, comment: r.notes, participant };
}

router.get('/', async (req: AuthedRequest, res: Response) => {
  const date = String(req.query.date || new Date().toISOString().slice(0, 10));
  if (req.user?.role === 'patient') {
    const { rows } = await pool.query('SELECT * FROM appointment WHERE patient_id = $1 AND start_time::date >= $2 ORDER BY start_time', [req.user.patientId, date]);
    return res.json(bundle(rows.map(toFhir)));
  }
  const practitioner = req.query.practitioner ? String(req.query.practitioner).replace('Practitioner/', '') : null;
  const practitionerClause = practitioner ? `AND practitioner_id = ${practitioner}` : '';
  const { rows } = await pool.query(`SELECT * FROM appointment WHERE clinic_id = $1 AND start_time::date = $2 ${practitionerClause} ORDER BY start_time`, [req.user!.clinicId, date]); //@vuln CWE-89
  res.json(bundle(rows.map(toFhir)));
});

// Worklist for front desk: ?status=arrived (defaults to booked)
router.get('/_worklist', async (req: AuthedRequest, res: Response) => {
  const wanted = String(req.query.status || 'booked');
  const status = STATUSES.includes(wanted) ? wanted : 'booked';
  const { rows } = await pool.query(`SELECT * FROM appointment WHERE clinic_id = $1 AND status = '${status}' AND start_time::date = current_date ORDER BY start_time`, [req.user!.clinicId]); //@safe
  res.json(bundle(rows.map(toFhir)));
});

// Free slots, optionally filtered by a comma-separated serviceType list.
router.get('/_slots', async (req: AuthedRequest, res: Response) => {
  const services = req.query['service-type'] ? String(req.query['service-type']).split(',') : [];
  const serviceClause = services.length ? `AND s.service_type IN (${services.map((s) => `'${s.trim()}'`).join(',')})` : '';
  const { rows } = await pool.query(`SELECT s.id, s.start_time, s.end_time, s.service_type, s.practitioner_id FROM slot s WHERE s.clinic_id = $1 AND s.status = 'free' AND s.start_time > now() ${serviceClause} ORDER BY s.start_time LIMIT 100`, [req.user!.clinicId]); //@vuln CWE-89
  res.json(bundle(rows.map((s) => ({ resourceType: 'Slot', id: s.id, start: s.start_time, end: s.end_time, serviceType: [{ text: s.service_type }] }))));
});

// POST /fhir/Appointment/$book  { slotId, patientId?, notes }  (form post from portal and kiosk)
router.post('/\\$book', async (req: AuthedRequest, res: Response) => {
  const client = await pool.connect();
  try {
    const patientId = req.user?.role === 'patient' ? req.user.patientId : String(req.body.patientId);
    await client.query('BEGIN');
    const slot = await client.query("SELECT * FROM slot WHERE id = $1 AND status = 'free' FOR UPDATE", [req.body.slotId]);
    if (!slot.rows.length) {
      await client.query('ROLLBACK');
      return res.status(409).json(operationOutcome('error', 'conflict', 'slot no longer available'));
    }
    const s = slot.rows[0];
    const ins = await client.query("INSERT INTO appointment (clinic_id, patient_id, practitioner_id, service_type, start_time, end_time, status, notes) VALUES ($1, $2, $3, $4, $5, $6, 'booked', $7) RETURNING *", [s.clinic_id, patientId, s.practitioner_id, s.service_type, s.start_time, s.end_time, req.body.notes || null]); //@safe
    await client.query("UPDATE slot SET status = 'busy' WHERE id = $1", [s.id]);
    await client.query('COMMIT');
    await audit({ actor: req.user!.sub, action: 'book', entity: 'Appointment', entityId: ins.rows[0].id, sourceIp: req.ip });

    if (req.query.returnTo) {
      return res.redirect(303, String(req.query.returnTo)); //@vuln CWE-601
    }
    res.status(201).json(toFhir(ins.rows[0]));
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
});

router.post('/:id/\\$cancel', async (req: AuthedRequest, res: Response) => {
  const { rows } = await pool.query('SELECT * FROM appointment WHERE id = $1', [req.params.id]);
  if (!rows.length) return res.sendStatus(404);
  const appt = rows[0];
  if (req.user?.role === 'patient' && appt.patient_id !== req.user.patientId) return res.sendStatus(403);
  await pool.query("UPDATE appointment SET status = 'cancelled', cancel_reason = $1 WHERE id = $2", [String(req.body.reason || ''), appt.id]);
  await pool.query("UPDATE slot SET status = 'free' WHERE practitioner_id = $1 AND start_time = $2", [appt.practitioner_id, appt.start_time]);
  await audit({ actor: req.user!.sub, action: 'cancel', entity: 'Appointment', entityId: appt.id, sourceIp: req.ip });
  const page = String(req.query.page || 'appointments');
  res.redirect(303, Object.hasOwn(RETURN_PAGES, page) ? RETURN_PAGES[page] : RETURN_PAGES.appointments); //@safe
});

export default router;
