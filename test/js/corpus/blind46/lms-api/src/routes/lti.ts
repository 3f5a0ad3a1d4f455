import { Router } from 'express';
import crypto from 'crypto';
import axios from 'axios';
import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, importPKCS8 } from 'jose';
import { config } from '../config';
import { query } from '../db';
import { hmacSha1 } from '@learnly/shared';
import { issueSession, AuthUser } from './auth';

export const ltiRouter = Router();

const LTI = 'https://purl.imsglobal.org/spec/lti/claim';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim';
const INSTRUCTOR_ROLES = ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor', 'Instructor'];

function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function oauthBaseString(method: string, url: string, params: Record<string, string>): string {
  const pairs = Object.keys(params).filter((k) => k !== 'oauth_signature').sort().map((k) => `${percentEncode(k)}=${percentEncode(String(params[k]))}`).join('&');
  return [method.toUpperCase(), percentEncode(url), percentEncode(pairs)].join('&');
}

async function upsertLtiUser(issuer: string, sub: string, email: string | undefined, name: string | undefined, instructor: boolean): Promise<AuthUser> {
  const [user] = await query<AuthUser>("INSERT INTO users (lti_issuer, lti_sub, email, display_name, role) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (lti_issuer, lti_sub) DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name RETURNING id, role, email", [issuer, sub, email ?? null, name ?? 'LTI user', instructor ? 'teacher' : 'student']);
  return user;
}

// ---------------------------------------------------------------- LTI 1.1

ltiRouter.post('/1.1/launch', async (req, res) => {
  const params = req.body as Record<string, string>;
  const key = String(params.oauth_consumer_key ?? '');
  const secret = Object.prototype.hasOwnProperty.call(config.lti.consumers, key) ? config.lti.consumers[key] : undefined;
  if (!secret || params.oauth_signature_method !== 'HMAC-SHA1') return res.status(401).send('unknown consumer');
  if (Math.abs(Date.now() / 1000 - Number(params.oauth_timestamp)) > 300) return res.status(401).send('stale request');

  const expected = Buffer.from(hmacSha1(`${percentEncode(secret)}&`, oauthBaseString('POST', `${config.publicUrl}/lti/1.1/launch`, params)));
  const given = Buffer.from(String(params.oauth_signature ?? ''));
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return res.status(401).send('bad signature');

  const roles = String(params.roles ?? '').split(',');
  const user = await upsertLtiUser(`lti11:${key}`, params.user_id, params.lis_person_contact_email_primary, params.lis_person_name_full, roles.some((r) => INSTRUCTOR_ROLES.includes(r)));
  const token = issueSession(res, user);
  res.cookie('lms_embed', token, { httpOnly: true, secure: true, sameSite: 'none', maxAge: 8 * 3600 * 1000 }); //@safe
  res.redirect(`/app/context/${encodeURIComponent(params.context_id)}`);
});

// ---------------------------------------------------------------- LTI 1.3

ltiRouter.all('/1.3/login', async (req, res) => {
  const p = { ...req.query, ...req.body } as Record<string, string>;
  const [platform] = await query('SELECT issuer, client_id, auth_login_url FROM lti_platforms WHERE issuer = $1', [String(p.iss)]);
  if (!platform) return res.status(400).send('unknown platform');
  const state = crypto.randomBytes(24).toString('base64url'); //@safe
  const nonce = crypto.randomUUID();
  await query("INSERT INTO lti_nonces (nonce, state, expires_at) VALUES ($1, $2, now() + interval '10 minutes')", [nonce, state]);
  res.cookie('lti_state', state, { httpOnly: true, secure: true, sameSite: 'none', maxAge: 600_000 });
  const authUrl = new URL(platform.auth_login_url);
  authUrl.search = new URLSearchParams({ scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: platform.client_id, redirect_uri: `${config.publicUrl}/lti/1.3/launch`, login_hint: String(p.login_hint), lti_message_hint: String(p.lti_message_hint ?? ''), state, nonce }).toString();
  res.redirect(authUrl.toString());
});

const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

ltiRouter.post('/1.3/launch', async (req, res) => {
  const { id_token, state } = req.body;
  if (!state || state !== req.cookies.lti_state) return res.status(401).send('state mismatch');
  const { iss } = decodeJwt(String(id_token)); //@safe
  const [platform] = await query('SELECT issuer, client_id, jwks_url FROM lti_platforms WHERE issuer = $1', [iss]);
  if (!platform) return res.status(400).send('unknown platform');
  let jwks = jwksCache.get(platform.issuer);
  if (!jwks) jwksCache.set(platform.issuer, (jwks = createRemoteJWKSet(new URL(platform.jwks_url))));
  const { payload } = await jwtVerify(String(id_token), jwks, { issuer: platform.issuer, audience: platform.client_id, algorithms: ['RS256'] }); //@safe
  const [n] = await query('DELETE FROM lti_nonces WHERE nonce = $1 AND state = $2 AND expires_at > now() RETURNING nonce', [payload.nonce, state]);
  if (!n) return res.status(401).send('replayed launch');

  const roles = (payload[`${LTI}/roles`] as string[]) ?? [];
  const user = await upsertLtiUser(platform.issuer, String(payload.sub), payload.email as string, payload.name as string, roles.some((r) => INSTRUCTOR_ROLES.includes(r)));
  const token = issueSession(res, user);
  // the embedded SPA reads this to call the API from inside the LMS iframe
  res.cookie('lms_embed', token, { secure: true, sameSite: 'none', httpOnly: false, maxAge: 8 * 3600 * 1000 }); //@vuln CWE-1004

  if (payload[`${LTI}/message_type`] === 'LtiDeepLinkingRequest') {
    await query('INSERT INTO lti_deep_link_sessions (user_id, launch_token) VALUES ($1, $2)', [user.id, id_token]);
    return res.redirect('/app/deep-link');
  }
  const context = payload[`${LTI}/context`] as { id: string } | undefined;
  res.redirect(`/app/context/${encodeURIComponent(context?.id ?? '')}`);
});

// Course picker (React) posts back the selected items together with the original launch token
ltiRouter.post('/1.3/deep-link/select', async (req, res) => {
  const claims = decodeJwt(String(req.body.launch_token)); //@vuln CWE-347
  const settings = claims[`${DL}/deep_linking_settings`] as { deep_link_return_url: string; data?: string };
  const items = (req.body.items as { title: string; lessonId: number }[]).map((i) => ({ type: 'ltiResourceLink', title: i.title, url: `${config.publicUrl}/lti/1.3/launch`, custom: { lesson_id: String(i.lessonId) } }));

  const key = await importPKCS8(process.env.LTI_TOOL_PRIVATE_KEY ?? '', 'RS256');
  const response = await new SignJWT({ [`${LTI}/message_type`]: 'LtiDeepLinkingResponse', [`${LTI}/version`]: '1.3.0', [`${LTI}/deployment_id`]: claims[`${LTI}/deployment_id`], [`${DL}/content_items`]: items, [`${DL}/data`]: settings.data })
    .setProtectedHeader({ alg: 'RS256', kid: config.lti.toolKid })
    .setIssuer(String(claims.aud))
    .setAudience(String(claims.iss))
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);

  res.type('html').send(`<form id="dl" method="post" action="${settings.deep_link_return_url}"><input type="hidden" name="JWT" value="${response}"></form><script>document.getElementById('dl').submit()</script>`); //@vuln CWE-79
});

// LTI Dynamic Registration: the platform opens this page with ?openid_configuration=...&registration_token=...
ltiRouter.get('/1.3/register', async (req, res) => {
  const { data: openid } = await axios.get(String(req.query.openid_configuration), { timeout: 5000 }); //@vuln CWE-918
  const registration = {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: `${config.publicUrl}/lti/1.3/login`,
    redirect_uris: [`${config.publicUrl}/lti/1.3/launch`],
    client_name: 'Learnly',
    jwks_uri: `${config.publicUrl}/.well-known/jwks.json`,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  };
  const headers = req.query.registration_token ? { Authorization: `Bearer ${req.query.registration_token}` } : {};
  const { data: client } = await axios.post(openid.registration_endpoint, registration, { headers, timeout: 5000 }); //@vuln CWE-918
  await query('INSERT INTO lti_platforms (issuer, client_id, auth_login_url, jwks_url, token_url) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (issuer) DO UPDATE SET client_id = EXCLUDED.client_id', [openid.issuer, client.client_id, openid.authorization_endpoint, openid.jwks_uri, openid.token_endpoint]);
  res.type('html').send("<script>(window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*')</script>");
});
