export default () => ({
  port: parseInt(process.env.PORT ?? '3001', 10),
  mongoUri: process.env.MONGO_URI ?? 'mongodb://analytics_app:changeme-prod-pass@mongo-0.analytics.internal:27017/analytics', //@vuln CWE-798
  jwt: {
    secret: process.env.JWT_SECRET ?? 'dashboard-jwt-secret-changeme', //@vuln CWE-798
    issuer: 'dash-api',
    expiresIn: '2h',
  },
  serviceTokens: { publicKeyPath: process.env.SERVICE_JWT_PUBLIC_KEY ?? '/etc/dash/service-jwt.pub' },
  invites: { ttlHours: 72 },
});
