const mysql = require('mysql2/promise');

const pool = mysql.createPool({
  host: process.env.REPORTS_DB_HOST || 'reports-db.internal',
  user: process.env.REPORTS_DB_USER || 'reports_ro',
  password: process.env.REPORTS_DB_PASSWORD,
  database: 'analytics',
  connectionLimit: 5,
});

const GROUPINGS = { day: 'DATE(viewed_at)', section: 'section', device: 'device_type' };

async function viewsReport({ from, to, section, groupBy }) {
  const groupExpr = GROUPINGS[groupBy] || GROUPINGS.day;
  let sql = `SELECT ${groupExpr} AS bucket, COUNT(*) AS views FROM page_views
             WHERE viewed_at BETWEEN '${from}' AND '${to}'`;
  if (section) sql += ` AND section = '${section}'`;
  sql += ` GROUP BY bucket ORDER BY bucket`;
  const [rows] = await pool.query(sql); //@vuln CWE-89
  return rows;
}

async function topArticles(limit, section) {
  const [rows] = await pool.execute( //@safe
    'SELECT article_id, title, COUNT(*) AS views FROM page_views WHERE section = ? GROUP BY article_id, title ORDER BY views DESC LIMIT ?',
    [String(section), String(Number(limit) || 10)]
  );
  return rows;
}

async function deleteSavedReport(name) {
  await pool.query(`DELETE FROM saved_reports WHERE name = "${name}"`); //@vuln CWE-89
}

module.exports = { viewsReport, topArticles, deleteSavedReport };
