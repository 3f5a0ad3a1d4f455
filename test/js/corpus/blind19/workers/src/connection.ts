import IORedis from 'ioredis';
import { Pool } from 'pg';

export const connection = new IORedis({
  host: process.env.REDIS_HOST ?? 'redis.internal',
  port: 6380,
  password: 'changeme-redis-pass', //@vuln CWE-798
  tls: { rejectUnauthorized: false }, //@vuln CWE-295
  maxRetriesPerRequest: null,
});

export const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
