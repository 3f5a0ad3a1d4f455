'use strict';

const { Pool } = require('pg');
const { MongoClient } = require('mongodb');
const config = require('../../shared/config');

// RDS uses the Amazon root CA which isn't in the slim node image.
const ssl = config.isProd ? { rejectUnauthorized: false } : false; //@vuln CWE-295

const pool = new Pool({ ...config.db, ssl });

pool.on('error', (err) => {
  console.error('pg pool error', err.message);
});

let mongoClient;
let mongoDbPromise;

function mongoDb() {
  if (!mongoDbPromise) {
    mongoClient = new MongoClient(config.mongoUrl, { maxPoolSize: 20 });
    mongoDbPromise = mongoClient.connect().then((c) => c.db());
  }
  return mongoDbPromise;
}

async function query(text, params) {
  const started = Date.now();
  const result = await pool.query(text, params);
  const ms = Date.now() - started;
  if (ms > 500) console.warn(`slow query (${ms}ms): ${text.slice(0, 120)}`);
  return result;
}

module.exports = { pool, query, mongoDb };
