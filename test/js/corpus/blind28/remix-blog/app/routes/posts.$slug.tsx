import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { marked } from 'marked';
import DOMPurify from 'isomorphic-dompurify';
import crypto from 'node:crypto';
import { addComment, getComments, getPostBySlug, listPostsByTag } from '~/lib/db.server';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.post.title} | Field Notes` : 'Not found' }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const post = getPostBySlug(params.slug!);
  if (!post) throw new Response('Not found', { status: 404 });

  const url = new URL(request.url);
  const hl = url.searchParams.get('hl');
  const term = url.searchParams.get('term');
  const primaryTag = post.tags.split(',')[0]?.trim() ?? '';
  const related = listPostsByTag(primaryTag, url.searchParams.get('order') ?? 'published_at DESC');

  const comments = getComments(post.id).map((c) => ({
    id: c.id,
    author: c.author,
    created_at: c.created_at,
    avatar: `https://www.gravatar.com/avatar/${crypto.createHash('md5').update(c.email.trim().toLowerCase()).digest('hex')}?d=identicon`, //@safe
    html: marked.parse(c.body) as string
  }));

  const hits = hl ? (post.body.match(new RegExp(hl, 'gi')) ?? []).length : 0; //@vuln CWE-1333
  const termHits = term ? (post.body.match(new RegExp(escapeRegExp(term), 'gi')) ?? []).length : 0; //@safe

  return json({
    post: { title: post.title, published_at: post.published_at, html: DOMPurify.sanitize(marked.parse(post.body) as string) },
    comments,
    related,
    hl,
    hits: hits + termHits
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const post = getPostBySlug(params.slug!);
  if (!post) throw new Response('Not found', { status: 404 });
  const form = await request.formData();
  const author = String(form.get('author') ?? '').slice(0, 80);
  const email = String(form.get('email') ?? '').slice(0, 200);
  const body = String(form.get('body') ?? '');
  if (!author || !body) return json({ error: 'Name and comment are required' }, { status: 400 });
  addComment(post.id, author, email, body);
  const returnTo = form.get('returnTo');
  return redirect(typeof returnTo === 'string' && returnTo ? returnTo : `/posts/${post.slug}#comments`); //@vuln CWE-601
}

export default function PostPage() {
  const { post, comments, related, hl, hits } = useLoaderData<typeof loader>();
  return (
    <article className="prose mx-auto">
      <h1>{post.title}</h1>
      <time dateTime={post.published_at}>{new Date(post.published_at).toLocaleDateString()}</time>
      {hl ? (
        <p
          className="hl-note"
          dangerouslySetInnerHTML={{ __html: `${hits} matches for <mark>${hl}</mark>` }} //@vuln CWE-79
        />
      ) : null}
      <div
        className="post-body"
        dangerouslySetInnerHTML={{ __html: post.html }} //@safe
      />
      <section id="comments">
        {comments.map((c) => (
          <div key={c.id} className="comment">
            <img src={c.avatar} alt="" width={32} height={32} />
            <strong>{c.author}</strong>
            <div
              className="comment-body"
              dangerouslySetInnerHTML={{ __html: c.html }} //@vuln CWE-79
            />
          </div>
        ))}
        <Form method="post">
          <input name="author" placeholder="Name" required />
          <input name="email" type="email" placeholder="Email (for Gravatar)" />
          <textarea name="body" required />
          <button type="submit">Post comment</button>
        </Form>
      </section>
      <aside>
        {related.map((r) => (
          <Link key={r.id} to={`/posts/${r.slug}`}>{r.title}</Link>
        ))}
      </aside>
    </article>
  );
}
