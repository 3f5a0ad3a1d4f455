import { Schema, model, Types } from 'mongoose';

const addressSchema = new Schema(
  {
    line1: String,
    line2: String,
    city: String,
    state: String,
    postalCode: String,
  },
  { _id: false },
);

const patientSchema = new Schema(
  {
    mrn: { type: String, required: true, unique: true, index: true },
    firstName: { type: String, required: true },
    lastName: { type: String, required: true, index: true },
    dob: { type: String, required: true },
    sex: { type: String, enum: ['F', 'M', 'X', 'U'], default: 'U' },
    mobile: String,
    email: String,
    address: addressSchema,
    primaryClinician: String,
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);

const careNoteSchema = new Schema(
  {
    patientId: { type: Types.ObjectId, ref: 'Patient', required: true, index: true },
    authorName: { type: String, required: true },
    authorUid: String,
    category: { type: String, enum: ['progress', 'nursing', 'discharge', 'telephone'], default: 'progress' },
    text: { type: String, required: true },
    visibleToPatient: { type: Boolean, default: false },
  },
  { timestamps: true },
);

const vitalSchema = new Schema(
  {
    patientId: { type: Types.ObjectId, ref: 'Patient', required: true, index: true },
    kind: { type: String, enum: ['bp_systolic', 'bp_diastolic', 'heart_rate', 'weight', 'glucose', 'spo2'] },
    value: Number,
    unit: String,
    source: { type: String, enum: ['clinic', 'device', 'patient'], default: 'clinic' },
    recordedAt: { type: Date, default: Date.now },
  },
  { timestamps: false },
);

const preferenceSchema = new Schema(
  {
    patientId: { type: Types.ObjectId, ref: 'Patient', required: true, unique: true },
    settings: { type: Schema.Types.Mixed, default: {} },
    notifications: { type: Schema.Types.Mixed, default: { sms: true, email: true } },
  },
  { timestamps: true, minimize: false },
);

export const Patient = model('Patient', patientSchema);
export const CareNote = model('CareNote', careNoteSchema);
export const Vital = model('Vital', vitalSchema);
export const Preference = model('Preference', preferenceSchema);
