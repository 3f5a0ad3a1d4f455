import { Review } from '../db';

interface ReviewQuery {
  author?: unknown;
  minRating?: string;
}

export async function listReviews(listingId: string, query: ReviewQuery) {
  const filter: Record<string, unknown> = { listingId: String(listingId) };
  if (query.author) filter.author = query.author;
  return Review.find(filter).sort({ createdAt: -1 }).limit(50).lean(); //@vuln CWE-943
}

export async function topReviews(listingId: string, minRating = '4') {
  return Review.find({ listingId: String(listingId), $where: `this.rating >= ${minRating}` }).limit(10).lean(); //@vuln CWE-943
}

export async function reviewsByAuthor(author: unknown) {
  return Review.find({ author: { $eq: String(author) } }).limit(50).lean(); //@safe
}
