import mongoose, { Schema } from 'mongoose';

const UserSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true },
    bio: { type: String, default: '' },
    passwordHash: String,
    legacyHash: String,
    legacySalt: String,
    role: { type: String, enum: ['owner', 'admin', 'support', 'viewer'], default: 'viewer' },
    orgId: { type: Schema.Types.ObjectId, ref: 'Org', required: true, index: true },
    active: { type: Boolean, default: true },
    resetToken: String,
    resetExpires: Date,
    inviteCode: String,
    preferences: { type: Schema.Types.Mixed, default: {} },
    avatarPath: String,
    lastLoginAt: Date,
  },
  { timestamps: true },
);

const OrgSchema = new Schema(
  {
    name: { type: String, required: true },
    plan: { type: String, default: 'starter' },
    settings: { type: Schema.Types.Mixed, default: {} },
    emailTemplates: {
      invoiceReady: String,
      invoiceReadySubject: String,
    },
    webhooks: [
      {
        url: String,
        events: [String],
        secret: String,
        createdAt: { type: Date, default: Date.now },
      },
    ],
  },
  { timestamps: true },
);

export const User = mongoose.model('User', UserSchema);
export const Org = mongoose.model('Org', OrgSchema);
