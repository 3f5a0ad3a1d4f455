const pool = require('../db');

const SORTABLE = new Set(['created_at', 'amount_cents', 'due_date', 'number']);

class InvoiceRepository {
  async findByNumber(accountId, number) {
    const sql = 'SELECT * FROM invoices WHERE account_id = $1 AND number = $2';
    const { rows } = await pool.query(sql, [accountId, number]); //@safe
    return rows[0] || null;
  }

  async search(accountId, { status, customer, sort = 'created_at', dir = 'desc' } = {}) {
    const orderBy = SORTABLE.has(sort) ? sort : 'created_at';
    const direction = String(dir).toLowerCase() === 'asc' ? 'ASC' : 'DESC';
    const params = [accountId];
    let sql = 'SELECT id, number, customer_name, amount_cents, currency, status, due_date FROM invoices WHERE account_id = $1';
    if (status) {
      params.push(status);
      sql += ` AND status = $${params.length}`;
    }
    if (customer) {
      sql += ` AND customer_name ILIKE '%${customer}%'`;
    }
    sql += ` ORDER BY ${orderBy} ${direction} LIMIT 200`;
    const { rows } = await pool.query(sql, params); //@vuln CWE-89
    return rows;
  }

  async exportRange(accountId, from, to) {
    const q = `SELECT number, customer_name, amount_cents, currency, status, created_at
      FROM invoices
      WHERE account_id = ${Number(accountId)} AND created_at BETWEEN '${from}' AND '${to}'
      ORDER BY created_at`;
    const result = await pool.query(q); //@vuln CWE-89
    return result.rows;
  }
}

module.exports = new InvoiceRepository();
