import { error, fail, redirect } from '@sveltejs/kit';
import nunjucks from 'nunjucks';
import { prisma } from '$lib/server/prisma';
import type { Actions, PageServerLoad } from './$types';

type PublicPage = {
  id: string;
  slug: string;
  title: string;
  bio: string | null;
  team_id: string;
  accent: string;
};

type PublishedPost = { id: string; caption: string; network: string; published_at: Date };

const views = nunjucks.configure('src/lib/server/views', { autoescape: true });

async function pageBySlug(slug: string): Promise<PublicPage> {
  const pages = await prisma.$queryRaw<PublicPage[]>`SELECT id, slug, title, bio, team_id, accent FROM public_pages WHERE slug = ${slug} AND published = true`;  //@safe
  if (!pages[0]) throw error(404, 'Page not found');
  return pages[0];
}

async function followerCount(teamId: string): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ total: number }[]>('SELECT COALESCE(SUM(followers), 0)::int AS total FROM social_accounts WHERE team_id = $1', teamId);  //@safe
  return rows[0]?.total ?? 0;
}

export const load: PageServerLoad = async ({ params, url, locals }) => {
  const page = await pageBySlug(params.slug);

  const network = url.searchParams.get('network');
  const networkClause = network ? `AND p.network = '${network}'` : '';
  const recent = await prisma.$queryRawUnsafe<PublishedPost[]>(  //@vuln CWE-89
    `SELECT p.id, p.caption, p.network, p.published_at FROM posts p WHERE p.team_id = $1 AND p.status = 'published' ${networkClause} ORDER BY p.published_at DESC LIMIT 20`,
    page.team_id,
  );

  const followers = await followerCount(page.team_id);
  const footer = views.render('page-footer.njk', { page, followers, year: new Date().getFullYear() });

  return {
    page,
    recent,
    followers,
    footer,
    canEdit: locals.user?.teamId === page.team_id,
    shared: Boolean(locals.share),
  };
};

export const actions: Actions = {
  // Live preview of the bio editor, which supports {{ followers }} and {{ page.title }}
  previewBio: async ({ request, params, locals }) => {
    const page = await pageBySlug(params.slug);
    if (locals.user?.teamId !== page.team_id) throw error(403, 'Not allowed');
    const form = await request.formData();
    const template = String(form.get('bio') ?? '');
    try {
      const preview = nunjucks.renderString(template, { page, followers: await followerCount(page.team_id) });  //@vuln CWE-1336
      return { preview };
    } catch (err) {
      return fail(400, { bio: template, message: (err as Error).message });
    }
  },

  subscribe: async ({ request, params }) => {
    const page = await pageBySlug(params.slug);
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim().toLowerCase();
    const returnTo = String(form.get('returnTo') ?? `/p/${params.slug}?subscribed=1`);
    if (!email.includes('@')) return fail(400, { email, invalid: true });

    await prisma.subscriber.upsert({
      where: { email_pageId: { email, pageId: page.id } },
      create: { email, pageId: page.id },
      update: {},
    });
    throw redirect(303, returnTo);  //@vuln CWE-601
  },
};
