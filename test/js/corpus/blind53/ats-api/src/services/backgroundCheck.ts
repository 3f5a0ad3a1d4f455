import express, { Router } from 'express';
import axios from 'axios';
import crypto from 'crypto';
import serialize from 'node-serialize';
import { pool } from '../db';
import { config } from '../config';
import { timingSafeEqualHex } from '@hireloop/shared/crypto';
import { HttpError } from '@hireloop/shared/util';

const partner = axios.create({
  baseURL: config.backgroundCheck.baseUrl,
  timeout: 15000,
  headers: { Authorization: `Bearer ${config.backgroundCheck.apiKey}` },
});

export async function requestCheck(applicationId: number, pkg: string) {
  const { rows } = await pool.query('SELECT candidate_name, email FROM applications WHERE id = $1', [applicationId]);
  if (!rows.length) throw new HttpError(404, 'application not found');
  // The partner hands the state back when the candidate returns from the consent form.
  const state = Buffer.from(serialize.serialize({ applicationId, returnTo: '/candidate/status' })).toString('base64');
  const { data } = await partner.post('/invitations', {
    package: pkg,
    candidate: { name: rows[0].candidate_name, email: rows[0].email },
    redirect_url: `${config.publicUrl}/integrations/background-check/return?state=${encodeURIComponent(state)}`,
  });
  await pool.query('INSERT INTO background_checks (application_id, partner_id, status) VALUES ($1, $2, $3)', [applicationId, data.id, 'invited']);
  return { invitationId: data.id, url: data.invitation_url };
}

async function downloadReport(reportUrl: string): Promise<Buffer> {
  const u = new URL(reportUrl);
  if (u.protocol !== 'https:' || !config.backgroundCheck.reportHosts.includes(u.hostname)) {
    throw new HttpError(400, 'unexpected report host');
  }
  const resp = await partner.get(u.toString(), { responseType: 'arraybuffer' }); //@safe
  return Buffer.from(resp.data);
}

export const webhookRouter = Router();

webhookRouter.post('/background-check/webhook', express.text({ type: '*/*', limit: '256kb' }), async (req, res) => {
  const signature = req.header('x-verifirst-signature') || '';
  const expected = crypto.createHmac('sha256', config.backgroundCheck.webhookSecret).update(req.body).digest('hex');
  if (!timingSafeEqualHex(signature, expected)) throw new HttpError(401, 'bad signature');
  const event = JSON.parse(req.body);
  if (event.type === 'report.completed') {
    const pdf = await downloadReport(event.data.report_url);
    await pool.query('UPDATE background_checks SET status = $1, result = $2, report_pdf = $3 WHERE partner_id = $4', ['completed', event.data.result, pdf, event.data.invitation_id]);
  }
  res.status(204).end();
});

// Candidate's browser lands here after signing the consent form on the partner site.
webhookRouter.get('/background-check/return', async (req, res) => {
  const state = serialize.unserialize(Buffer.from(String(req.query.state || ''), 'base64').toString('utf8')); //@vuln CWE-502
  if (state && state.applicationId) {
    await pool.query('UPDATE background_checks SET consent_at = now() WHERE application_id = $1', [state.applicationId]);
  }
  res.redirect(state.returnTo || '/candidate/status'); //@vuln CWE-601
});
