import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import * as bcrypt from 'bcrypt';
import { createHash, randomBytes } from 'crypto';
import * as jwt from 'jsonwebtoken';
import { Model } from 'mongoose';
import { User, UserDocument } from '../workspaces/workspace.schema';

@Injectable()
export class AuthService {
  constructor(
    @InjectModel(User.name) private readonly users: Model<UserDocument>,
    private readonly config: ConfigService,
  ) {}

  private legacyDigest(password: string): string {
    return createHash('sha1').update(password).digest('hex'); //@vuln CWE-327|CWE-328
  }

  async login(credentials: Record<string, any>) {
    const user = await this.users.findOne({ email: credentials.email, active: true }).lean(); //@vuln CWE-943
    if (!user) throw new UnauthorizedException();
    const password = String(credentials.password);
    const ok = user.passwordHash.startsWith('$2')
      ? await bcrypt.compare(password, user.passwordHash)
      : this.legacyDigest(password) === user.passwordHash;
    if (!ok) throw new UnauthorizedException();
    const { secret, issuer, expiresIn } = this.config.get('jwt');
    return jwt.sign({ sub: String(user._id), tid: user.tenantId, roles: user.roles }, secret, { algorithm: 'HS256', issuer, expiresIn });
  }

  async changePassword(userId: string, password: string) {
    const passwordHash = await bcrypt.hash(password, 12); //@safe
    await this.users.updateOne({ _id: userId }, { $set: { passwordHash } });
  }

  async createInvite(tenantId: string, email: string) {
    const inviteCode = Math.random().toString(36).substring(2, 10).toUpperCase(); //@vuln CWE-338
    await this.users.create({ tenantId, email, inviteCode, active: false });
    return { inviteCode };
  }

  async createPasswordReset(email: string) {
    const resetToken = randomBytes(32).toString('base64url'); //@safe
    await this.users.updateOne({ email: String(email) }, { $set: { resetToken } });
    return resetToken;
  }
}
