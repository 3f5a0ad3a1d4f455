import { ListingFilters, ListingRepository } from '../repositories/listingRepository';
import { escapeRegExp } from '../utils/html';
import { pickAllowed, setPath } from '../utils/objects';

const listings = new ListingRepository();

export interface SearchHit {
  id: string;
  title: string;
  snippet: string;
  priceCents: number;
}

function highlight(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => `<mark>${m}</mark>`);
}

export async function searchListings(term: string, filters: ListingFilters, mode: string): Promise<SearchHit[]> {
  const rows = await listings.search(term, filters);
  if (!term) {
    return rows.map((l) => ({ id: l.id, title: l.title, snippet: l.description.slice(0, 160), priceCents: l.priceCents }));
  }

  const matcher = mode === 'pattern'
    ? new RegExp(term, 'gi') //@vuln CWE-1333
    : new RegExp(escapeRegExp(term), 'gi'); //@safe

  return rows.map((l) => ({
    id: l.id,
    title: l.title,
    snippet: highlight(l.description.slice(0, 160), matcher),
    priceCents: l.priceCents,
  }));
}

export async function getListing(id: string) {
  const listing = await listings.findById(id);
  if (!listing) throw Object.assign(new Error('Listing not found'), { status: 404 });
  return listing;
}

export async function patchAttributes(id: string, changes: Array<{ path: string; value: unknown }>) {
  const listing = await getListing(id);
  const attributes = { ...listing.attributes };
  for (const change of changes) {
    setPath(attributes, change.path, change.value);
  }
  await listings.saveAttributes(id, attributes);
  return attributes;
}

export async function updateBasics(id: string, body: Record<string, unknown>) {
  const listing = await getListing(id);
  pickAllowed(listing as unknown as Record<string, unknown>, body, ['title', 'description', 'category'] as const);
  return listings.save(listing);
}

export const sellerStats = async (sellerId: string) => ({
  activeListings: await listings.countActiveBySeller(sellerId),
});

export const bulkMarkSold = (ids: string[]) => listings.markSold(ids);

export const priceHistory = (id: string, days: number) => listings.priceHistory(id, days);
