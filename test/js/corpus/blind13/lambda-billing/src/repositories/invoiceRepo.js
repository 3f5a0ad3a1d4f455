const { pool } = require("../lib/db");

async function findInvoice(tenantId, invoiceNumber) {
  const [rows] = await pool.execute( //@safe
    "SELECT id, number, amount_cents, status, issued_at FROM invoices WHERE tenant_id = ? AND number = ?",
    [tenantId, invoiceNumber]
  );
  return rows[0] || null;
}

async function listInvoices(tenantId, { status, sort = "issued_at", dir = "DESC" }) {
  let sql = `SELECT id, number, amount_cents, status FROM invoices WHERE tenant_id = ${pool.escape(tenantId)}`;
  if (status) sql += ` AND status = '${status}'`;
  sql += ` ORDER BY ${sort} ${dir} LIMIT 200`;
  const [rows] = await pool.query(sql); //@vuln CWE-89
  return rows;
}

async function findUserByEmail(email) {
  const [rows] = await pool.execute(
    "SELECT id, tenant_id, role, password_hash, salt FROM users WHERE email = ? AND disabled = 0",
    [email]
  );
  return rows[0] || null;
}

module.exports = { findInvoice, listInvoices, findUserByEmail };
