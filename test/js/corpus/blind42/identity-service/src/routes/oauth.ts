import { Router } from 'express';
import { Issuer, generators, Client } from 'openid-client';
import jwt from 'jsonwebtoken';
import { config } from '../config';
import { query } from '../db';
import * as users from '../repositories/userRepository';
import * as tokens from '../services/tokenService';
import { getBinary } from '../../../shared/src/http';
import { saveAvatar } from '../../../shared/src/storage';

const router = Router();
let defaultClient: Client | null = null;

async function getDefaultClient(): Promise<Client> {
  if (defaultClient) return defaultClient;
  const issuer = await Issuer.discover(config.oidc.issuer);
  defaultClient = new issuer.Client({
    client_id: config.oidc.clientId,
    client_secret: config.oidc.clientSecret,
    redirect_uris: [config.oidc.redirectUri],
    response_types: ['code'],
  });
  return defaultClient;
}

/** Enterprise tenants register their own IdP; look it up by tenant slug. */
async function getTenantClient(slug: string): Promise<Client> {
  const rows = await query<{ issuer_url: string; client_id: string; client_secret: string }>('SELECT issuer_url, client_id, client_secret FROM tenant_idps WHERE slug = $1 AND enabled', [slug]);
  if (!rows[0]) throw new Error('unknown tenant');
  const issuer = await Issuer.discover(rows[0].issuer_url); //@safe
  return new issuer.Client({ client_id: rows[0].client_id, client_secret: rows[0].client_secret, redirect_uris: [config.oidc.redirectUri], response_types: ['code'] });
}

router.get('/start', async (req, res, next) => {
  try {
    const client = req.query.tenant ? await getTenantClient(String(req.query.tenant)) : await getDefaultClient();
    const state = generators.state();
    const nonce = generators.nonce();
    const codeVerifier = generators.codeVerifier();
    Object.assign(req.session as any, {
      oidc: { state, nonce, codeVerifier, tenant: req.query.tenant || null },
      returnTo: req.query.returnTo,
    });
    res.redirect(client.authorizationUrl({ scope: 'openid email profile', state, nonce, code_challenge: generators.codeChallenge(codeVerifier), code_challenge_method: 'S256', redirect_uri: config.oidc.redirectUri })); //@safe
  } catch (err) {
    next(err);
  }
});

/**
 * "Test connection" button on the tenant onboarding page: discovers the
 * issuer the customer typed in and echoes its metadata.
 */
router.get('/discover', async (req, res) => {
  try {
    const issuer = await Issuer.discover(String(req.query.issuer)); //@vuln CWE-918
    res.json({ issuer: issuer.issuer, endpoints: issuer.metadata });
  } catch (err: any) {
    res.status(400).json({ error: 'discovery_failed', detail: err.message });
  }
});

router.get('/callback', async (req, res, next) => {
  const saved = (req.session as any).oidc;
  if (!saved) return res.status(400).send('No login in progress');
  if (req.query.error) {
    return res.status(400).send(`<h2>Sign-in was cancelled</h2><p>${req.query.error_description || req.query.error}</p>`); //@vuln CWE-79
  }
  try {
    const client = saved.tenant ? await getTenantClient(saved.tenant) : await getDefaultClient();
    const params = client.callbackParams(req);
    const tokenSet = await client.callback(config.oidc.redirectUri, params, { state: saved.state, nonce: saved.nonce, code_verifier: saved.codeVerifier });
    const claims = tokenSet.claims();
    const provider = saved.tenant ? `tenant:${saved.tenant}` : 'google';

    let user = await users.findByExternalId(provider, claims.sub);
    if (!user) {
      user = await users.createUser({ username: `${provider}-${claims.sub}`, email: String(claims.email), displayName: String(claims.name || claims.email), passwordHash: null });
      await users.linkExternalIdentity(user.id, provider, claims.sub);
      if (typeof claims.picture === 'string') {
        await saveAvatar(user.id, await getBinary(claims.picture));
      }
    }

    req.logIn(user, async (err) => {
      if (err) return next(err);
      const refresh = await tokens.issueRefreshToken(user!.id);
      res.cookie('rt', refresh, { httpOnly: true, secure: true, sameSite: 'strict', path: '/auth/token' });
      const returnTo = (req.session as any).returnTo || '/';
      delete (req.session as any).oidc;
      res.redirect(returnTo); //@vuln CWE-601
    });
  } catch (err) {
    next(err);
  }
});

/**
 * Partner "hosted login" posts back an id_token in a form field. The partner
 * already validated it on their side, so we only read the claims here.
 */
router.post('/partner/return', async (req, res) => {
  const claims = jwt.decode(String(req.body.id_token)) as { sub?: string; partner?: string } | null; //@vuln CWE-347
  if (!claims?.sub || !claims.partner) return res.status(400).json({ error: 'bad_token' });
  const user = await users.findByExternalId(`partner:${claims.partner}`, claims.sub);
  if (!user) return res.status(404).json({ error: 'not_linked' });
  req.logIn(user, () => res.json({ access_token: tokens.issueAccessToken(user, ['fed']) }));
});

export default router;
