'use strict';
const { Sequelize, DataTypes } = require('sequelize');
const config = require('../../shared/config');

const sequelize = new Sequelize(config.mysql.database, config.mysql.user, config.mysql.password, {
  host: config.mysql.host,
  port: config.mysql.port,
  dialect: 'mysql',
  logging: config.isProd ? false : console.log,
  pool: { max: 10, min: 0, idle: 10000 },
  define: { underscored: true },
});

const User = sequelize.define('User', {
  email: { type: DataTypes.STRING, allowNull: false, unique: true },
  displayName: DataTypes.STRING,
  role: { type: DataTypes.ENUM('viewer', 'support', 'admin'), defaultValue: 'viewer' },
  status: { type: DataTypes.STRING, defaultValue: 'active' },
  passwordHash: DataTypes.STRING,
  avatarPath: DataTypes.STRING,
  settings: { type: DataTypes.JSON, defaultValue: {} },
  lastLoginAt: DataTypes.DATE,
}, { tableName: 'users' });

const Order = sequelize.define('Order', {
  reference: { type: DataTypes.STRING, unique: true },
  customerEmail: DataTypes.STRING,
  status: DataTypes.STRING,
  totalCents: DataTypes.INTEGER,
  currency: DataTypes.STRING(3),
  region: DataTypes.STRING,
}, { tableName: 'orders' });

const AuditLog = sequelize.define('AuditLog', {
  actorId: DataTypes.INTEGER,
  action: DataTypes.STRING,
  detail: DataTypes.TEXT,
}, { tableName: 'audit_log', updatedAt: false });

User.hasMany(AuditLog, { foreignKey: 'actorId' });

module.exports = { sequelize, User, Order, AuditLog };
