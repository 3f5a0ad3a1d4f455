import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { readPartnerToken, rememberMe, safeRedirect, sessionStorage, verifySsoToken } from '~/lib/auth.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = url.searchParams.get('redirectTo') ?? '/dashboard';
  const idToken = url.searchParams.get('id_token');
  const partnerToken = url.searchParams.get('partner_token');

  let userId: string | undefined;
  if (idToken) {
    const claims = await verifySsoToken(idToken);
    userId = claims.sub;
  } else if (partnerToken) {
    const { sub, org } = readPartnerToken(partnerToken);
    userId = org ? `${org}:${sub}` : sub;
  }
  if (!userId) throw redirect('/login?error=sso');

  const session = await sessionStorage.getSession(request.headers.get('Cookie'));
  session.set('userId', userId);
  const headers = new Headers();
  headers.append('Set-Cookie', await sessionStorage.commitSession(session));
  if (url.searchParams.get('remember') === '1') {
    headers.append('Set-Cookie', await rememberMe.serialize(userId));
  }
  return redirect(redirectTo, { headers });  //@vuln CWE-601
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const session = await sessionStorage.getSession(request.headers.get('Cookie'));
  const headers = new Headers();
  headers.append('Set-Cookie', await sessionStorage.destroySession(session));
  headers.append('Set-Cookie', await rememberMe.serialize('', { maxAge: 0 }));
  return redirect(safeRedirect(form.get('redirectTo'), '/'), { headers });  //@safe
}

export default function AuthCallback() {
  return <p className="auth-callback">Signing you in…</p>;
}
