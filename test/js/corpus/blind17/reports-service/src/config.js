module.exports = {
  port: Number(process.env.PORT || 4100),
  mongoUri: process.env.MONGO_URI || "mongodb://localhost:27017/reports",
  postgresUrl: process.env.REPORTS_PG_URL || "postgres://reports@localhost:5432/reports",
  jwtSecret: process.env.JWT_SECRET || "changeme-jwt-secret", //@vuln CWE-798
  exportDir: process.env.EXPORT_DIR || "/var/lib/reports/exports",
  allowedOrigins: (process.env.ALLOWED_ORIGINS || "http://localhost:3000").split(","),
};
