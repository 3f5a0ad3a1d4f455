import { Schema, model } from 'mongoose';

const auditSchema = new Schema({
  carrier: { type: String, index: true },
  action: String,
  actor: String,
  payload: Schema.Types.Mixed,
  at: { type: Date, default: Date.now },
});

export const AuditLog = model('AuditLog', auditSchema);
