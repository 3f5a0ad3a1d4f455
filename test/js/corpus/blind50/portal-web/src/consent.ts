import fs from 'fs';
import path from 'path';
import { Router } from 'express';
import Handlebars from 'handlebars';
import ejs from 'ejs';
import { pgPool } from '../../common/src/db';
import { documentDigest } from '../../common/src/crypto';
import { escapeHtml, layout, readUpload, requireRole } from '../../common/src/util';
import { audit } from '../../common/src/audit';

const router = Router();
const pool = pgPool('portal');
const FORMS_DIR = path.join(__dirname, '..', 'forms');
const FORM_IDS = new Set(['general-treatment', 'telehealth', 'hipaa-notice', 'minor-guardian', 'research-optin']);
const SAMPLE_PATIENT = { given: 'Jordan', family: 'Sample', birthDate: '1980-01-01', mrn: 'MRN000000' };

const compiled = new Map<string, HandlebarsTemplateDelegate>();

async function formTemplate(formId: string): Promise<HandlebarsTemplateDelegate> {
  let tpl = compiled.get(formId);
  if (!tpl) {
    const src = await fs.promises.readFile(path.join(FORMS_DIR, `${formId}.hbs`), 'utf8');
    tpl = Handlebars.compile(src); //@safe
    compiled.set(formId, tpl);
  }
  return tpl;
}

async function patientFor(req: any) {
  const { rows } = await pool.query('SELECT id, given_name AS given, family_name AS family, birth_date AS "birthDate", mrn FROM patient WHERE id = $1', [req.session.user.patientId]);
  return rows[0];
}

router.get('/:formId', async (req, res) => {
  if (!FORM_IDS.has(req.params.formId)) return res.sendStatus(404);
  const tpl = await formTemplate(req.params.formId);
  const patient = await patientFor(req);
  res.send(layout('Consent', tpl({ patient, today: new Date().toLocaleDateString('en-US'), formId: req.params.formId })));
});

router.post('/:formId/sign', async (req, res) => {
  if (!FORM_IDS.has(req.params.formId)) return res.sendStatus(404);
  const patient = await patientFor(req);
  const signatureName = String(req.body.signatureName || '').trim();
  const guardianName = req.body.guardianName ? String(req.body.guardianName).trim() : null;
  if (!signatureName) return res.status(400).send('Signature required');
  const html = (await formTemplate(req.params.formId))({ patient, signatureName, guardianName, today: new Date().toLocaleDateString('en-US') });
  const digest = documentDigest(Buffer.from(html, 'utf8'));
  await pool.query('INSERT INTO consent_signature (patient_id, form_id, signed_name, guardian_name, digest, signed_at, ip) VALUES ($1, $2, $3, $4, $5, now(), $6)', [patient.id, req.params.formId, signatureName, guardianName, digest, req.ip]);
  await audit({ actor: (req.session as any).user.id, action: 'consent.sign', entity: 'consent', entityId: req.params.formId, sourceIp: req.ip });
  res.send(layout('Thank you', `<p>Thank you, ${signatureName}. Your consent for <b>${escapeHtml(req.params.formId)}</b> has been recorded.</p>`)); //@vuln CWE-79
});

// Scanned paper consents uploaded by the front desk: /consent/scans/<file>
router.get('/scans/:file', requireRole('front_desk', 'practitioner', 'admin'), async (req, res) => {
  const buf = await readUpload(`consents/${req.params.file}`);
  res.type('application/pdf').send(buf);
});

// Clinic managers can preview custom wording before sending it to compliance for approval.
router.post('/custom/preview', requireRole('clinic_admin'), (req, res) => {
  const clinic = (req.session as any).user.clinicId;
  const html = ejs.render(String(req.body.template || ''), { patient: SAMPLE_PATIENT, clinic, today: new Date().toLocaleDateString('en-US') }); //@vuln CWE-1336|CWE-94
  res.send(layout('Preview', html));
});

export default router;
