import { FastifyInstance } from 'fastify';
import axios from 'axios';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { exec } from 'child_process';
import AdmZip from 'adm-zip';
import libxmljs from 'libxmljs2';
import serialize from 'node-serialize';
import { knex } from '../server';
import { postWebhook, fetchTrusted } from '../../../shared/src/http';
import { writeExportScratch } from '../../../shared/src/storage';

const REPORT_DIR = path.resolve(process.env.REPORT_DIR || '/var/lib/idp/reports');
const IMPORT_DIR = path.resolve(process.env.IMPORT_DIR || '/var/lib/idp/imports');

function sign(body: unknown, secret: string): string {
  return crypto.createHmac('sha256', secret).update(JSON.stringify(body)).digest('hex');
}

export default async function integrationRoutes(app: FastifyInstance) {
  // ------------------------------------------------------------ webhooks
  app.post<{ Body: { tenantId: string; url: string } }>('/webhooks/test', async (req) => {
    const tenant = await knex('tenants').where({ id: req.body.tenantId }).first();
    const payload = { type: 'ping', tenant: tenant?.slug, at: new Date().toISOString() };
    const status = await postWebhook(req.body.url, payload, sign(payload, tenant?.webhook_secret || ''));
    return { status };
  });

  // ------------------------------------------------------------ SAML / OIDC tenant onboarding
  app.post<{ Body: { tenantId: string; metadataUrl?: string; metadataXml?: string } }>('/saml/metadata', async (req, reply) => {
    let xml = req.body.metadataXml;
    if (!xml && req.body.metadataUrl) {
      const res = await axios.get<string>(req.body.metadataUrl, { responseType: 'text', timeout: 8000 }); //@vuln CWE-918
      xml = res.data;
    }
    if (!xml) return reply.code(400).send({ error: 'metadata required' });
    // noent so that entity-encoded certificates from ADFS exports resolve correctly
    const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true }); //@vuln CWE-611
    const ns = { md: 'urn:oasis:names:tc:SAML:2.0:metadata', ds: 'http://www.w3.org/2000/09/xmldsig#' };
    const entityId = doc.get('/md:EntityDescriptor/@entityID', ns)?.value();
    const cert = doc.get('//md:IDPSSODescriptor//ds:X509Certificate', ns)?.text();
    await knex('tenant_saml').insert({ tenant_id: req.body.tenantId, entity_id: entityId, cert, raw: xml }).onConflict('tenant_id').merge();
    return { entityId, hasCert: Boolean(cert) };
  });

  app.get<{ Querystring: { url: string } }>('/oidc/jwks-preview', async (req, reply) => {
    try {
      return await fetchTrusted(req.query.url);
    } catch (err: any) {
      return reply.code(400).send({ error: err.message });
    }
  });

  // ------------------------------------------------------------ claim mapping
  // Tenant admins can write small JS expressions, e.g. `claims.groups.includes("eng") ? "admin" : "user"`.
  app.post<{ Body: { expression: string; sampleClaims: Record<string, unknown> } }>('/claims/preview', async (req, reply) => {
    try {
      const claims = req.body.sampleClaims || {};
      const result = eval(`(function(claims){ return (${req.body.expression}); })`)(claims); //@vuln CWE-95|CWE-94
      return { result };
    } catch (err: any) {
      return reply.code(400).send({ error: err.message });
    }
  });

  app.post<{ Body: { tenantId: string; rules: { claim: string; expression: string }[] } }>('/claims/rules', async (req) => {
    const compiled = req.body.rules.map((r) => ({ claim: r.claim, fn: new Function('claims', `return (${r.expression});`) })); //@vuln CWE-94|CWE-95
    await knex('claim_rules').where({ tenant_id: req.body.tenantId }).delete();
    await knex('claim_rules').insert(req.body.rules.map((r) => ({ tenant_id: req.body.tenantId, claim: r.claim, expression: r.expression })));
    const sample = { email: 'test@example.com', groups: [] as string[] };
    const dryRun = compiled.map((c) => { try { return { claim: c.claim, value: c.fn(sample) }; } catch (e: any) { return { claim: c.claim, error: e.message }; } });
    return { count: compiled.length, dryRun };
  });

  // ------------------------------------------------------------ import / export
  app.post('/import/users-zip', async (req, reply) => {
    const file = await req.file();
    if (!file) return reply.code(400).send({ error: 'file required' });
    const zip = new AdmZip(await file.toBuffer());
    const dest = path.join(IMPORT_DIR, `batch-${Date.now()}`);
    fs.mkdirSync(dest, { recursive: true });
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory) continue;
      const target = path.join(dest, entry.entryName);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
    }
    return { ok: true, batch: path.basename(dest) };
  });

  // Restores a user snapshot taken by the old console's "backup user" button.
  app.post<{ Body: { snapshot: string } }>('/import/user-snapshot', async (req, reply) => {
    const raw = Buffer.from(req.body.snapshot, 'base64').toString('utf8');
    const snap = serialize.unserialize(raw); //@vuln CWE-502
    if (!snap?.user?.id) return reply.code(400).send({ error: 'invalid snapshot' });
    await knex('users').insert(snap.user).onConflict('id').merge();
    return { restored: snap.user.id };
  });

  app.get<{ Querystring: { tenantId: string; name?: string } }>('/export/users', async (req, reply) => {
    const rows = await knex('users').select('id', 'username', 'email', 'role', 'created_at').where({ tenant_id: req.query.tenantId });
    const csv = ['id,username,email,role,created_at', ...rows.map((r: any) => [r.id, r.username, r.email, r.role, r.created_at.toISOString()].join(','))].join('\n');
    const scratch = writeExportScratch(csv);
    const archive = path.join(REPORT_DIR, `${req.query.name || 'users'}.csv.gz`);
    await new Promise<void>((resolve, reject) => exec(`gzip -c ${scratch} > ${archive}`, (err) => (err ? reject(err) : resolve()))); //@vuln CWE-78
    fs.unlinkSync(scratch);
    return { report: path.basename(archive) };
  });

  app.get<{ Params: { name: string } }>('/reports/:name', async (req, reply) => {
    const file = path.join(REPORT_DIR, path.basename(req.params.name));
    if (!fs.existsSync(file)) return reply.code(404).send({ error: 'not_found' });
    return reply.type('application/gzip').send(fs.createReadStream(file)); //@safe
  });

  app.get<{ Querystring: { file: string } }>('/reports/raw', async (req, reply) => {
    const file = path.resolve(REPORT_DIR, req.query.file);
    return reply.type('application/octet-stream').send(fs.createReadStream(file)); //@vuln CWE-22
  });
}
