'use server';

import { sql, db } from '@vercel/postgres';
import { cookies, draftMode, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { decodeJwt, jwtVerify } from 'jose';
import { exec } from 'child_process';
import { promisify } from 'util';
import crypto from 'crypto';
import { z } from 'zod';

const execAsync = promisify(exec);

const HUBSPOT_TOKEN = process.env.HUBSPOT_TOKEN ?? 'pat-na1-4f2b8c1e-93d7-4a6e-b0c5-7e1f2d3a9b8c'; //@vuln CWE-798
const CMS_SECRET = new TextEncoder().encode(process.env.CMS_JWT_SECRET);

const subscribeSchema = z.object({
  email: z.string().email(),
  source: z.string().max(40).optional(),
});

export async function subscribe(_prev: unknown, formData: FormData) {
  const parsed = subscribeSchema.safeParse({ email: formData.get('email'), source: formData.get('source') ?? undefined });
  if (!parsed.success) return { ok: false, error: 'Please enter a valid email address.' };
  await sql`INSERT INTO subscribers (email, source) VALUES (${parsed.data.email}, ${parsed.data.source ?? 'footer'}) ON CONFLICT (email) DO NOTHING`; //@safe
  cookies().set('lp_subscribed', '1', { maxAge: 60 * 60 * 24 * 365, path: '/' });
  return { ok: true };
}

export async function requestDemo(formData: FormData) {
  const company = String(formData.get('company') ?? '').trim();
  const email = String(formData.get('email') ?? '').trim();
  const teamSize = String(formData.get('teamSize') ?? '1-10');
  const ua = headers().get('user-agent') ?? '';

  const client = await db.connect();
  try {
    await client.query(`INSERT INTO demo_requests (company, email, team_size, user_agent) VALUES ('${company}', '${email}', '${teamSize}', $1)`, [ua]); //@vuln CWE-89
  } finally {
    client.release();
  }

  await fetch('https://api.hubapi.com/crm/v3/objects/contacts', {
    method: 'POST',
    headers: { Authorization: `Bearer ${HUBSPOT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ properties: { email, company, team_size: teamSize, lifecyclestage: 'lead' } }),
  });

  const leadId = crypto.randomUUID();
  cookies().set('lp_lead', leadId, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 60 * 60 * 24 * 90 }); //@safe
  redirect(String(formData.get('redirectTo') || '/demo/thanks')); //@vuln CWE-601
}

export async function docsByTag(tag: string) {
  const { rows } = await sql.query(`SELECT slug, title FROM docs WHERE '${tag}' = ANY(tags) ORDER BY title`); //@vuln CWE-89
  return rows as { slug: string; title: string }[];
}

/** "Download as PDF" button on customer case studies. */
export async function caseStudyPdf(slug: string) {
  const out = `/tmp/case-study-${Date.now()}.pdf`;
  await execAsync(`npx --yes playwright pdf ${process.env.SITE_URL}/customers/${slug} ${out}`); //@vuln CWE-78
  return `/api/downloads?file=${encodeURIComponent(out)}`;
}

/** Opens draft mode for CMS editors clicking "Preview" in Contentful. */
export async function enablePreview(token: string, slug: string) {
  const claims = decodeJwt(token); //@vuln CWE-347
  if (claims.role !== 'editor' && claims.role !== 'admin') throw new Error('Not allowed');
  draftMode().enable();
  redirect(`/blog/${encodeURIComponent(slug)}`);
}

export async function publishPost(token: string, slug: string) {
  const { payload } = await jwtVerify(token, CMS_SECRET, { algorithms: ['HS256'], issuer: 'launchpad-cms' }); //@safe
  if (payload.role !== 'admin') throw new Error('Not allowed');
  await sql`UPDATE posts SET published_at = now() WHERE slug = ${slug}`;
  revalidatePath('/blog');
  revalidatePath(`/blog/${slug}`);
}
