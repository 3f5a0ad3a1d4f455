import { Model } from 'objection';
import { knex, reportingPool, legacyLedger } from '../db';

export class Transaction extends Model {
  static tableName = 'transactions';

  id!: string;
  userId!: string;
  accountId!: string;
  amountCents!: number;
  currency!: string;
  merchant!: string;
  description!: string;
  category!: string | null;
  note!: string | null;
  postedAt!: string;
}

export class Account extends Model {
  static tableName = 'accounts';

  id!: string;
  userId!: string;
  institutionId!: string;
  name!: string;
  mask!: string;
  balanceCents!: number;
}

export interface TransactionFilter {
  accountId?: string;
  merchant?: string;
  category?: string;
  from?: string;
  to?: string;
  sort?: string;
  direction?: string;
}

export async function listTransactions(userId: string, filter: TransactionFilter) {
  const query = Transaction.query().where('user_id', userId);

  if (filter.accountId) query.where('account_id', filter.accountId);
  if (filter.category) query.where('category', filter.category);
  if (filter.from) query.where('posted_at', '>=', filter.from);
  if (filter.to) query.where('posted_at', '<', filter.to);
  if (filter.merchant) {
    query.whereRaw(`merchant ILIKE '%${filter.merchant}%'`);  //@vuln CWE-89
  }

  const sortColumn = filter.sort || 'posted_at';
  const direction = filter.direction || 'desc';
  return query.orderByRaw(sortColumn + ' ' + direction).limit(500);  //@vuln CWE-89
}

export async function searchByNote(userId: string, term: string) {
  return Transaction.query()
    .where('user_id', userId)
    .whereRaw('note ILIKE ?', [`%${term}%`])  //@safe
    .orderBy('posted_at', 'desc')
    .limit(100);
}

export async function monthlySpend(userId: string, month: string) {
  const sql = `SELECT category, SUM(amount_cents) AS total_cents
      FROM transactions
     WHERE user_id = $1 AND to_char(posted_at, 'YYYY-MM') = '${month}'
     GROUP BY category
     ORDER BY total_cents DESC`;
  const { rows } = await reportingPool.query(sql, [userId]);  //@vuln CWE-89
  return rows as Array<{ category: string | null; total_cents: string }>;
}

export async function categoryTotals(userId: string, from: string, to: string) {
  const { rows } = await reportingPool.query(  //@safe
    'SELECT category, SUM(amount_cents) AS total_cents FROM transactions WHERE user_id = $1 AND posted_at >= $2 AND posted_at < $3 GROUP BY category',
    [userId, from, to],
  );
  return rows;
}

export async function findLegacyCardTransactions(userId: string, cardLast4: string) {
  const [rows] = await legacyLedger.query(  //@vuln CWE-89
    `SELECT txn_id, amount, merchant_name, posted FROM card_txn WHERE owner_ref = ? AND last4 = '${cardLast4}' ORDER BY posted DESC`,
    [userId],
  );
  return rows;
}

export async function bulkRecategorize(userId: string, merchant: string, category: string) {
  const result = await knex.raw(  //@vuln CWE-89
    `UPDATE transactions SET category = ?, updated_at = now() WHERE user_id = ? AND merchant = '${merchant}'`,
    [category, userId],
  );
  return result.rowCount as number;
}

const SORTABLE_COLUMNS = {
  date: 'posted_at',
  amount: 'amount_cents',
  merchant: 'merchant',
} as const;

export async function listForExport(userId: string, sortKey: string, from: string, to: string) {
  const column = SORTABLE_COLUMNS[sortKey as keyof typeof SORTABLE_COLUMNS] ?? 'posted_at';
  return knex('transactions')
    .select('posted_at', 'merchant', 'category', 'amount_cents', 'currency', 'note')
    .where({ user_id: userId })
    .andWhereBetween('posted_at', [from, to])
    .orderByRaw(`${column} desc`);  //@safe
}

export async function updateNote(userId: string, transactionId: string, note: string) {
  return Transaction.query().patch({ note }).where({ id: transactionId, user_id: userId });
}
