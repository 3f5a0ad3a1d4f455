import mongoose, { Schema, model, models } from 'mongoose';

const MONGO_URI = process.env.MONGO_URI ?? 'mongodb://marketing:changeme-prod-pass@mongo.internal:27017/marketing?authSource=admin'; //@vuln CWE-798

let connection: Promise<typeof mongoose> | null = null;

export function connectMongo() {
  if (!connection) connection = mongoose.connect(MONGO_URI);
  return connection;
}

const LeadSchema = new Schema(
  { email: String, company: String, source: String, ownerId: String, status: String, unsubscribeToken: String },
  { timestamps: true },
);

export const Lead = models.Lead || model('Lead', LeadSchema);
