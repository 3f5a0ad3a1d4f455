import { PrismaClient } from '@prisma/client';
import mongoose, { Schema, model, models, Model, InferSchemaType } from 'mongoose';
import { config } from '@stayhub/common/src/config';

const globalForDb = globalThis as unknown as { prisma?: PrismaClient; mongoConn?: Promise<typeof mongoose> };

/** Prisma / Postgres: bookings, payouts, users. */
export const prisma = globalForDb.prisma ?? new PrismaClient({ log: config.isProd ? ['error'] : ['query', 'warn', 'error'] });
if (!config.isProd) globalForDb.prisma = prisma;

/** MongoDB: listings catalogue, messages, host profiles. */
export function connectMongo(): Promise<typeof mongoose> {
  if (!globalForDb.mongoConn) {
    mongoose.set('strictQuery', true);
    globalForDb.mongoConn = mongoose.connect(config.mongoUrl, { maxPoolSize: 20 });
  }
  return globalForDb.mongoConn;
}

const listingSchema = new Schema(
  {
    slug: { type: String, unique: true, index: true },
    hostId: { type: String, index: true },
    title: String,
    descriptionHtml: String,
    city: { type: String, index: true },
    country: String,
    propertyType: { type: String, enum: ['apartment', 'house', 'cabin', 'room', 'villa'] },
    maxGuests: Number,
    nightlyPriceCents: Number,
    currency: { type: String, default: 'EUR' },
    amenities: [String],
    rating: Number,
    status: { type: String, enum: ['draft', 'published', 'suspended'], default: 'draft' },
    location: {
      type: { type: String, enum: ['Point'], default: 'Point' },
      coordinates: { type: [Number], index: '2dsphere' },
    },
    photos: [{ key: String, thumbKey: String, fingerprint: String }],
    settings: { type: Schema.Types.Mixed, default: {} },
    icalUrl: String,
  },
  { timestamps: true },
);

export type ListingDoc = InferSchemaType<typeof listingSchema>;
export const Listing: Model<ListingDoc> = models.Listing || model('Listing', listingSchema);

const hostProfileSchema = new Schema(
  {
    userId: { type: String, index: true },
    email: { type: String, index: true },
    displayName: String,
    partnerApiKey: { type: String, index: true },
    welcomeNote: String,
  },
  { timestamps: true },
);

export const HostProfile: Model<InferSchemaType<typeof hostProfileSchema>> = models.HostProfile || model('HostProfile', hostProfileSchema);
