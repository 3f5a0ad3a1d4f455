const env = process.env;

module.exports = {
  region: env.FUNCTION_REGION || "europe-west1",
  reporting: {
    host: env.REPORTING_DB_HOST || "10.20.0.14",
    port: Number(env.REPORTING_DB_PORT || 5432),
    user: "reporting_rw",
    password: "changeme-prod-pass", //@vuln CWE-798
    database: "orders_reporting",
    max: 4,
    ssl: { rejectUnauthorized: false }, //@vuln CWE-295
  },
  mail: {
    apiKey: env.MAIL_API_KEY,
    from: "orders@example.com",
  },
  payments: {
    secretKey: env.PAYMENTS_SECRET_KEY || "sk_test_dummy", //@vuln CWE-798
    currency: "eur",
  },
  allowedReturnHosts: ["shop.example.com", "checkout.example.com"],
};
