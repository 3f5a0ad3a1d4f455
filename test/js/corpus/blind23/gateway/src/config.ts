export interface UpstreamDef {
  baseUrl: string;
  timeoutMs: number;
  rpm: number;
}

export const config = {
  env: process.env.NODE_ENV ?? 'development',
  port: Number(process.env.PORT ?? 8080),
  redisUrl: process.env.REDIS_URL ?? 'redis://:gw-r3dis-Pa55@redis-gw.internal:6379/0', //@vuln CWE-798
  sessionSecret: process.env.SESSION_SECRET as string,
  logDir: process.env.LOG_DIR ?? '/var/log/gateway',
  ldap: {
    url: process.env.LDAP_URL ?? 'ldaps://ldap.corp.internal:636',
    baseDn: 'ou=people,dc=corp,dc=internal',
    bindDn: 'cn=gateway,ou=services,dc=corp,dc=internal',
    bindPassword: process.env.LDAP_BIND_PASSWORD ?? '',
  },
  billing: {
    baseUrl: 'https://billing-legacy.corp.internal',
    apiKey: 'bk_live_7Hq2ZxP9vR4mN8sT1wY6', //@vuln CWE-798
  },
  upstreams: {
    catalog: { baseUrl: 'http://catalog-graphql.internal:4000', timeoutMs: 5000, rpm: 600 },
    reports: { baseUrl: 'http://reports-yoga.internal:4100', timeoutMs: 15000, rpm: 120 },
    search: { baseUrl: 'http://search.internal:9200', timeoutMs: 3000, rpm: 1200 },
  } as Record<string, UpstreamDef>,
  defaultRpm: 300,
};
