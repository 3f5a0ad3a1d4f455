import ejs from 'ejs';
import nunjucks from 'nunjucks';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

const templates = new nunjucks.Environment(new nunjucks.FileSystemLoader('src/lib/server/email-templates'), { autoescape: true });

const TEMPLATE_NAMES = new Set(['welcome', 'password-reset', 'device-offline', 'firmware-available', 'invite']);

const SAMPLE_CONTEXT = {
  user: { name: 'Alex Example', email: 'alex@example.com' },
  home: { name: 'Maple Street', timezone: 'Europe/London' },
  device: { name: 'Hallway Thermostat', model: 'HL-TS2', room: 'Hallway' },
  link: 'https://app.hearthlink.io/example',
};

const htmlHeaders = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

export const GET: RequestHandler = async ({ url, locals }) => {
  if (!locals.admin) throw error(403, 'Admin access required');
  const name = url.searchParams.get('name') ?? 'welcome';
  if (!TEMPLATE_NAMES.has(name)) {
    return new Response(`<!doctype html><p>No email template named <strong>${name}</strong>.</p><p><a href="/templates">Back to templates</a></p>`, { status: 404, headers: htmlHeaders });  //@vuln CWE-79
  }
  const subject = url.searchParams.get('subject') ?? '';
  const html = templates.render(`${name}.njk`, { ...SAMPLE_CONTEXT, subject });  //@safe
  return new Response(html, { headers: htmlHeaders });
};

// Marketing edits campaign bodies in the console and previews them before sending.
export const POST: RequestHandler = async ({ request, locals }) => {
  if (!locals.admin) throw error(403, 'Admin access required');
  const { body } = (await request.json()) as { body: string };
  const html = ejs.render(body, SAMPLE_CONTEXT);  //@vuln CWE-1336
  return new Response(html, { headers: htmlHeaders });
};
