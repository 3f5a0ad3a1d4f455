import path from 'node:path';

export const STORAGE_ROOT = path.resolve(process.env.MEDIA_ROOT ?? '/var/lib/media');
export const INCOMING_DIR = path.join(STORAGE_ROOT, '_incoming');
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const redisConnection = { host: process.env.REDIS_HOST ?? 'queue-redis.internal', port: Number(process.env.REDIS_PORT ?? 6379) };
