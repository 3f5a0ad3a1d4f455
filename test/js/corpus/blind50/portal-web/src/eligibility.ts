import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFile } from 'child_process';
import { Router } from 'express';
import axios from 'axios';
import libxmljs from 'libxmljs2';
import { pgPool } from '../../common/src/db';
import { partnerAgent, partnerClient, downloadToBuffer } from '../../common/src/http';
import { audit } from '../../common/src/audit';

const router = Router();
const pool = pgPool('portal');

interface Payer {
  name: string;
  baseUrl: string;
  apiKey?: string;
  apiKeyEnv?: string;
}

const PAYERS: Record<string, Payer> = {
  aetna: { name: 'Aetna', baseUrl: 'https://api.aetna-partner.example/eligibility/v2', apiKeyEnv: 'AETNA_API_KEY' },
  'bcbs-tx': { name: 'BCBS Texas', baseUrl: 'https://eligibility.bcbstx-partner.example/api', apiKeyEnv: 'BCBSTX_API_KEY' },
  uhc: { name: 'UnitedHealthcare', baseUrl: 'https://x12.uhc-partner.example/api/v1', apiKey: 'uhc_live_7f3a9c1e5b2d4f6a8c0e4b1d' }, //@vuln CWE-798
};

async function loadCoverage(patientId: string) {
  const { rows } = await pool.query('SELECT p.id, p.given_name, p.family_name, p.birth_date, c.member_id, c.group_no, c.payer_id FROM patient p JOIN coverage c ON c.patient_id = p.id WHERE p.id = $1 AND c.active', [patientId]);
  return rows[0];
}

function summarize271(xml: string) {
  const doc = libxmljs.parseXml(xml); //@safe
  return {
    active: doc.get('//EligibilityStatus')?.text() === 'Active',
    planName: doc.get('//PlanName')?.text() ?? null,
    copay: doc.get('//Copay/Amount')?.text() ?? null,
    deductibleRemaining: doc.get('//Deductible/Remaining')?.text() ?? null,
  };
}

router.post('/check', async (req, res) => {
  const cov = await loadCoverage(String(req.body.patientId));
  if (!cov) return res.status(404).json({ error: 'no active coverage on file' });
  if (!Object.hasOwn(PAYERS, cov.payer_id)) return res.status(400).json({ error: 'payer not integrated; use manual check' });
  const payer = PAYERS[cov.payer_id];
  const client = partnerClient(payer.baseUrl, payer.apiKey ?? (process.env[payer.apiKeyEnv as string] as string));
  const resp = await client.post('/inquiry', { memberId: cov.member_id, groupNumber: cov.group_no, firstName: cov.given_name, lastName: cov.family_name, dob: cov.birth_date, serviceType: '30' }, { responseType: 'text' }); //@safe
  const summary = summarize271(resp.data);
  await pool.query('INSERT INTO eligibility_check (patient_id, payer_id, result, checked_at) VALUES ($1, $2, $3, now())', [cov.id, cov.payer_id, JSON.stringify(summary)]);
  await audit({ actor: (req.session as any).user.id, action: 'eligibility.check', entity: 'patient', entityId: cov.id, sourceIp: req.ip });
  res.json({ payer: payer.name, ...summary });
});

// Smaller payers: front desk pastes the payer's eligibility endpoint from the payer's provider portal.
router.post('/check-manual', async (req, res) => {
  const cov = await loadCoverage(String(req.body.patientId));
  if (!cov) return res.status(404).json({ error: 'no active coverage on file' });
  const resp = await axios.post(String(req.body.endpoint), { memberId: cov.member_id, dob: cov.birth_date, lastName: cov.family_name }, { httpsAgent: partnerAgent, responseType: 'text', timeout: 15000 }); //@vuln CWE-918
  res.json(summarize271(resp.data));
});

// Insurance card photo: either uploaded via the mobile app (URL to our CDN) or a link the patient pastes.
router.post('/card', async (req, res) => {
  const img = await downloadToBuffer(String(req.body.cardImageUrl));
  const tmpDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'card-'));
  const imgPath = path.join(tmpDir, 'card.png');
  await fs.promises.writeFile(imgPath, img);
  execFile('tesseract', [imgPath, 'stdout', '--psm', '6'], { timeout: 20000 }, async (err, stdout) => { //@safe
    await fs.promises.rm(tmpDir, { recursive: true, force: true });
    if (err) return next(err);
    const memberId = /Member\s*ID[:\s]+([A-Z0-9]{6,20})/i.exec(stdout)?.[1] ?? null;
    const group = /Group[^:\n]*[:\s]+([A-Z0-9-]{3,15})/i.exec(stdout)?.[1] ?? null;
    res.json({ memberId, group, raw: stdout.slice(0, 2000) });
  });
});

export default router;
