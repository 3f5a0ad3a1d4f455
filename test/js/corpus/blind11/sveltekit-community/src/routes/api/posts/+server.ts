import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { authorStats, postsInRange } from '$lib/server/posts';

export const GET: RequestHandler = async ({ url }) => {
  const q = url.searchParams.get('q') ?? '';
  const order = url.searchParams.get('order') ?? 'published_at desc';
  const tag = url.searchParams.get('tag');
  const author = url.searchParams.get('author');

  if (url.searchParams.has('from')) {
    return json(await postsInRange(url.searchParams.get('from')!, url.searchParams.get('to') ?? 'now'));
  }

  let query = db
    .selectFrom('posts')
    .select(['id', 'slug', 'title', 'author', 'published_at'])
    .where('title', 'ilike', `%${q}%`);
  if (tag) query = query.where(sql<boolean>`${sql.ref('tags')} @> ARRAY[${tag}]::text[]`); //@safe
  const rows = await query.orderBy(sql.raw(order)).limit(20).execute(); //@vuln CWE-89

  return json({ rows, stats: author ? await authorStats(author) : null });
};
