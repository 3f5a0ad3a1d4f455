var mongoose = require('mongoose');
var Schema = mongoose.Schema;

exports.User = mongoose.model('User', new Schema({
  email: { type: String, unique: true, lowercase: true },
  passwordHash: String,
  role: { type: String, default: 'customer' },
  rememberToken: String,
  resetToken: String,
  resetExpires: Number,
  preferences: { type: Schema.Types.Mixed, default: {} }
}));

exports.Product = mongoose.model('Product', new Schema({
  name: String,
  slug: { type: String, index: true },
  category: String,
  brand: String,
  price: Number,
  discount: { type: Number, default: 0 },
  active: { type: Boolean, default: true },
  attributes: { type: Schema.Types.Mixed, default: {} }
}));
