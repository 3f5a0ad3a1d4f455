import { createCookie, json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import bcrypt from 'bcryptjs';
import { getUserByLogin, sessionStorage, storeRememberToken } from '~/lib/db.server';

const rememberCookie = createCookie('blog_remember', {
  path: '/',
  sameSite: 'lax',
  secure: process.env.NODE_ENV === 'production',
  httpOnly: false, //@vuln CWE-1004
  maxAge: 60 * 60 * 24 * 30
});

function safeRedirect(to: FormDataEntryValue | string | null, fallback = '/dashboard'): string {
  if (!to || typeof to !== 'string') return fallback;
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  return to;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await sessionStorage.getSession(request.headers.get('Cookie'));
  if (session.has('userId')) {
    const url = new URL(request.url);
    return redirect(safeRedirect(url.searchParams.get('redirectTo'))); //@safe
  }
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const username = String(form.get('username') ?? '').trim();
  const password = String(form.get('password') ?? '');
  const redirectTo = safeRedirect(form.get('redirectTo'));

  const user = getUserByLogin(username);
  if (!user) {
    return json({ error: `No account found for <b>${username}</b>. <a href="/signup">Create one?</a>` }, { status: 400 });
  }
  if (!(await bcrypt.compare(password, user.password_hash))) {
    return json({ error: 'Wrong password.' }, { status: 400 });
  }

  const session = await sessionStorage.getSession(request.headers.get('Cookie'));
  session.set('userId', user.id);
  const headers = new Headers();
  headers.append('Set-Cookie', await sessionStorage.commitSession(session));

  if (form.get('remember') === 'on') {
    const token = Date.now().toString(36) + Math.random().toString(36).slice(2); //@vuln CWE-338
    storeRememberToken(user.id, token);
    headers.append('Set-Cookie', await rememberCookie.serialize(token));
  }
  return redirect(redirectTo, { headers }); //@safe
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <Form method="post" className="login">
      <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
      <label>
        Username or email <input name="username" autoComplete="username" required />
      </label>
      <label>
        Password <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <label>
        <input type="checkbox" name="remember" /> Remember me
      </label>
      {actionData?.error ? (
        <div
          role="alert"
          dangerouslySetInnerHTML={{ __html: actionData.error }} //@vuln CWE-79
        />
      ) : null}
      <button type="submit">Sign in</button>
    </Form>
  );
}
