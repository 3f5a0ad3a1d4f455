import { Router } from 'express';
import axios from 'axios';
import libxmljs from 'libxmljs2';
import { config } from '@newsroom/shared/config';
import { query, one } from '@newsroom/shared/db';
import { escapeXml, assertAllowedUrl, partnerAgent, defaultAgent } from '@newsroom/shared/helpers';
import { sitemapEntries, listBySection } from '../repositories/articleRepo';
import { asyncHandler, requireEditor } from '../middleware';

const router = Router();
const SECTIONS = ['news', 'politics', 'business', 'sport', 'culture', 'opinion'];

interface SyndicatedItem {
  guid: string;
  title: string;
  link: string;
  summary: string;
  published: string;
}

function extractItems(doc: libxmljs.Document): SyndicatedItem[] {
  return doc.find('//channel/item').map((item: any) => ({
    guid: item.get('guid')?.text() ?? item.get('link')?.text() ?? '',
    title: item.get('title')?.text() ?? '',
    link: item.get('link')?.text() ?? '',
    summary: item.get('description')?.text() ?? '',
    published: item.get('pubDate')?.text() ?? '',
  }));
}

router.get('/rss/:section.xml', asyncHandler(async (req, res) => {
  const section = SECTIONS.includes(req.params.section) ? req.params.section : 'news';
  const articles = await listBySection(section, 'published_at', 'desc', 50, 0);
  const items = articles
    .map((a) => `<item><title>${escapeXml(a.title)}</title><link>${config.publicBaseUrl}/articles/${encodeURIComponent(a.slug)}</link><guid isPermaLink="false">${a.id}</guid><description>${escapeXml(a.summary)}</description><pubDate>${a.published_at?.toUTCString()}</pubDate></item>`)
    .join('\n');
  res.type('application/rss+xml').send(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>The Daily Ledger — ${escapeXml(section)}</title><link>${config.publicBaseUrl}</link>\n${items}\n</channel></rss>`);
}));

router.get('/sitemap-:year-:month.xml', asyncHandler(async (req, res) => {
  const entries = await sitemapEntries(req.params.year, req.params.month);
  const urls = entries.map((e) => `<url><loc>${config.publicBaseUrl}/${e.section}/${encodeURIComponent(e.slug)}</loc><lastmod>${e.updated_at.toISOString()}</lastmod></url>`);
  res.type('application/xml').send(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`);
}));

// editors paste a feed URL to see what a prospective partner would give us
router.post('/api/syndication/preview', requireEditor, asyncHandler(async (req, res) => {
  const feedUrl = String(req.body.feedUrl ?? '');
  const upstream = await axios.get<string>(feedUrl, { responseType: 'text', timeout: 8000, httpsAgent: partnerAgent }); //@vuln CWE-918
  const doc = libxmljs.parseXml(upstream.data, { noent: true, dtdload: true, nonet: false }); //@vuln CWE-611
  res.json({ items: extractItems(doc).slice(0, 20) });
}));

// cron hits this every 10 minutes per active partner
router.post('/api/syndication/pull/:partnerId', requireEditor, asyncHandler(async (req, res) => {
  const partner = await one<{ id: string; feed_url: string; section: string }>('SELECT id, feed_url, section FROM partners WHERE id = $1 AND active', [req.params.partnerId]);
  if (!partner) return res.status(404).end();

  const url = assertAllowedUrl(partner.feed_url, config.partnerFeedHosts);
  const upstream = await axios.get<string>(url.href, { responseType: 'text', timeout: 8000, httpsAgent: defaultAgent, maxRedirects: 0 }); //@safe
  const doc = libxmljs.parseXml(upstream.data, { noent: false, dtdload: false, nonet: true }); //@safe

  let inserted = 0;
  for (const item of extractItems(doc)) {
    const result = await query(
      `INSERT INTO syndicated_items (partner_id, guid, title, link, summary, published_at, section)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (partner_id, guid) DO NOTHING RETURNING id`,
      [partner.id, item.guid, item.title, item.link, item.summary, new Date(item.published || Date.now()), partner.section],
    );
    inserted += result.length;
  }
  res.json({ inserted });
}));

// desk view of an incoming wire item before it is turned into a draft
router.get('/api/syndication/items/:id', requireEditor, asyncHandler(async (req, res) => {
  const item = await one<{ title: string; link: string; summary: string }>('SELECT title, link, summary FROM syndicated_items WHERE id = $1', [req.params.id]);
  if (!item) return res.status(404).end();
  res.type('html').send(`<article class="wire"><h1>${escapeXml(item.title)}</h1><div class="summary">${item.summary}</div><a href="${escapeXml(item.link)}">source</a></article>`); //@vuln CWE-79
}));

export default router;
