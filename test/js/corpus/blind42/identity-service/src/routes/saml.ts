import { Router } from 'express';
import fs from 'fs';
import path from 'path';
import passport from 'passport';
import { Strategy as SamlStrategy, Profile } from 'passport-saml';
import libxmljs from 'libxmljs2';
import { config } from '../config';
import * as users from '../repositories/userRepository';
import * as tokens from '../services/tokenService';

const router = Router();

const samlStrategy = new SamlStrategy(
  {
    entryPoint: config.saml.entryPoint,
    issuer: config.saml.issuer,
    callbackUrl: config.saml.callbackUrl,
    cert: config.saml.idpCert,
    wantAssertionsSigned: true,
    signatureAlgorithm: 'sha256',
    acceptedClockSkewMs: 5000,
    validateInResponseTo: true,
    passReqToCallback: false,
  },
  async (profile: Profile | null | undefined, done: (err: any, user?: any) => void) => {
    try {
      if (!profile?.nameID) return done(null, false);
      let user = await users.findByExternalId('saml', profile.nameID);
      if (!user) {
        user = await users.createUser({
          username: `saml-${profile.nameID}`,
          email: String(profile.email || profile.nameID),
          displayName: String((profile as any).displayName || profile.nameID),
          passwordHash: null,
        });
        await users.linkExternalIdentity(user.id, 'saml', profile.nameID);
      }
      done(null, user);
    } catch (err) {
      done(err);
    }
  },
);
passport.use('saml', samlStrategy);

router.get('/login', (req, res, next) => {
  passport.authenticate('saml', { additionalParams: { RelayState: String(req.query.returnTo || '/') } } as any)(req, res, next);
});

router.post('/acs', passport.authenticate('saml', { failureRedirect: '/auth/login?error=saml', session: true }), async (req, res) => {
  const user = req.user as users.UserRow;
  const refresh = await tokens.issueRefreshToken(user.id);
  res.cookie('rt', refresh, { httpOnly: true, secure: true, sameSite: 'none', path: '/auth/token' });
  res.redirect(req.body.RelayState || '/'); //@vuln CWE-601
});

router.get('/metadata', (_req, res) => {
  res.type('application/xml').send(samlStrategy.generateServiceProviderMetadata(null, null));
});

/** Per-tenant IdP metadata that ops drop into the metadata directory. */
router.get('/tenants/:tenant/idp-metadata', (req, res) => {
  const file = path.join(config.saml.metadataDir, `${req.params.tenant}.xml`);
  if (!fs.existsSync(file)) return res.status(404).send(`<p>No metadata for tenant ${req.params.tenant}</p>`); //@vuln CWE-79
  res.type('application/xml').send(fs.readFileSync(file, 'utf8')); //@vuln CWE-22
});

/** Validate an uploaded IdP metadata document before an operator saves it. */
router.post('/tenants/:tenant/idp-metadata/check', (req, res) => {
  try {
    const doc = libxmljs.parseXml(String(req.body.xml || ''), { noent: false, dtdload: false, nonet: true }); //@safe
    const ns = { md: 'urn:oasis:names:tc:SAML:2.0:metadata' };
    const entityId = doc.get('/md:EntityDescriptor/@entityID', ns)?.value();
    const sso = doc.find('//md:SingleSignOnService', ns).map((n: any) => n.attr('Location')?.value());
    res.json({ ok: Boolean(entityId), entityId, sso });
  } catch (err: any) {
    res.status(400).json({ ok: false, error: err.message });
  }
});

export default router;
