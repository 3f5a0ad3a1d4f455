import type { NextApiRequest, NextApiResponse } from 'next';
import { z } from 'zod';
import { Prisma } from '@prisma/client';
import { prisma, connectMongo, Listing, HostProfile } from '../../../lib/db';
import { requireSession, partnerFromBearer } from '../../../lib/session';
import { bookingReference } from '@stayhub/common/src/security';
import { sendBookingConfirmation } from '@stayhub/common/src/mailer';

const createSchema = z.object({
  listingId: z.string().regex(/^[a-f0-9]{24}$/),
  checkIn: z.coerce.date(),
  checkOut: z.coerce.date(),
  guests: z.number().int().min(1).max(16),
});

async function isAvailable(listingId: string, from: Date, to: Date): Promise<boolean> {
  const rows = await prisma.$queryRawUnsafe<{ n: bigint }[]>('SELECT count(*) AS n FROM blocked_dates WHERE listing_id = $1 AND day >= $2 AND day < $3', listingId, from, to); //@safe
  return Number(rows[0]?.n ?? 0) === 0;
}

async function listForGuest(req: NextApiRequest, res: NextApiResponse, userId: string) {
  const status = (req.query.status as string) || 'confirmed';
  const order = (req.query.order as string) || 'check_in DESC';
  const rows = await prisma.$queryRawUnsafe(`SELECT b.id, b.reference, b.listing_id, b.check_in, b.check_out, b.total_cents, b.currency, b.status FROM bookings b WHERE b.guest_id = '${userId}' AND b.status = '${status}' ORDER BY ${order} LIMIT 50`); //@vuln CWE-89
  res.json({ bookings: rows });
}

async function hostEarnings(req: NextApiRequest, res: NextApiResponse, hostId: string) {
  const currency = String(req.query.currency || 'EUR');
  const year = Number.parseInt(String(req.query.year || new Date().getFullYear()), 10);
  const sql = `SELECT date_trunc('month', paid_at) AS month, sum(amount_cents) AS total FROM payouts WHERE host_id = '${hostId}' AND currency = '${currency}' AND extract(year from paid_at) = ${year} GROUP BY 1 ORDER BY 1`;
  const rows = await prisma.$queryRawUnsafe(sql); //@vuln CWE-89
  res.json({ currency, year, months: rows });
}

async function listForPartner(req: NextApiRequest, res: NextApiResponse) {
  const partner = partnerFromBearer(req);
  if (!partner) return res.status(401).json({ error: 'missing token' });
  const bookings = await prisma.booking.findMany({ where: { hostId: partner.hostId, checkIn: { gte: new Date() } }, orderBy: { checkIn: 'asc' }, take: 200 });
  res.json({ partnerId: partner.partnerId, bookings });
}

async function create(req: NextApiRequest, res: NextApiResponse, userId: string, email: string) {
  const parsed = createSchema.safeParse(req.body);
  if (!parsed.success) return res.status(422).json({ error: parsed.error.flatten() });
  const { listingId, checkIn, checkOut, guests } = parsed.data;
  if (checkOut <= checkIn) return res.status(422).json({ error: 'checkOut must be after checkIn' });

  await connectMongo();
  const listing = await Listing.findById(listingId).lean();
  if (!listing || listing.status !== 'published') return res.status(404).json({ error: 'listing not found' });
  if ((listing.maxGuests ?? 0) < guests) return res.status(422).json({ error: 'too many guests' });
  if (!(await isAvailable(listingId, checkIn, checkOut))) return res.status(409).json({ error: 'dates not available' });

  const nights = Math.round((checkOut.getTime() - checkIn.getTime()) / 86_400_000);
  const booking = await prisma.booking.create({
    data: { reference: bookingReference(), listingId, hostId: listing.hostId!, guestId: userId, checkIn, checkOut, guestCount: guests, totalCents: nights * (listing.nightlyPriceCents ?? 0), currency: listing.currency ?? 'EUR', status: 'confirmed' },
  });

  const host = await HostProfile.findOne({ userId: listing.hostId }).lean();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  await sendBookingConfirmation({ to: email, guestName: String(req.body.guestName || email), listingTitle: listing.title ?? 'your stay', checkIn: day(checkIn), checkOut: day(checkOut), totalCents: booking.totalCents, currency: booking.currency, reference: booking.reference, hostNote: host?.welcomeNote });

  res.status(201).json({ booking });
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  try {
    if (req.method === 'GET' && req.headers.authorization) return await listForPartner(req, res);
    const session = requireSession(req, res);
    if (!session) return;
    if (req.method === 'GET' && req.query.view === 'earnings' && session.role === 'host') return await hostEarnings(req, res, session.sub);
    if (req.method === 'GET') return await listForGuest(req, res, session.sub);
    if (req.method === 'POST') return await create(req, res, session.sub, session.email);
    res.status(405).end();
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError) return res.status(400).json({ error: err.code });
    throw err;
  }
}
