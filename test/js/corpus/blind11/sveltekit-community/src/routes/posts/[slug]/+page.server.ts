import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { addComment, getPostBySlug, listComments } from '$lib/server/posts';
import { renderMarkdown } from '$lib/server/markdown';

export const load: PageServerLoad = async ({ params, url }) => {
  const post = await getPostBySlug(params.slug);
  if (!post) error(404, 'Post not found');
  const comments = await listComments(post.id);
  return {
    post: { id: post.id, title: post.title, author: post.author, html: renderMarkdown(post.body_md) },
    comments,
    highlight: url.searchParams.get('hl') ?? '',
  };
};

export const actions: Actions = {
  comment: async ({ request, params, locals }) => {
    const form = await request.formData();
    const body = String(form.get('body') ?? '').trim();
    if (body.length < 2 || body.length > 4000) return fail(400, { body, tooShort: true });
    const post = await getPostBySlug(params.slug);
    if (!post) error(404, 'Post not found');
    await addComment(post.id, locals.user?.name ?? 'anonymous', body);
    return { success: true };
  },
};
