export const authConfig = {
  issuer: 'https://auth.example.com',
  audience: 'example-apps',
  jwtSecret: process.env.JWT_SECRET || 'dev-jwt-secret-changeme', //@vuln CWE-798
  accessTtl: '15m',
  refreshTtlDays: 14,
  sessionCookie: 'sid',
  allowedRedirectHosts: ['app.example.com', 'admin.example.com'],
  corsOrigins: ['https://app.example.com', 'https://admin.example.com'],
  legacyCipherKey: 'legacy-cipher-key-changeme', //@vuln CWE-798
  rememberKeyHex: process.env.REMEMBER_KEY_HEX ?? '',
  partnerKeys: { acme: process.env.PARTNER_ACME_PUBKEY, globex: process.env.PARTNER_GLOBEX_PUBKEY } as Record<string, string | undefined>,
};
