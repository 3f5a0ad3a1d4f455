import { MikroORM } from '@mikro-orm/postgresql';
import config from '../mikro-orm.config';

let ormPromise: Promise<MikroORM> | null = null;

function orm() {
  if (!ormPromise) ormPromise = MikroORM.init(config);
  return ormPromise;
}

export class AuditService {
  async record(actor: string, action: string) {
    const em = (await orm()).em.fork();
    await em.getConnection().execute('insert into audit_log (actor, action, at) values (?, ?, now())', [actor, action]);
  }

  async byActor(actor: string) {
    const em = (await orm()).em.fork();
    return em.getConnection().execute(`select * from audit_log where actor = '${actor}' order by at desc limit 100`); //@vuln CWE-89
  }

  async byAction(action: string) {
    const em = (await orm()).em.fork();
    return em.getConnection().execute('select * from audit_log where action = ? order by at desc limit 100', [action]); //@safe
  }
}
