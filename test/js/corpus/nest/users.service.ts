import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { User } from './user.entity';
import * as bcrypt from 'bcrypt';
import { randomBytes, createHash } from 'crypto';

@Injectable()
export class UsersService {
  constructor(private readonly repo: Repository<User>) {}

  findByEmail(email: string) {
    return this.repo.findOne({ where: { email } }); //@safe
  }

  search(term: string) {
    return this.repo.query(`SELECT * FROM "user" WHERE name ILIKE '%${term}%'`); //@vuln CWE-89
  }

  searchSafe(term: string) {
    return this.repo.createQueryBuilder('u').where('u.name ILIKE :t', { t: `%${term}%` }).getMany(); //@safe
  }

  async setPassword(user: User, password: string) {
    user.passwordHash = await bcrypt.hash(password, 12); //@safe
    return this.repo.save(user);
  }

  legacyHash(password: string) {
    return createHash('md5').update(password).digest('hex'); //@vuln CWE-327|CWE-328|CWE-916
  }

  gravatar(email: string) {
    return `https://www.gravatar.com/avatar/${createHash('md5').update(email.trim().toLowerCase()).digest('hex')}`; //@vuln CWE-327|CWE-328
  }

  newApiKey() {
    return randomBytes(24).toString('base64url'); //@safe
  }
}
