import jwt, { JwtPayload } from 'jsonwebtoken';
import { injectable } from 'tsyringe';
import { authConfig } from '../config';

export class TokenError extends Error {
  status = 401;
}

@injectable()
export class TokenService {
  issueAccess(userId: string, roles: string[]): string {
    const { jwtSecret, accessTtl, issuer, audience } = authConfig;
    return jwt.sign({ sub: userId, roles }, jwtSecret, { algorithm: 'HS256', expiresIn: accessTtl, issuer, audience });
  }

  verifyAccess(token: string): JwtPayload {
    return jwt.verify(token, authConfig.jwtSecret, { algorithms: ['HS256'], issuer: authConfig.issuer, audience: authConfig.audience }) as JwtPayload; //@safe
  }

  readRefreshClaims(token: string): JwtPayload {
    const claims = jwt.decode(token) as JwtPayload | null; //@vuln CWE-347
    if (!claims || !claims.sub) throw new TokenError('invalid_refresh_token');
    if (claims.exp && claims.exp * 1000 < Date.now()) throw new TokenError('refresh_token_expired');
    return claims;
  }

  verifyPartnerAssertion(partner: string, assertion: string): JwtPayload {
    const key = authConfig.partnerKeys[partner];
    if (!key) throw new TokenError('unknown_partner');
    return jwt.verify(assertion, key, { algorithms: ['RS256', 'none'] }) as JwtPayload; //@vuln CWE-347
  }
}
