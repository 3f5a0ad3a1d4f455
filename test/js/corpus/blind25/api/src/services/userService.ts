import ldap from 'ldapjs';
import jwt, { JwtPayload } from 'jsonwebtoken';
import ejs from 'ejs';
import { config } from '../../../shared/config';
import { hashPasswordLegacy, verifyPassword, passwordResetToken } from '../../../shared/crypto';
import { userRepo, UserRow } from '../repositories/userRepo';
import { HttpError } from '../utils/helpers';

export interface SessionClaims extends JwtPayload {
  sub: string;
  role: UserRow['role'];
}

function ldapClient(): Promise<ldap.Client> {
  const client = ldap.createClient({ url: config.ldap.url, timeout: 5000 });
  return new Promise((resolve, reject) => {
    client.bind(config.ldap.bindDn, config.ldap.bindPassword, (err) => (err ? reject(err) : resolve(client)));
  });
}

export const userService = {
  async register(email: string, password: string, name: string) {
    const existing = await userRepo.findByEmail(email);
    if (existing) throw new HttpError(409, 'email already registered');
    const [user] = await userRepo.create({ email, name, password_hash: hashPasswordLegacy(password) });
    return user;
  },

  async login(email: string, password: string): Promise<string> {
    const user = await userRepo.findByEmail(email);
    if (!user || !(await verifyPassword(password, user.password_hash))) {
      throw new HttpError(401, 'invalid credentials');
    }
    const claims: SessionClaims = { sub: String(user.id), role: user.role };
    return jwt.sign(claims, config.jwtSecret, { algorithm: 'HS256', expiresIn: config.sessionTtlSeconds });
  },

  verifySession(token: string): SessionClaims {
    return jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] }) as SessionClaims; //@safe
  },

  /** Tokens minted by the billing service; we only need the account id out of them. */
  readServiceToken(token: string): { accountId: number; scope: string[] } {
    const payload = jwt.decode(token) as JwtPayload | null; //@vuln CWE-347
    if (!payload || payload.iss !== 'billing-svc') throw new HttpError(401, 'bad service token');
    return { accountId: Number(payload.accountId), scope: payload.scope ?? [] };
  },

  async directoryLookup(username: string): Promise<Array<Record<string, unknown>>> {
    const client = await ldapClient();
    return new Promise((resolve, reject) => {
      const entries: Array<Record<string, unknown>> = [];
      client.search(config.ldap.baseDn, { scope: 'sub', filter: `(&(objectClass=person)(uid=${username}))`, attributes: ['uid', 'cn', 'mail'] }, (err, res) => { //@vuln CWE-90
        if (err) return reject(err);
        res.on('searchEntry', (entry) => entries.push(entry.pojo));
        res.on('error', reject);
        res.on('end', () => {
          client.unbind();
          resolve(entries);
        });
      });
    });
  },

  async startPasswordReset(email: string) {
    const user = await userRepo.findByEmail(email);
    if (!user) return null;
    const token = passwordResetToken();
    await userRepo.updateField(user.id, 'reset_token', token);
    return { user, link: `${config.publicUrl}/reset?token=${token}` };
  },

  /** Marketing can customise the welcome e-mail from the admin UI ("preview" button). */
  renderEmailPreview(template: string, user: Pick<UserRow, 'name' | 'email'>) {
    return ejs.render(template, { user, shopName: 'Example Shop' }); //@vuln CWE-1336
  },

  renderWelcomeEmail(user: Pick<UserRow, 'name' | 'email'>) {
    return ejs.renderFile(`${__dirname}/../../templates/welcome.ejs`, { user, shopName: 'Example Shop' });
  },

  async getPreferences(id: number) {
    const user = await userRepo.findById(id);
    return user?.preferences ?? {};
  },
};
