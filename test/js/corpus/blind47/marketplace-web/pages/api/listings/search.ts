import type { NextApiRequest, NextApiResponse } from 'next';
import type { FilterQuery, SortOrder } from 'mongoose';
import { connectMongo, Listing, ListingDoc } from '../../../lib/db';
import { escapeRegExp } from '@stayhub/common/src/utils';

const PAGE_SIZE = 24;

const SORTS: Record<string, Record<string, SortOrder>> = {
  price: { nightlyPriceCents: 1 },
  '-price': { nightlyPriceCents: -1 },
  rating: { rating: -1 },
  newest: { createdAt: -1 },
};

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const num = (v: string | string[] | undefined, fallback: number) => (Number.isFinite(Number(str(v))) && str(v) !== undefined ? Number(str(v)) : fallback);

function buildFilter(q: NextApiRequest['query']): FilterQuery<ListingDoc> {
  const filter: FilterQuery<ListingDoc> = { status: 'published' };

  const city = str(q.city);
  if (city) filter.city = city;

  const amenities = str(q.amenities);
  if (amenities) filter.amenities = { $all: amenities.split(',').map((a) => a.trim()) };

  const minPrice = num(q.minPrice, 0);
  const maxPrice = num(q.maxPrice, 0);
  if (minPrice || maxPrice) {
    filter.nightlyPriceCents = {};
    if (minPrice) filter.nightlyPriceCents.$gte = minPrice * 100;
    if (maxPrice) filter.nightlyPriceCents.$lte = maxPrice * 100;
  }

  const keyword = str(q.q);
  if (keyword) filter.title = { $regex: new RegExp(keyword, 'i') }; //@vuln CWE-1333

  const host = str(q.host);
  if (host) filter.slug = { $regex: new RegExp('^' + escapeRegExp(host)) }; //@safe

  return filter;
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'GET') return res.status(405).end();
  if (req.query.guests && !req.query.lat) return searchByCapacity(req, res);
  await connectMongo();

  const filter = buildFilter(req.query);

  const lat = num(req.query.lat, NaN);
  const lng = num(req.query.lng, NaN);
  if (Number.isFinite(lat) && Number.isFinite(lng)) {
    const radiusKm = Math.min(num(req.query.radiusKm, 15), 100);
    filter.location = { $geoWithin: { $centerSphere: [[lng, lat], radiusKm / 6378.1] } };
  }

  // the map view sends the rest of its faceted filters as a JSON blob
  const advanced = str(req.query.filters);
  const extra = advanced ? JSON.parse(advanced) : {};

  const page = Math.max(1, num(req.query.page, 1));
  const sort = SORTS[str(req.query.sort) || 'price'] ?? SORTS.price;

  try {
    const [items, total] = await Promise.all([
      Listing.find({ ...filter, ...extra }).sort(sort).skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).select('-settings -icalUrl').lean(), //@vuln CWE-943
      Listing.countDocuments(filter),
    ]);
    res.setHeader('Cache-Control', 's-maxage=30, stale-while-revalidate=120');
    res.json({ items, total, page, pageSize: PAGE_SIZE });
  } catch (err) {
    res.status(400).json({ error: 'invalid search' });
  }
}

/** GET /api/listings/search?guests=4&city=Porto (legacy mobile app, no map). */
export async function searchByCapacity(req: NextApiRequest, res: NextApiResponse) {
  await connectMongo();
  const guests = str(req.query.guests) || '1';
  const city = str(req.query.city) || '';
  const items = await Listing.find({ status: 'published', city, $where: `this.maxGuests >= ${guests}` }).limit(PAGE_SIZE).lean(); //@vuln CWE-943
  res.json({ items });
}
