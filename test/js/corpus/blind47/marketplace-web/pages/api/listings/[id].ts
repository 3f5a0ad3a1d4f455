import type { NextApiRequest, NextApiResponse } from 'next';
import sanitizeHtml from 'sanitize-html';
import { connectMongo, Listing } from '../../../lib/db';
import { requireSession } from '../../../lib/session';
import { deepMerge, setByPath, escapeHtml } from '@stayhub/common/src/utils';

const DESCRIPTION_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'h3', 'h4', 'a'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['https', 'mailto'],
};

async function getListing(req: NextApiRequest, res: NextApiResponse) {
  const key = String(req.query.id);
  const listing = /^[a-f0-9]{24}$/.test(key)
    ? await Listing.findOne({ _id: key, status: 'published' }).select('-settings -icalUrl').lean()
    : await Listing.findOne({ slug: key, status: 'published' }).select('-settings -icalUrl').lean();

  if (!listing) {
    if ((req.headers.accept || '').includes('text/html')) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      return res.status(404).send(`<!doctype html><h1>Listing not found</h1><p>We couldn't find <b>${key}</b>. <a href="/search">Back to search</a></p>`); //@vuln CWE-79
    }
    return res.status(404).json({ error: 'not found' });
  }
  res.json(listing);
}

async function embed(req: NextApiRequest, res: NextApiResponse) {
  // tiny HTML card used by hosts on their own websites (iframe)
  const listing = await Listing.findOne({ slug: String(req.query.id), status: 'published' }).lean();
  if (!listing) return res.status(404).end();
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.send(`<!doctype html><div class="sh-card"><h2>${escapeHtml(listing.title)}</h2><p>${escapeHtml(listing.city)} · from ${escapeHtml((listing.nightlyPriceCents ?? 0) / 100)} ${escapeHtml(listing.currency)}</p></div>`); //@safe
}

async function updateListing(req: NextApiRequest, res: NextApiResponse) {
  const session = requireSession(req, res);
  if (!session) return;
  const listing = await Listing.findOne({ _id: String(req.query.id), hostId: session.sub });
  if (!listing) return res.status(404).json({ error: 'not found' });

  const body = req.body || {};
  if (typeof body.title === 'string') listing.title = body.title.slice(0, 140);
  if (typeof body.descriptionHtml === 'string') listing.descriptionHtml = sanitizeHtml(body.descriptionHtml, DESCRIPTION_POLICY);
  if (typeof body.nightlyPrice === 'number' && body.nightlyPrice > 0) listing.nightlyPriceCents = Math.round(body.nightlyPrice * 100);

  if (body.settings && typeof body.settings === 'object') {
    listing.settings = deepMerge({ ...(listing.settings as object) }, body.settings);
  }
  if (Array.isArray(body.set)) {
    const settings = { ...(listing.settings as Record<string, unknown>) };
    for (const op of body.set as { path: string; value: unknown }[]) setByPath(settings, String(op.path), op.value);
    listing.settings = settings;
  }
  listing.markModified('settings');
  await listing.save();
  res.json({ ok: true, listing });
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  await connectMongo();
  if (req.method === 'GET' && req.query.format === 'embed') return embed(req, res);
  if (req.method === 'GET') return getListing(req, res);
  if (req.method === 'PATCH') return updateListing(req, res);
  res.status(405).end();
}
