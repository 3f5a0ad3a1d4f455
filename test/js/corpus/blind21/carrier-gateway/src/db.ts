import { knex as createKnex } from 'knex';
import { Model } from 'objection';
import mongoose from 'mongoose';

export const knex = createKnex({ client: 'pg', connection: process.env.GATEWAY_DATABASE_URL });
Model.knex(knex);

export async function connectAuditStore() {
  await mongoose.connect(process.env.AUDIT_MONGO_URL ?? 'mongodb://localhost:27017/gateway_audit');
}
