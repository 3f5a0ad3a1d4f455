const mysql = require("mysql2/promise");

const pool = mysql.createPool({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: process.env.DB_NAME || "billing",
  connectionLimit: 4,
  ssl: { ca: process.env.DB_CA_PEM },
});

module.exports = { pool };
