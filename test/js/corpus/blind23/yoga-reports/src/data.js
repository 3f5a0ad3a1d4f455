import { Sequelize, DataTypes, QueryTypes } from 'sequelize';
import { MongoClient } from 'mongodb';

export const sequelize = new Sequelize(process.env.REPORTS_DB_URL ?? 'mysql://reports@localhost:3306/reports', {
  logging: false,
  pool: { max: 10 },
});

export const Report = sequelize.define('Report', {
  title: { type: DataTypes.STRING, allowNull: false },
  owner: { type: DataTypes.STRING, allowNull: false },
  status: { type: DataTypes.ENUM('draft', 'published', 'archived'), defaultValue: 'draft' },
  tag: DataTypes.STRING,
  views: { type: DataTypes.INTEGER, defaultValue: 0 },
  definition: DataTypes.JSON,
}, { tableName: 'reports' });

const mongo = new MongoClient(process.env.EVENTS_MONGO_URL ?? 'mongodb://events_rw:Ev3nts-rw-2024@mongo-events.internal:27017/events?authSource=admin'); //@vuln CWE-798
let eventsDb;

export async function connect() {
  await sequelize.authenticate();
  await mongo.connect();
  eventsDb = mongo.db('events');
}

const events = () => eventsDb.collection('events');

export async function reportsForOwner(owner, status) {
  let sql = `SELECT id, title, status, views FROM reports WHERE owner = '${owner}'`;
  if (status) sql += ` AND status = '${status}'`;
  return sequelize.query(sql, { type: QueryTypes.SELECT }); //@vuln CWE-89
}

export async function reportsByTag(tag) {
  return sequelize.query('SELECT id, title, status FROM reports WHERE tag = :tag ORDER BY updatedAt DESC', { replacements: { tag }, type: QueryTypes.SELECT }); //@safe
}

export async function topReports(orderBy, limit) {
  return Report.findAll({ order: sequelize.literal(orderBy || 'views DESC'), limit: Math.min(Number(limit) || 10, 50) }); //@vuln CWE-89
}

export async function recentReports(direction) {
  const dir = direction === 'ASC' ? 'ASC' : 'DESC';
  return Report.findAll({ order: [['updatedAt', dir]], limit: 20 });
}

export async function findEvents(filter, limit = 100) {
  return events().find(filter).limit(limit).toArray(); //@vuln CWE-943
}

export async function eventsForUser(userId, type) {
  const q = { userId: String(userId) };
  if (typeof type === 'string') q.type = type;
  return events().find(q).sort({ ts: -1 }).limit(100).toArray(); //@safe
}

export async function eventsWhere(field, value) {
  return events().find({ $where: `this.payload.${field} == '${value}'` }).limit(100).toArray(); //@vuln CWE-943
}
