const mongoose = require('mongoose');

const userSchema = new mongoose.Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true },
    displayName: String,
    passwordHash: String,
    legacyHash: String,
    roles: { type: [String], default: ['reader'] },
    preferences: { type: mongoose.Schema.Types.Mixed, default: {} },
    resetToken: String,
    resetExpires: Date,
  },
  { timestamps: true, minimize: false }
);

module.exports = mongoose.model('User', userSchema);
