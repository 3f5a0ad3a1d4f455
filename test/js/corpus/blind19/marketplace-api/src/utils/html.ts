const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);

export const escapeRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface SharedListing {
  id: string;
  title: string;
  priceCents: number;
}

export function renderSharePage(listing: SharedListing, referrer: string): string {
  return `<!doctype html>
<html><head><title>${escapeHtml(listing.title)}</title></head>
<body>
  <h1>${escapeHtml(listing.title)}</h1>
  <p class="price">$${(listing.priceCents / 100).toFixed(2)}</p>
  <p class="ref">Shared by ${referrer}</p>
  <a href="/listings/${encodeURIComponent(listing.id)}">View listing</a>
</body></html>`;
}

export function renderEmbedCard(listing: SharedListing, theme: string): string {
  return `<div class="mk-embed mk-embed--${escapeHtml(theme)}">
  <strong>${escapeHtml(listing.title)}</strong>
  <span>$${(listing.priceCents / 100).toFixed(2)}</span>
</div>`;
}
