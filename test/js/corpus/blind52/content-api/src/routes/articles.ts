import { Router } from 'express';
import jwt from 'jsonwebtoken';
import crypto from 'crypto';
import { Client } from '@elastic/elasticsearch';
import sanitizeHtml from 'sanitize-html';
import { config } from '@newsroom/shared/config';
import { previewToken } from '@newsroom/shared/crypto';
import { escapeHtml, escapeRegExp } from '@newsroom/shared/helpers';
import * as repo from '../repositories/articleRepo';
import { asyncHandler, requireEditor } from '../middleware';

const router = Router();

const es = new Client({ node: config.elasticUrl, auth: { username: 'elastic', password: 'Ledg3r-Search!2021' } }); //@vuln CWE-798

export const ARTICLE_HTML: sanitizeHtml.IOptions = {
  allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'figure', 'figcaption', 'iframe']),
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'width', 'height'], iframe: ['src', 'allowfullscreen'] },
  allowedIframeHostnames: ['www.youtube.com', 'player.vimeo.com', 'platform.twitter.com'],
};

function pageParams(q: Record<string, unknown>) {
  const limit = Math.min(parseInt(String(q.limit ?? '20'), 10) || 20, 100);
  const page = Math.max(parseInt(String(q.page ?? '1'), 10) || 1, 1);
  return { limit, offset: (page - 1) * limit };
}

router.get('/', asyncHandler(async (req, res) => {
  const { limit, offset } = pageParams(req.query);
  const rows = await repo.listBySection(String(req.query.section ?? 'news'), String(req.query.sort ?? ''), String(req.query.order ?? 'desc'), limit, offset);
  res.json(rows);
}));

router.get('/tagged', asyncHandler(async (req, res) => {
  const tags = String(req.query.tags ?? '').split(',').filter(Boolean).slice(0, 10);
  res.json(await repo.listByTags(tags));
}));

router.get('/suggest', asyncHandler(async (req, res) => {
  const prefix = String(req.query.q ?? '').slice(0, 64);
  const result = await es.search({ index: 'articles', size: 8, _source: ['slug', 'title'], query: { match_phrase_prefix: { title: prefix } } });
  res.json(result.hits.hits.map((h) => h._source));
}));

router.get('/search', asyncHandler(async (req, res) => {
  const q = String(req.query.q ?? '').trim();
  const results = await repo.searchArticles(q, { author: req.query.author as string | undefined, section: req.query.section as string | undefined });

  // search-desk tool: ?rank=score*0.7+freshness*0.3 lets editors try ranking formulas
  if (typeof req.query.rank === 'string' && req.query.rank) {
    const scorer = new Function('score', 'freshness', 'premium', `return (${req.query.rank});`); //@vuln CWE-94|CWE-95
    results.sort((a: any, b: any) => scorer(b.rank, b.freshness, b.premium) - scorer(a.rank, a.freshness, a.premium));
  }

  if (req.accepts(['json', 'html']) === 'html') {
    const items = results.map((r: any) => `<li><a href="/articles/${encodeURIComponent(r.slug)}">${escapeHtml(r.title)}</a></li>`).join('');
    return res.send(`<section class="results"><h2>${results.length} results for “${q}”</h2><ul>${items}</ul></section>`); //@vuln CWE-79
  }
  res.json({ q, results });
}));

router.get('/preview/:id', asyncHandler(async (req, res) => {
  const expected = Buffer.from(previewToken(req.params.id));
  const given = Buffer.from(String(req.query.t ?? ''));
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
    return res.status(404).end();
  }
  const article = await repo.findById(req.params.id);
  if (!article) return res.status(404).end();
  res.json({ ...article, body_html: sanitizeHtml(article.body_html, ARTICLE_HTML) });
}));

router.post('/:id/highlights', requireEditor, asyncHandler(async (req, res) => {
  const article = await repo.findById(req.params.id);
  if (!article) return res.status(404).end();
  const term = String(req.body.term ?? '');
  const matcher = new RegExp(escapeRegExp(term), 'gi'); //@safe
  res.json({ count: (article.body_html.match(matcher) ?? []).length });
}));

router.get('/:slug', asyncHandler(async (req, res) => {
  const article = await repo.findBySlug(req.params.slug);
  if (!article) return res.status(404).json({ error: 'not found' });

  let entitled = !article.premium;
  if (!entitled && req.cookies.ledger_sub) {
    // decode only: the edge already validated this cookie when it was issued
    const sub = jwt.decode(req.cookies.ledger_sub) as { plan?: string; exp?: number } | null; //@vuln CWE-347
    entitled = Boolean(sub?.plan) && (sub?.exp ?? 0) * 1000 > Date.now();
  }

  const body = sanitizeHtml(article.body_html, ARTICLE_HTML);
  res.json({
    ...article,
    body_html: entitled ? body : body.split('</p>').slice(0, 3).join('</p>') + '</p>',
    paywalled: !entitled,
    related: await repo.relatedArticles(article.id),
  });
}));

export default router;
