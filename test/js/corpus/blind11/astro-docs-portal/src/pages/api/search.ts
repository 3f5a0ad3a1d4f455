import type { APIRoute } from 'astro';
import { pages } from '../../lib/mongo';

export const prerender = false;

export const GET: APIRoute = async ({ url }) => {
  const section = url.searchParams.get('section');
  const minScore = url.searchParams.get('minScore') ?? '0';
  const col = await pages();

  const results = await col
    .find({ ...(section ? { section } : {}), $where: `this.votes.up - this.votes.down >= ${minScore}` }) //@vuln CWE-943
    .project({ slug: 1, title: 1, section: 1 })
    .limit(25)
    .toArray();
  return Response.json(results);
};
