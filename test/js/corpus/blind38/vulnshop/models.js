'use strict';

const { Sequelize, DataTypes } = require('sequelize');
const mongoose = require('mongoose');
const config = require('./config');

// ---- SQL side (catalogue, coupons, orders) --------------------------------

const sequelize = new Sequelize({
  dialect: 'sqlite',
  storage: config.sqlite.storage,
  logging: config.sqlite.logging,
});

const Product = sequelize.define('Product', {
  name: { type: DataTypes.STRING, allowNull: false },
  description: DataTypes.TEXT,
  price: DataTypes.DECIMAL(10, 2),
  category: DataTypes.STRING,
  stock: { type: DataTypes.INTEGER, defaultValue: 0 },
});

const Coupon = sequelize.define('Coupon', {
  code: { type: DataTypes.STRING, unique: true },
  discount: { type: DataTypes.INTEGER, defaultValue: config.coupons.defaultDiscount },
  signature: DataTypes.STRING,
  redeemed: { type: DataTypes.BOOLEAN, defaultValue: false },
  redeemedBy: DataTypes.STRING,
});

const Order = sequelize.define('Order', {
  userId: DataTypes.STRING,
  total: DataTypes.DECIMAL(10, 2),
  status: { type: DataTypes.STRING, defaultValue: 'new' },
  couponCode: DataTypes.STRING,
});

Order.belongsTo(Product);

// ---- Mongo side (users, contact messages) ---------------------------------

const userSchema = new mongoose.Schema({
  username: { type: String, unique: true, required: true, trim: true },
  email: { type: String, lowercase: true },
  password: String,
  apiKey: String,
  role: { type: String, enum: ['customer', 'staff', 'admin'], default: 'customer' },
  bio: String,
  website: String,
  avatarPath: String,
  resetToken: String,
  resetExpires: Date,
  preferences: { type: mongoose.Schema.Types.Mixed, default: {} },
}, { timestamps: true, minimize: false });

const messageSchema = new mongoose.Schema({
  name: String,
  email: String,
  subject: String,
  body: String,
  link: String,
  linkPreview: String,
  read: { type: Boolean, default: false },
}, { timestamps: true });

const User = mongoose.model('User', userSchema);
const Message = mongoose.model('Message', messageSchema);

async function connect() {
  await mongoose.connect(config.mongoUri);
  await sequelize.sync();
}

module.exports = { sequelize, Product, Coupon, Order, User, Message, connect };
