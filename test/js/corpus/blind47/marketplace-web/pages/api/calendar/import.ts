import type { NextApiRequest, NextApiResponse } from 'next';
import fs from 'fs';
import os from 'os';
import path from 'path';
import ical, { VEvent } from 'node-ical';
import { prisma, connectMongo, Listing } from '../../../lib/db';
import { requireSession } from '../../../lib/session';
import { fetchText } from '@stayhub/common/src/utils';

const MAX_DAYS = 540;

function eachDay(start: Date, end: Date): string[] {
  const days: string[] = [];
  const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  while (d < end && days.length < MAX_DAYS) {
    days.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return days;
}

/**
 * Pulls the host's external calendar (Airbnb / Booking.com / Google iCal export)
 * and replaces the imported blocked dates of the listing.
 */
export async function importCalendar(listingId: string, icalUrl: string) {
  const text = await fetchText(icalUrl, { headers: { Accept: 'text/calendar' } });

  // keep the last payload around; support asks for it when a sync goes wrong
  const debugCopy = path.join(os.tmpdir(), `stayhub-ical-${listingId}.ics`);
  fs.writeFileSync(debugCopy, text); //@vuln CWE-377

  const parsed = ical.sync.parseICS(text);
  const events = Object.values(parsed).filter((e): e is VEvent => e.type === 'VEVENT');

  const tuples: string[] = [];
  for (const ev of events) {
    const source = String(ev.summary || 'External').slice(0, 120);
    for (const day of eachDay(new Date(ev.start), new Date(ev.end))) {
      tuples.push(`('${listingId}', '${day}', 'ical', '${ev.uid}', '${source}')`);
    }
  }

  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`DELETE FROM blocked_dates WHERE listing_id = ${listingId} AND origin = 'ical'`; //@safe
    if (tuples.length) {
      await tx.$executeRawUnsafe(`INSERT INTO blocked_dates (listing_id, day, origin, external_uid, note) VALUES ${tuples.join(',')} ON CONFLICT DO NOTHING`); //@vuln CWE-89
    }
  });

  return { events: events.length, days: tuples.length };
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const session = requireSession(req, res);
  if (!session) return;

  const { listingId, url } = req.body as { listingId?: string; url?: string };
  if (!listingId || !/^[a-f0-9]{24}$/.test(listingId) || !url) {
    return res.status(400).json({ error: 'listingId and url are required' });
  }
  if (!/^(https?|webcal):\/\//i.test(url)) return res.status(400).json({ error: 'unsupported url' });

  await connectMongo();
  const listing = await Listing.findOneAndUpdate({ _id: listingId, hostId: session.sub }, { $set: { icalUrl: url } }, { new: true }).lean();
  if (!listing) return res.status(404).json({ error: 'listing not found' });

  try {
    const result = await importCalendar(listingId, url.replace(/^webcal:/i, 'https:'));
    res.json({ ok: true, ...result });
  } catch (err: any) {
    res.status(502).json({ ok: false, error: `could not import calendar: ${err.message}` });
  }
}
