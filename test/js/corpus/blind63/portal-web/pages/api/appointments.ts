import type { NextApiRequest, NextApiResponse } from 'next';
import { pool, listPatientAppointments, listUpcomingAppointments, recordAccess } from '../../lib/db';
import { readDelegatedSession } from '../../lib/session';

type AppointmentQuery = { sort?: string; dir?: string; view?: string; id?: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = readDelegatedSession(req);
  if (!session) return res.status(401).json({ error: 'unauthenticated' });

  switch (req.method) {
    case 'GET': {
      const { sort = 'starts_at', dir = 'ASC', view } = req.query as AppointmentQuery;
      const rows =
        view === 'upcoming'
          ? await listUpcomingAppointments(session.sub, sort)
          : await listPatientAppointments(session.sub, sort, dir);
      await recordAccess(session.sub, session.name, 'appointments');
      return res.status(200).json(rows);
    }

    case 'POST': {
      const { providerId, startsAt, clinic, reason } = req.body ?? {};
      if (!providerId || !startsAt) {
        return res.status(400).json({ error: 'providerId and startsAt are required' });
      }
      const { rows } = await pool.query(  //@safe
        `INSERT INTO appointments (patient_id, provider_id, starts_at, clinic, reason, status)
         VALUES ($1, $2, $3, $4, $5, 'booked') RETURNING id`,
        [session.sub, providerId, startsAt, clinic ?? null, reason ?? null],
      );
      return res.status(201).json({ id: rows[0].id });
    }

    case 'PATCH': {
      const { id } = req.query as AppointmentQuery;
      const { note } = req.body ?? {};
      await pool.query(  //@vuln CWE-89
        "UPDATE appointments SET patient_note = '" + note + "', updated_at = now() WHERE id = $1 AND patient_id = $2",
        [id, session.sub],
      );
      return res.status(204).end();
    }

    case 'DELETE': {
      const id = String(req.query.id);
      const result = await pool.query(`UPDATE appointments SET status = 'cancelled' WHERE id = '${id}' AND patient_id = '${session.sub}'`);  //@vuln CWE-89
      if (result.rowCount === 0) return res.status(404).json({ error: 'not found' });
      await recordAccess(session.sub, session.name, `appointments:${id}:cancel`);
      return res.status(204).end();
    }

    default:
      res.setHeader('Allow', 'GET, POST, PATCH, DELETE');
      return res.status(405).end();
  }
}
