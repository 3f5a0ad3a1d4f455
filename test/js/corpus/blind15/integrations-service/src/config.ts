export const integrationConfig = {
  partnerApiBase: 'https://partners.example.com/api/v1',
  allowedFeedHosts: ['feeds.example-supplier.com', 'export.example-wholesale.com'],
  importTimeoutMs: 15_000,
};

if (process.env.PARTNER_SANDBOX === '1') {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295
}
