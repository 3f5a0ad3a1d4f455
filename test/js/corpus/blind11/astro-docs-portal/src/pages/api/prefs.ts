import type { APIRoute } from 'astro';
import { readPrefs, writePrefs, type Prefs } from '../../lib/prefs';

export const prerender = false;

export const GET: APIRoute = ({ cookies }) => Response.json(readPrefs(cookies));

export const POST: APIRoute = async ({ request, cookies }) => {
  const body = (await request.json()) as Partial<Prefs>;
  const next: Prefs = { ...readPrefs(cookies) };
  if (body.theme === 'light' || body.theme === 'dark') next.theme = body.theme;
  if (typeof body.codeLang === 'string') next.codeLang = body.codeLang.slice(0, 16);
  if (Array.isArray(body.collapsedSections)) next.collapsedSections = body.collapsedSections.map(String).slice(0, 50);
  writePrefs(cookies, next);
  return Response.json(next);
};
