import mongoose, { Schema } from 'mongoose';
import { config } from '../config';

await mongoose.connect(config.mongoUrl);

const jobLogSchema = new Schema({
  jobId: { type: String, index: true },
  tenant: { type: String, index: true },
  level: { type: String, enum: ['debug', 'info', 'warn', 'error'] },
  message: String,
  ts: { type: Date, default: Date.now },
});

export const JobLog = mongoose.model('JobLog', jobLogSchema);
