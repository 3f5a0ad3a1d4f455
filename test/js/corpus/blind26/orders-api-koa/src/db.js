'use strict';

const { Sequelize, DataTypes } = require('sequelize');
const config = require('./config');

const sequelize = new Sequelize(config.db.database, config.db.username, config.db.password, {
  host: config.db.host,
  port: config.db.port,
  dialect: 'postgres',
  logging: config.env === 'development' ? console.log : false,
  dialectOptions: {
    ssl: { require: true, rejectUnauthorized: false }, //@vuln CWE-295
  },
  pool: { max: config.db.poolMax, idle: 10000 },
});

const Order = sequelize.define('Order', {
  id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
  reference: { type: DataTypes.STRING(24), allowNull: false, unique: true },
  customerId: { type: DataTypes.INTEGER, allowNull: false },
  region: { type: DataTypes.STRING(32) },
  status: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'pending' },
  total: { type: DataTypes.DECIMAL(10, 2) },
  notes: { type: DataTypes.TEXT },
}, { tableName: 'orders', underscored: true });

module.exports = { sequelize, Order };
