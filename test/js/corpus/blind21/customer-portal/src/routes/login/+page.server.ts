import type { Actions } from './$types';
import { fail, redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { createSession, issueRememberToken, verifyPassword } from '$lib/server/session';

function sameOrigin(next: string | null, origin: string) {
  const target = new URL(next ?? '/', origin);
  return target.origin === origin ? target.href : '/';
}

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').toLowerCase();
    const password = String(form.get('password') ?? '');

    const user = await db('users').where({ email }).first('id', 'password_hash');
    if (!user || !(await verifyPassword(password, user.password_hash))) {
      return fail(401, { email, invalid: true });
    }

    await createSession(cookies, user.id);
    if (form.get('remember') === 'on') {
      await issueRememberToken(cookies, user.id);
    }
    throw redirect(303, sameOrigin(url.searchParams.get('next'), url.origin)); //@safe
  },
};
