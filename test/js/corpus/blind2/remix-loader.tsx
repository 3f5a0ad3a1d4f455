import type { LoaderFunctionArgs, ActionFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { pool } from '~/db.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = url.searchParams.get('q');
  const res = await pool.query('SELECT * FROM posts WHERE title LIKE \'%' + q + '%\''); //@vuln CWE-89
  const one = await pool.query('SELECT * FROM posts WHERE slug = $1', [params.slug]); //@safe
  return json({ posts: res.rows, one: one.rows[0] });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const back = String(form.get('returnTo'));
  return redirect(back); //@vuln CWE-601
}

export default function Posts() {
  const { one } = useLoaderData<typeof loader>();
  return <article dangerouslySetInnerHTML={{ __html: one.body }} />; //@vuln CWE-79
}
