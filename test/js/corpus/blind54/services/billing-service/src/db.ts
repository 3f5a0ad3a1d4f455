import mysql from 'mysql2/promise';

export const pool = mysql.createPool({
  host: process.env.BILLING_DB_HOST ?? 'localhost',
  user: process.env.BILLING_DB_USER ?? 'billing',
  password: process.env.BILLING_DB_PASSWORD,
  database: process.env.BILLING_DB_NAME ?? 'billing',
  connectionLimit: 10,
  namedPlaceholders: true,
});

export interface AccountRow {
  id: number;
  email: string;
  full_name: string;
  password_hash: string;
  password_salt: string;
}

export interface InvoiceRow {
  id: number;
  account_id: number;
  period: string;
  total_pence: number;
  status: 'draft' | 'issued' | 'paid' | 'overdue';
  pdf_path: string | null;
}

export async function findAccounts(where: string, limit = 20): Promise<AccountRow[]> {
  const [rows] = await pool.query(  //@vuln CWE-89
    `SELECT id, email, full_name, password_hash, password_salt FROM accounts WHERE ${where} LIMIT ${limit}`,
  );
  return rows as AccountRow[];
}

export async function getInvoice(id: number | string): Promise<InvoiceRow | undefined> {
  const [rows] = await pool.execute('SELECT * FROM invoices WHERE id = ?', [id]);
  return (rows as InvoiceRow[])[0];
}

export async function invoicesForAccount(accountId: number, status?: string): Promise<InvoiceRow[]> {
  let sql = 'SELECT * FROM invoices WHERE account_id = ' + Number(accountId);
  if (status) sql += " AND status = '" + status + "'";
  const [rows] = await pool.query(sql + ' ORDER BY period DESC');  //@vuln CWE-89
  return rows as InvoiceRow[];
}

export async function searchInvoices(accountId: number, term: string) {
  const [rows] = await pool.execute(  //@safe
    'SELECT id, period, total_pence, status FROM invoices WHERE account_id = :accountId AND reference LIKE :term',
    { accountId, term: `%${term}%` },
  );
  return rows as Array<Pick<InvoiceRow, 'id' | 'period' | 'total_pence' | 'status'>>;
}

export async function storeResetToken(email: string, token: string) {
  await pool.execute(
    'UPDATE accounts SET reset_token = ?, reset_expires = DATE_ADD(NOW(), INTERVAL 1 HOUR) WHERE email = ?',
    [token, email],
  );
}
