import axios from 'axios';
import Redis from 'ioredis';
import pino from 'pino';
import { config } from './config';

export const logger = pino({
  level: config.logLevel,
  redact: ['req.headers.authorization', 'req.headers.cookie'],
});

export const redis = new Redis(config.redisUrl, {
  keyPrefix: 'billing:',
  maxRetriesPerRequest: 3,
});

redis.on('error', (err) => logger.warn({ err }, 'redis error'));

// Ledger is our own service; base URL and key come from config.
export const ledgerClient = axios.create({
  baseURL: config.ledger.baseUrl,
  timeout: 5000,
  headers: { 'X-Api-Key': config.ledger.apiKey, 'Content-Type': 'application/json' },
});

export const notifyClient = axios.create({
  baseURL: config.notify.baseUrl,
  timeout: 3000,
});

// Used for customer-configured endpoints (webhooks, logos, remote templates).
export const outboundClient = axios.create({
  timeout: 4000,
  maxRedirects: 2,
  headers: { 'User-Agent': 'billing-api/1.8' },
});
