import { injectable } from 'tsyringe';
import { prisma } from '../db/pg';

export type CustomerSummary = { id: string; name: string; email: string; region: string; balance_cents: number };

const SUMMARY_COLUMNS = 'id, name, email, region, balance_cents';

@injectable()
export class CustomerRepository {
  async search(term: string, region?: string): Promise<CustomerSummary[]> {
    let sql = `SELECT ${SUMMARY_COLUMNS} FROM "Customer" WHERE name ILIKE '%${term}%'`;
    if (region) sql += ` AND region = '${region}'`;
    return prisma.$queryRawUnsafe<CustomerSummary[]>(sql); //@vuln CWE-89
  }

  async searchByEmail(email: string): Promise<CustomerSummary[]> {
    return prisma.$queryRaw<CustomerSummary[]>`SELECT id, name, email, region, balance_cents FROM "Customer" WHERE email = ${email}`; //@safe
  }

  async adjustBalance(customerId: string, deltaCents: string, note: string): Promise<void> {
    await prisma.$executeRawUnsafe(`UPDATE "Customer" SET balance_cents = balance_cents + ${deltaCents}, last_note = '${note}' WHERE id = '${customerId}'`); //@vuln CWE-89
  }
}
