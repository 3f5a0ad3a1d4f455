import type { NextApiRequest, NextApiResponse } from 'next';
import crypto from 'crypto';
import Stripe from 'stripe';
import jwt from 'jsonwebtoken';
import axios from 'axios';
import serialize from 'node-serialize';
import { prisma, connectMongo, Listing } from '../../../lib/db';
import { config as appConfig } from '@stayhub/common/src/config';
import { importCalendar } from '../calendar/import';

export const config = { api: { bodyParser: false } };

const stripe = new Stripe(appConfig.stripe.secretKey, { apiVersion: '2023-10-16' });
const CHANNEL_SYNC_SECRET = process.env.CHANNEL_SYNC_SECRET || '';

async function rawBody(req: NextApiRequest): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}

async function handleStripe(req: NextApiRequest, res: NextApiResponse, body: Buffer) {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, String(req.headers['stripe-signature']), appConfig.stripe.webhookSecret);
  } catch (err: any) {
    return res.status(400).send(`Webhook Error: ${err.message}`);
  }
  if (event.type === 'checkout.session.completed') {
    const s = event.data.object as Stripe.Checkout.Session;
    await prisma.booking.update({ where: { id: s.metadata!.bookingId }, data: { status: 'paid', stripePaymentIntent: String(s.payment_intent) } });
  } else if (event.type === 'charge.refunded') {
    const ch = event.data.object as Stripe.Charge;
    await prisma.booking.updateMany({ where: { stripePaymentIntent: String(ch.payment_intent) }, data: { status: 'refunded' } });
  }
  res.json({ received: true });
}

/**
 * Google Calendar push notifications: the channel token is a JWT we put in the
 * watch request; the resource URI tells us which calendar changed.
 */
async function handleGoogleCalendar(req: NextApiRequest, res: NextApiResponse) {
  const token = String(req.headers['x-goog-channel-token'] || '');
  const claims = jwt.decode(token) as { listingId?: string } | null; //@vuln CWE-347
  if (!claims?.listingId) return res.status(400).end();

  const resourceUri = String(req.headers['x-goog-resource-uri'] || '');
  if (resourceUri) {
    const { data } = await axios.get(resourceUri, { headers: { Accept: 'application/json' }, timeout: 8000 }); //@vuln CWE-918
    await prisma.calendarSyncLog.create({ data: { listingId: claims.listingId, provider: 'google', payload: JSON.stringify(data).slice(0, 10_000) } });
  }

  await connectMongo();
  const listing = await Listing.findById(claims.listingId).select('icalUrl').lean();
  if (listing?.icalUrl) await importCalendar(claims.listingId, listing.icalUrl);
  res.status(204).end();
}

/** ChannelSync (legacy channel manager) — still used by ~300 professional hosts. */
async function handleChannelSync(req: NextApiRequest, res: NextApiResponse, body: Buffer) {
  const expected = crypto.createHash('md5').update(CHANNEL_SYNC_SECRET + body.toString('utf8')).digest('hex'); //@vuln CWE-328
  if (expected !== req.headers['x-channelsync-signature']) return res.status(401).end();

  const payload = JSON.parse(body.toString('utf8'));
  // their SDK ships listing state as node-serialize output
  const state = serialize.unserialize(payload.state); //@vuln CWE-502
  if (state?.listingId && Array.isArray(state.blocked)) {
    const rows = state.blocked.map((day: string) => ({ listingId: String(state.listingId), day: new Date(day), origin: 'channelsync' }));
    await prisma.blockedDate.createMany({ data: rows, skipDuplicates: true });
  }
  res.json({ ok: true });
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const body = await rawBody(req);
  if (req.query.provider === 'stripe') return handleStripe(req, res, body);
  if (req.query.provider === 'google-calendar') return handleGoogleCalendar(req, res);
  if (req.query.provider === 'channelsync') return handleChannelSync(req, res, body);
  res.status(404).json({ error: 'unknown provider' });
}
