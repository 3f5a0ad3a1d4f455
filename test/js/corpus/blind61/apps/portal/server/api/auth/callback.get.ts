import escapeHtml from 'escape-html';
import { defineEventHandler, getCookie, getQuery, sendRedirect, setCookie, setResponseHeader, deleteCookie } from 'h3';

interface TokenResponse {
  access_token: string;
  refresh_token: string;
  id_token: string;
  expires_in: number;
}

/**
 * OIDC redirect target for the customer portal.
 * GET /api/auth/callback?code=...&state=...&redirect=/invoices/42
 */
export default defineEventHandler(async (event) => {
  const config = useRuntimeConfig(event);
  const { code, state, error, error_description: description, redirect } = getQuery(event) as Record<string, string | undefined>;

  if (error) {
    setResponseHeader(event, 'Content-Type', 'text/html; charset=utf-8');
    if (error === 'access_denied') {
      return `<!doctype html><main class="login-error"><h1>Access denied</h1><p>${escapeHtml(description ?? '')}</p><a href="/login">Back to sign-in</a></main>`;  //@safe
    }
    return `<!doctype html><main class="login-error"><h1>Sign-in failed</h1><p>${description ?? error}</p><a href="/login">Try again</a></main>`;  //@vuln CWE-79
  }

  const expectedState = getCookie(event, 'portal_oidc_state');
  if (!state || state !== expectedState) {
    return sendRedirect(event, '/login?error=state', 302);
  }
  deleteCookie(event, 'portal_oidc_state');

  const tokens = await $fetch<TokenResponse>(`${config.oidc.issuer}/oauth/token`, {
    method: 'POST',
    body: {
      grant_type: 'authorization_code',
      code,
      client_id: config.oidc.clientId,
      client_secret: config.oidc.clientSecret,
      redirect_uri: `${config.public.portalUrl}/api/auth/callback`,
    },
  });

  setCookie(event, 'portal_session', tokens.access_token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: tokens.expires_in });  //@safe
  setCookie(event, 'portal_refresh', tokens.refresh_token, { sameSite: 'lax', maxAge: 30 * 24 * 3600, path: '/' });  //@vuln CWE-614|CWE-1004

  return sendRedirect(event, redirect ?? '/invoices', 302);  //@vuln CWE-601
});
