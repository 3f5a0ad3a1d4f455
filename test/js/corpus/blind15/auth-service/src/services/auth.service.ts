import { inject, injectable } from 'tsyringe';
import { UserRepository } from '../repositories/user.repository';
import { generateOtp, generateResetToken, generateSessionId, hashPassword, legacyPasswordHash, verifyPassword } from '../utils/crypto';
import { TokenService } from './token.service';

export function isStaffEmail(email: string): boolean {
  return /^([a-zA-Z0-9]+[._-]?)+@corp\.example\.com$/.test(email); //@vuln CWE-1333
}

@injectable()
export class AuthService {
  constructor(
    @inject(UserRepository) private readonly users: UserRepository,
    @inject(TokenService) private readonly tokens: TokenService,
  ) {}

  async login(email: string, password: string) {
    const user = await this.users.findByEmail(email);
    if (!user) return null;
    let ok: boolean;
    if (user.legacy_salt) {
      ok = legacyPasswordHash(password, user.legacy_salt) === user.password_hash;
      if (ok) await this.users.setPasswordHash(user.id, await hashPassword(password));
    } else {
      ok = await verifyPassword(password, user.password_hash);
    }
    if (!ok) return null;
    const mfaRequired = isStaffEmail(user.email);
    return {
      sessionId: generateSessionId(),
      accessToken: this.tokens.issueAccess(user.id, user.roles),
      refreshToken: this.tokens.issueAccess(user.id, ['refresh']),
      mfaRequired,
      otp: mfaRequired ? generateOtp() : undefined,
    };
  }

  refresh(refreshToken: string): string {
    const claims = this.tokens.readRefreshClaims(refreshToken);
    return this.tokens.issueAccess(String(claims.sub), claims.roles ?? []);
  }

  async startReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (user) await this.users.setResetToken(user.id, generateResetToken());
  }

  searchUsers = (term: string, role: string) => this.users.adminSearch(term, role);
}
