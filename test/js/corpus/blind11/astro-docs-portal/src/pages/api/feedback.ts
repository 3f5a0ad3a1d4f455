import type { APIRoute } from 'astro';
import { feedback } from '../../lib/mongo';

export const prerender = false;

export const POST: APIRoute = async ({ request }) => {
  const body = await request.json();
  const { pageId, email, helpful, comment } = body;
  const col = await feedback();

  const existing = await col.findOne({ pageId, email }); //@vuln CWE-943
  if (existing) return Response.json({ status: 'duplicate' }, { status: 409 });

  await col.insertOne({ pageId: String(pageId), email: String(email), helpful: Boolean(helpful), comment, createdAt: new Date() });
  return Response.json({ status: 'ok' }, { status: 201 });
};

export const DELETE: APIRoute = async ({ request }) => {
  const { pageId, email } = await request.json();
  const col = await feedback();
  const res = await col.deleteOne({ pageId: String(pageId), email: String(email) }); //@safe
  return Response.json({ deleted: res.deletedCount });
};
