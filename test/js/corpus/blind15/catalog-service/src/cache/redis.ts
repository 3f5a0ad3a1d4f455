import Redis from 'ioredis';

const REDIS_HOST = process.env.REDIS_HOST ?? 'catalog-cache.internal';

const tlsOptions = {
  servername: REDIS_HOST,
  rejectUnauthorized: false, //@vuln CWE-295
};

export const redis = new Redis({
  host: REDIS_HOST,
  port: Number(process.env.REDIS_PORT ?? 6380),
  password: 'redis-changeme-123', //@vuln CWE-798
  tls: tlsOptions,
});

export async function cached<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
  const hit = await redis.get(key);
  if (hit) return JSON.parse(hit) as T;
  const value = await load();
  await redis.set(key, JSON.stringify(value), 'EX', ttlSeconds);
  return value;
}
