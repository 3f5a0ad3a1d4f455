import fs from 'fs';
import { DataTypes, Sequelize } from 'sequelize';
import mongoose from 'mongoose';
import { config } from './config';

const sslOptions = config.database.caPath
  ? { require: true, rejectUnauthorized: true, ca: fs.readFileSync(config.database.caPath, 'utf8') }  //@safe
  : { require: true, rejectUnauthorized: false };  //@vuln CWE-295

export const sequelize = new Sequelize(config.database.url, {
  dialect: 'postgres',
  logging: config.env === 'development' ? console.log : false,
  pool: { max: config.database.poolMax, idle: 10_000 },
  dialectOptions: { ssl: sslOptions },
});

const common = { underscored: true, timestamps: true };
const uuidPk = { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true };
const tenantFk = { type: DataTypes.UUID, allowNull: false };

export const Tenant = sequelize.define('Tenant', {
  id: uuidPk,
  slug: { type: DataTypes.STRING, unique: true, allowNull: false },
  name: { type: DataTypes.STRING, allowNull: false },
  settings: DataTypes.JSONB,
}, { ...common, tableName: 'tenants' });

export const User = sequelize.define('User', {
  id: uuidPk,
  tenantId: tenantFk,
  email: { type: DataTypes.STRING, allowNull: false, unique: true },
  fullName: DataTypes.STRING,
  passwordHash: DataTypes.STRING,
  legacySalt: DataTypes.STRING,
  role: { type: DataTypes.STRING, defaultValue: 'recruiter' },
}, { ...common, tableName: 'users' });

export const Candidate = sequelize.define('Candidate', {
  id: uuidPk,
  tenantId: tenantFk,
  firstName: DataTypes.STRING,
  lastName: DataTypes.STRING,
  email: DataTypes.STRING,
  phone: DataTypes.STRING,
  source: DataTypes.STRING,
  linkedinUrl: DataTypes.STRING,
  tags: { type: DataTypes.ARRAY(DataTypes.STRING), defaultValue: [] },
  resumeText: DataTypes.TEXT,
}, { ...common, tableName: 'candidates' });

export const Job = sequelize.define('Job', {
  id: uuidPk,
  tenantId: tenantFk,
  title: { type: DataTypes.STRING, allowNull: false },
  department: DataTypes.STRING,
  location: DataTypes.STRING,
  status: { type: DataTypes.STRING, defaultValue: 'draft' },
  descriptionHtml: DataTypes.TEXT,
  postedAt: DataTypes.DATE,
}, { ...common, tableName: 'jobs' });

export const WebhookSubscription = sequelize.define('WebhookSubscription', {
  id: uuidPk,
  tenantId: tenantFk,
  url: { type: DataTypes.STRING(2048), allowNull: false },
  events: { type: DataTypes.ARRAY(DataTypes.STRING), defaultValue: ['*'] },
  legacy: { type: DataTypes.BOOLEAN, defaultValue: false },
  secretEnc: { type: DataTypes.TEXT, allowNull: false },
  active: { type: DataTypes.BOOLEAN, defaultValue: true },
}, { ...common, tableName: 'webhook_subscriptions' });

export const CalendarConnection = sequelize.define('CalendarConnection', {
  id: uuidPk,
  userId: { type: DataTypes.UUID, allowNull: false },
  provider: { type: DataTypes.STRING, allowNull: false },
  refreshToken: DataTypes.TEXT,
  icsUrl: DataTypes.STRING(2048),
  expiresAt: DataTypes.DATE,
}, { ...common, tableName: 'calendar_connections' });

export async function connectDatabases(): Promise<void> {
  await sequelize.authenticate();
  await mongoose.connect(config.mongoUrl, { serverSelectionTimeoutMS: 5000 });
}
