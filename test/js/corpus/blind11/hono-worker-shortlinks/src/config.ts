export const config = {
  adminUser: 'ops-admin',
  adminPassword: 'changeme-prod-pass', //@vuln CWE-798
  sessionTtl: 60 * 60 * 24 * 7,
  previewTimeoutMs: 4000,
  allowedRedirectHosts: ['example.com', 'www.example.com', 'docs.example.com'],
  corsOrigins: ['https://app.example.com', 'https://www.example.com'],
} as const;
