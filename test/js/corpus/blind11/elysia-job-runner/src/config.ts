export const config = {
  port: Number(Bun.env.PORT ?? 3000),
  mongoUrl: Bun.env.MONGO_URL ?? 'mongodb://localhost:27017/jobs',
  jwtSecret: Bun.env.JWT_SECRET ?? 'changeme-jwt-secret', //@vuln CWE-798
  workDir: Bun.env.JOB_WORKDIR ?? '/srv/jobs/work',
  mediaDir: '/srv/jobs/media',
  partnerPublicKey: Bun.env.PARTNER_PUBLIC_KEY ?? '',
};
