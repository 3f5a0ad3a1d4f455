'use strict';

const mysql = require('mysql2/promise');
const { createClient } = require('redis');
const pino = require('pino');
const config = require('./config');

const logger = pino({ level: process.env.LOG_LEVEL || 'info', base: { svc: 'accounts-core' } });

const pool = mysql.createPool({
  host: config.mysql.host,
  port: config.mysql.port,
  user: config.mysql.user,
  password: config.mysql.password,
  database: config.mysql.database,
  connectionLimit: config.mysql.connectionLimit,
  namedPlaceholders: false,
  multipleStatements: false,
});

const redis = createClient({ url: config.redisUrl });
redis.on('error', (err) => logger.warn({ err }, 'redis error'));

let connected;
function connectRedis() {
  if (!connected) connected = redis.connect();
  return connected;
}

async function close() {
  await pool.end();
  if (connected) await redis.quit();
}

module.exports = { pool, redis, logger, connectRedis, close };
