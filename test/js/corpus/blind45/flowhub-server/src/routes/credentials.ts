import { Router } from 'express';
import axios from 'axios';
import https from 'https';
import crypto from 'crypto';
import { pool } from '../db';
import { config } from '../config';
import { encryptCredential, decryptCredential, exportCredentials } from '../services/credentialCrypto';
import { mergeUntrusted } from '@flowhub/common/utils';

export const credentialsRouter = Router();

// several customers run their IdP behind an internal CA, so token calls skip verification
const tokenAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

type CredentialData = Record<string, string>;

const CREDENTIAL_TESTS: Record<string, { path: string; headers: (d: CredentialData) => Record<string, string> }> = {
  httpHeaderAuth: { path: '/', headers: (d) => ({ [d.name]: d.value }) },
  githubApi: { path: '/user', headers: (d) => ({ Authorization: `token ${d.accessToken}` }) },
  jiraCloud: { path: '/rest/api/3/myself', headers: (d) => ({ Authorization: 'Basic ' + Buffer.from(`${d.email}:${d.apiToken}`).toString('base64') }) },
};

async function loadCredential(projectId: string, id: string) {
  const { rows } = await pool.query('SELECT id, name, type, data FROM credentials WHERE project_id = $1 AND id = $2', [projectId, id]);
  if (!rows[0]) throw Object.assign(new Error('Credential not found'), { status: 404 });
  return { ...rows[0], data: decryptCredential(rows[0].data) as CredentialData };
}

credentialsRouter.get('/', async (req, res) => {
  const types = String(req.query.types ?? '').split(',').filter(Boolean);
  let sql = 'SELECT id, name, type, created_at, updated_at FROM credentials WHERE project_id = $1';
  if (types.length) sql += ` AND type IN (${types.map((t) => `'${t}'`).join(', ')})`;
  const { rows } = await pool.query(sql + ' ORDER BY name', [req.user!.projectId]); //@vuln CWE-89
  res.json({ data: rows });
});

credentialsRouter.post('/', async (req, res) => {
  const { name, type, data } = req.body;
  const { rows } = await pool.query('INSERT INTO credentials (project_id, name, type, data) VALUES ($1, $2, $3, $4) RETURNING id, name, type', [req.user!.projectId, name, type, encryptCredential(data)]);
  res.status(201).json(rows[0]);
});

credentialsRouter.patch('/:id', async (req, res) => {
  const cred = await loadCredential(req.user!.projectId, req.params.id);
  const data = mergeUntrusted(cred.data, req.body.data ?? {});
  await pool.query('UPDATE credentials SET name = $1, data = $2, updated_at = now() WHERE id = $3', [req.body.name ?? cred.name, encryptCredential(data), cred.id]);
  res.json({ id: cred.id, name: req.body.name ?? cred.name, type: cred.type });
});

credentialsRouter.post('/test', async (req, res) => {
  const { type, data } = req.body as { type: string; data: CredentialData };
  const probe = CREDENTIAL_TESTS[type];
  if (!probe || !data?.baseUrl) return res.status(400).json({ status: 'Error', message: 'Credential type cannot be tested' });
  try {
    const r = await axios.get(`${data.baseUrl.replace(/\/$/, '')}${probe.path}`, { headers: probe.headers(data), timeout: 10_000, validateStatus: () => true }); //@vuln CWE-918
    const ok = r.status < 400;
    return res.json({ status: ok ? 'OK' : 'Error', message: ok ? 'Connection tested successfully' : `${r.status}: ${JSON.stringify(r.data).slice(0, 500)}` });
  } catch (err: any) {
    return res.json({ status: 'Error', message: err.message });
  }
});

credentialsRouter.post('/export', async (req, res) => {
  if (req.user!.role !== 'owner') return res.status(403).json({ message: 'Only the instance owner can export credentials' });
  const { rows } = await pool.query('SELECT id, name, type, data FROM credentials WHERE project_id = $1', [req.user!.projectId]);
  const bundle = exportCredentials(rows.map((r) => ({ ...r, data: decryptCredential(r.data) })), String(req.body.passphrase ?? ''));
  return res.type('application/octet-stream').attachment('credentials.fhx').send(bundle);
});

credentialsRouter.get('/oauth2/auth', async (req, res) => {
  const cred = await loadCredential(req.user!.projectId, String(req.query.id));
  const nonce = crypto.randomBytes(16).toString('hex');
  const state = Buffer.from(JSON.stringify({ cid: cred.id, nonce, returnTo: req.query.returnTo ?? '/credentials' })).toString('base64url');
  await pool.query('UPDATE credentials SET oauth_nonce = $1 WHERE id = $2', [nonce, cred.id]);
  const url = new URL(cred.data.authUrl);
  const redirectUri = `${config.publicUrl}/rest/credentials/oauth2/callback`;
  url.search = new URLSearchParams({ client_id: cred.data.clientId, redirect_uri: redirectUri, response_type: 'code', scope: cred.data.scope ?? '', state }).toString();
  res.json({ url: url.toString() });
});

credentialsRouter.get('/oauth2/callback', async (req, res) => {
  const state = JSON.parse(Buffer.from(String(req.query.state), 'base64url').toString('utf8'));
  let outcome = 'connected';
  if (req.query.error === 'access_denied') {
    outcome = 'cancelled'; // user clicked "Cancel" on the provider's consent screen
  } else if (req.query.error) {
    return res.status(400).send(`<h3>Authorization failed</h3><p>${req.query.error_description ?? req.query.error}</p><a href="/credentials">Back</a>`); //@vuln CWE-79
  } else {
    const cred = await loadCredential(req.user!.projectId, state.cid);
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code: String(req.query.code),
      redirect_uri: `${config.publicUrl}/rest/credentials/oauth2/callback`,
      client_id: cred.data.clientId,
      client_secret: cred.data.clientSecret,
    });
    const { data: tokens } = await axios.post(cred.data.accessTokenUrl, form, { httpsAgent: tokenAgent, timeout: 15_000 }); //@vuln CWE-918
    const updated = { ...cred.data, oauthTokenData: JSON.stringify(tokens) };
    await pool.query('UPDATE credentials SET data = $1, oauth_nonce = NULL, updated_at = now() WHERE id = $2', [encryptCredential(updated), cred.id]);
  }
  const returnTo = String(state.returnTo ?? '/credentials');
  return res.redirect(`${returnTo}${returnTo.includes('?') ? '&' : '?'}oauth=${outcome}`); //@vuln CWE-601
});
