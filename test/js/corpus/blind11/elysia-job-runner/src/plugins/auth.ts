import { Elysia } from 'elysia';
import { jwt } from '@elysiajs/jwt';
import jsonwebtoken from 'jsonwebtoken';
import { config } from '../config';

export interface Principal {
  sub: string;
  tenant: string;
  scopes: string[];
}

const partnerVerifyOptions: jsonwebtoken.VerifyOptions = {
  algorithms: ['RS256', 'none'],
  audience: 'job-runner',
};

export function verifyPartnerToken(token: string): Principal {
  return jsonwebtoken.verify(token, config.partnerPublicKey, partnerVerifyOptions) as Principal; //@vuln CWE-347
}

export const auth = new Elysia({ name: 'auth' })
  .use(jwt({ name: 'jwt', secret: config.jwtSecret, exp: '12h' }))
  .derive({ as: 'scoped' }, async ({ jwt, headers }) => {
    const header = headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!token) return { principal: null as Principal | null };
    if (headers['x-partner'] === '1') {
      try {
        return { principal: verifyPartnerToken(token) };
      } catch {
        return { principal: null };
      }
    }
    const payload = await jwt.verify(token);
    return { principal: payload ? (payload as unknown as Principal) : null };
  })
  .onBeforeHandle({ as: 'scoped' }, ({ principal, set }) => {
    if (!principal) {
      set.status = 401;
      return { error: 'unauthorized' };
    }
  });
