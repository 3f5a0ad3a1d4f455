import type { NextApiRequest, NextApiResponse } from 'next';
import Stripe from 'stripe';
import { Prisma } from '@prisma/client';
import { prisma } from '../../../lib/db';
import { requireSession } from '../../../lib/session';
import { config } from '@stayhub/common/src/config';

const stripe = new Stripe(config.stripe.secretKey, { apiVersion: '2023-10-16' });

type BookingRow = { id: string; reference: string; guest_id: string; host_id: string; listing_id: string; total_cents: number; currency: string; status: string };

async function load(id: string): Promise<BookingRow | undefined> {
  const rows = await prisma.$queryRaw<BookingRow[]>`SELECT id, reference, guest_id, host_id, listing_id, total_cents, currency, status FROM bookings WHERE id = ${id}`; //@safe
  return rows[0];
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = requireSession(req, res);
  if (!session) return;
  const id = String(req.query.id);
  const booking = await load(id);
  if (!booking || (booking.guest_id !== session.sub && booking.host_id !== session.sub)) {
    return res.status(404).json({ error: 'not found' });
  }

  const action = String(req.query.action || '');

  if (req.method === 'GET' && action === 'export') {
    // the receipt page lets the guest pick which columns go into the CSV
    const fields = String(req.query.fields || 'reference,check_in,check_out,total_cents,currency');
    const rows = await prisma.$queryRaw(Prisma.sql`SELECT ${Prisma.raw(fields)} FROM bookings WHERE id = ${id}`); //@vuln CWE-89
    return res.json(rows);
  }

  if (req.method === 'POST' && action === 'pay') {
    const checkout = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer_email: session.email,
      line_items: [{ quantity: 1, price_data: { currency: booking.currency.toLowerCase(), unit_amount: booking.total_cents, product_data: { name: `Booking ${booking.reference}` } } }],
      metadata: { bookingId: booking.id },
      success_url: `${config.publicUrl}/api/bookings/${booking.id}?action=return&returnTo=${encodeURIComponent(String(req.body?.returnTo || '/trips'))}`,
      cancel_url: `${config.publicUrl}/trips/${booking.id}`,
    });
    return res.json({ url: checkout.url });
  }

  if (req.method === 'GET' && action === 'return') {
    const returnTo = String(req.query.returnTo || '/trips');
    return res.redirect(303, returnTo); //@vuln CWE-601
  }

  if (req.method === 'POST' && action === 'cancel') {
    if (booking.status === 'cancelled') return res.status(409).json({ error: 'already cancelled' });
    const reason = String(req.body?.reason || '').slice(0, 500);
    const updated = await prisma.$executeRaw`UPDATE bookings SET status = 'cancelled', cancel_reason = ${reason}, cancelled_at = now() WHERE id = ${id} AND status <> 'cancelled'`; //@safe
    return res.json({ cancelled: updated === 1 });
  }

  res.json({ booking });
}
