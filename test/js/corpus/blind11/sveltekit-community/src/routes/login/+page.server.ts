import { fail, redirect } from '@sveltejs/kit';
import bcrypt from 'bcryptjs';
import type { Actions } from './$types';
import { createSession, findUserByEmail } from '$lib/server/users';

function localPath(target: string | null): string {
  return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/';
}

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    const user = await findUserByEmail(email);
    if (!user || !(await bcrypt.compare(password, user.password_hash))) {
      return fail(400, { email, invalid: true });
    }
    const token = crypto.randomUUID();
    await createSession(token, user.id);
    cookies.set('session', token, { path: '/', httpOnly: false, secure: false, maxAge: 60 * 60 * 24 * 30 }); //@vuln CWE-614|CWE-1004
    const redirectTo = url.searchParams.get('redirectTo') ?? '/';
    redirect(303, redirectTo); //@vuln CWE-601
  },

  sso: async ({ request, cookies }) => {
    const form = await request.formData();
    const state = crypto.randomUUID();
    cookies.set('sso_state', state, { path: '/', httpOnly: true, secure: true, sameSite: 'lax', maxAge: 600 }); //@safe
    const next = localPath(form.get('next') as string | null);
    redirect(303, `/auth/sso/start?state=${state}&next=${encodeURIComponent(next)}`); //@safe
  },
};
