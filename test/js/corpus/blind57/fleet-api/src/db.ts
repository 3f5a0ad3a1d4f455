import fs from 'fs';
import { Sequelize, DataTypes, Model } from 'sequelize';
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import knexFactory from 'knex';
import { MongoClient, Db } from 'mongodb';
import mongoose from 'mongoose';
import { createClient } from 'redis';
import { config } from './config';

const rdsCa = fs.readFileSync(process.env.PG_CA_PATH ?? '/etc/ssl/certs/rds-global-bundle.pem', 'utf8');

export const pgPool = new Pool({
  ...config.postgres,
  max: 20,
  idleTimeoutMillis: 30_000,
  ssl: { ca: rdsCa, rejectUnauthorized: true },  //@safe
});

export const sequelize = new Sequelize(
  config.postgres.database,
  config.postgres.user,
  config.postgres.password,
  {
    host: config.postgres.host,
    port: config.postgres.port,
    dialect: 'postgres',
    logging: config.env === 'development' ? console.log : false,
    dialectOptions: { ssl: { ca: rdsCa } },
  },
);

export const knex = knexFactory({
  client: 'pg',
  connection: { ...config.postgres, ssl: { ca: rdsCa } },
  pool: { min: 2, max: 10 },
});

export const legacyMysql = mysql.createPool({
  ...config.legacyMysql,
  connectionLimit: 5,
  ssl: { rejectUnauthorized: false },  //@vuln CWE-295
});

export class Vehicle extends Model {
  declare id: number;
  declare tenantId: number;
  declare vin: string;
  declare plate: string;
  declare depotId: number | null;
  declare status: 'active' | 'maintenance' | 'retired';
  declare lastSeenAt: Date | null;
}

Vehicle.init(
  {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    tenantId: { type: DataTypes.INTEGER, allowNull: false },
    vin: { type: DataTypes.STRING(17), allowNull: false },
    plate: { type: DataTypes.STRING(16), allowNull: false },
    depotId: { type: DataTypes.INTEGER, allowNull: true },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
    lastSeenAt: { type: DataTypes.DATE, allowNull: true },
  },
  { sequelize, tableName: 'vehicles', underscored: true },
);

let mongoDb: Db | null = null;
const mongoClient = new MongoClient(config.mongoUrl);

export async function mongo(): Promise<Db> {
  if (!mongoDb) {
    await mongoClient.connect();
    mongoDb = mongoClient.db();
  }
  return mongoDb;
}

export const redis = createClient({ url: config.redisUrl });
redis.on('error', (err) => console.error('[redis]', err.message));

export async function connectAll(): Promise<void> {
  await Promise.all([
    sequelize.authenticate(),
    redis.connect(),
    mongo(),
    mongoose.connect(config.mongoUrl),
  ]);
}
