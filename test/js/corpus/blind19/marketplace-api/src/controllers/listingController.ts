import { Request, Response, NextFunction } from 'express';
import * as listingService from '../services/listingService';
import { renderEmbedCard, renderSharePage } from '../utils/html';

const toInt = (v: unknown) => (v === undefined || v === '' ? undefined : Number.parseInt(String(v), 10));

export async function search(req: Request, res: Response, next: NextFunction) {
  try {
    const { q = '', category, sort, mode = 'plain' } = req.query as Record<string, string>;
    const hits = await listingService.searchListings(q, {
      category,
      sort,
      minPrice: toInt(req.query.min),
      maxPrice: toInt(req.query.max),
      page: toInt(req.query.page),
    }, mode);
    res.json({ hits });
  } catch (err) {
    next(err);
  }
}

export async function sharePage(req: Request, res: Response, next: NextFunction) {
  try {
    const listing = await listingService.getListing(req.params.id);
    const ref = (req.query.ref as string) ?? 'a friend';
    res.type('html').send(renderSharePage(listing, ref)); //@vuln CWE-79
  } catch (err) {
    next(err);
  }
}

export async function embed(req: Request, res: Response, next: NextFunction) {
  try {
    const listing = await listingService.getListing(req.params.id);
    res.type('html').send(renderEmbedCard(listing, String(req.query.theme ?? 'light'))); //@safe
  } catch (err) {
    next(err);
  }
}

export async function patchAttributes(req: Request, res: Response, next: NextFunction) {
  try {
    const changes = Array.isArray(req.body.changes) ? req.body.changes : [];
    res.json(await listingService.patchAttributes(req.params.id, changes));
  } catch (err) {
    next(err);
  }
}

export async function updateBasics(req: Request, res: Response) {
  res.json(await listingService.updateBasics(req.params.id, req.body));
}

export async function sellerStats(req: Request, res: Response) {
  res.json(await listingService.sellerStats(req.params.sellerId));
}

export async function bulkSold(req: Request, res: Response) {
  const { ids = [] } = req.body as { ids?: string[] };
  res.json({ updated: await listingService.bulkMarkSold(ids) });
}

export async function history(req: Request, res: Response) {
  res.json(await listingService.priceHistory(req.params.id, toInt(req.query.days) ?? 30));
}
