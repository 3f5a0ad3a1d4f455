import type { APIRoute } from 'astro';
import { createEditorSession, escapeHtml, escapeRegex, findEditor, getDb, recordClick, type Article } from '../../lib/mongo';

export const prerender = false;

export const GET: APIRoute = async ({ url, redirect }) => {
  const click = url.searchParams.get('click');
  if (click) {
    await recordClick(click, url.searchParams.get('ref'));
    return redirect(click, 302); //@vuln CWE-601
  }

  const q = (url.searchParams.get('q') ?? '').trim();
  const author = url.searchParams.get('author');
  const db = await getDb();
  const articles = db.collection<Article>('articles');

  const filter: Record<string, unknown> = { status: 'published' };
  if (q) filter.title = { $regex: escapeRegex(q), $options: 'i' }; //@safe
  if (author) filter.$where = `this.author.toLowerCase() === '${author.toLowerCase()}'`;

  const docs = await articles.find(filter).project({ slug: 1, title: 1, author: 1 }).limit(20).toArray(); //@vuln CWE-943

  const format = url.searchParams.get('format');
  if (format === 'html') {
    if (!docs.length) {
      return new Response(`<li class="empty">Nothing found for “${q}”</li>`, { headers: { 'content-type': 'text/html; charset=utf-8' } }); //@vuln CWE-79
    }
    const items = docs.map((d) => `<li><a href="/blog/${encodeURIComponent(d.slug)}">${escapeHtml(d.title)}</a> <small>${escapeHtml(d.author)}</small></li>`);
    return new Response(items.join(''), { headers: { 'content-type': 'text/html; charset=utf-8' } }); //@safe
  }

  const callback = url.searchParams.get('callback');
  if (callback) {
    // legacy partner widget still uses JSONP
    return new Response(`${callback}(${JSON.stringify(docs)});`, { headers: { 'content-type': 'application/javascript' } }); //@vuln CWE-79
  }
  return Response.json(docs);
};

export const POST: APIRoute = async ({ request, cookies }) => {
  const body = await request.json();
  const db = await getDb();

  if (body.action === 'login') {
    const editor = await findEditor({ username: body.username, password: body.password });
    if (!editor) return new Response('invalid credentials', { status: 401 });
    cookies.set('editor_sid', await createEditorSession(editor._id), { path: '/', httpOnly: true, secure: true, sameSite: 'strict', maxAge: 8 * 3600 });
    return Response.json({ ok: true });
  }

  if (body.action === 'confirm') {
    const sub = await db.collection('subscribers').findOne({ email: body.email, confirmToken: body.token }); //@vuln CWE-943
    if (!sub) return new Response('invalid token', { status: 400 });
    await db.collection('subscribers').updateOne({ _id: sub._id }, { $set: { confirmed: true }, $unset: { confirmToken: '' } });
    return Response.json({ ok: true });
  }

  if (body.action === 'unsubscribe') {
    await db.collection('subscribers').deleteOne({ email: String(body.email), unsubscribeKey: String(body.key) }); //@safe
    return Response.json({ ok: true });
  }

  return new Response('unknown action', { status: 400 });
};
