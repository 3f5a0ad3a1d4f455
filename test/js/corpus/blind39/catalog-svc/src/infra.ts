import { MongoClient, Db } from 'mongodb';
import got from 'got';
import Redis from 'ioredis';
import winston from 'winston';

export const config = {
  port: Number(process.env.PORT ?? 4300),
  mongoUrl: process.env.MONGO_URL ?? 'mongodb://catalog_rw:Cat4log-rw!77@mongo-0.internal:27017/catalog?authSource=admin', //@vuln CWE-798
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/4',
  mediaRoot: process.env.MEDIA_ROOT ?? '/srv/catalog/media',
  supplierApi: process.env.SUPPLIER_API ?? 'https://partners.acme-supply.example/api/',
  supplierToken: process.env.SUPPLIER_TOKEN ?? '',
  publicBaseUrl: process.env.PUBLIC_BASE_URL ?? 'https://shop.example.net',
};

export const TYPES = {
  Db: Symbol.for('Db'),
  Redis: Symbol.for('Redis'),
  Logger: Symbol.for('Logger'),
  Http: Symbol.for('Http'),
  SupplierHttp: Symbol.for('SupplierHttp'),
  ProductService: Symbol.for('ProductService'),
  MediaService: Symbol.for('MediaService'),
};

export const logger = winston.createLogger({
  level: process.env.LOG_LEVEL ?? 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()],
});

const mongo = new MongoClient(config.mongoUrl, { maxPoolSize: 20 });
let database: Db | undefined;

export async function connectDb(): Promise<Db> {
  if (!database) {
    await mongo.connect();
    database = mongo.db();
    logger.info('mongo connected');
  }
  return database;
}

export function db(): Db {
  if (!database) throw new Error('db not connected yet');
  return database;
}

export const redis = new Redis(config.redisUrl, { keyPrefix: 'catalog:' });

// general purpose client for feeds and images
export const http = got.extend({
  timeout: { request: 8000 },
  retry: { limit: 1 },
  headers: { 'user-agent': 'catalog-svc/3.2' },
});

// partner API uses a self-signed cert on their staging + prod hosts
export const supplierHttp = got.extend({
  prefixUrl: config.supplierApi,
  headers: { authorization: `Bearer ${config.supplierToken}` },
  https: { rejectUnauthorized: false }, //@vuln CWE-295
  timeout: { request: 15000 },
});

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
