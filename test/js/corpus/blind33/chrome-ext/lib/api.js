const API_BASE = 'https://api.devkit.io/v1';
const AUTH_URL = 'https://devkit.io/oauth/authorize';
const TOKEN_URL = 'https://devkit.io/oauth/token';
const CLIENT_ID = 'devkit-chrome-ext';
const CLIENT_SECRET = 'dks_oauth_7d2e9f41b0c84a6e5f13a9c2e8'; //@vuln CWE-798

function randomState() {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function pkceVerifier() {
  const bytes = crypto.getRandomValues(new Uint8Array(32)); //@safe
  return base64url(bytes);
}

async function pkceChallenge(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(digest);
}

export async function login() {
  const state = randomState();
  const verifier = pkceVerifier();
  const redirectUri = chrome.identity.getRedirectURL('oauth');
  const authUrl = new URL(AUTH_URL);
  const challenge = await pkceChallenge(verifier);
  authUrl.search = new URLSearchParams({ client_id: CLIENT_ID, response_type: 'code', redirect_uri: redirectUri, scope: 'snippets:read snippets:write', state, code_challenge: challenge, code_challenge_method: 'S256' }).toString();

  const responseUrl = await chrome.identity.launchWebAuthFlow({ url: authUrl.href, interactive: true });
  const params = new URL(responseUrl).searchParams;
  if (params.get('state') !== state) throw new Error('OAuth state mismatch');

  const res = await fetch(TOKEN_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code_verifier: verifier }),
  });
  if (!res.ok) throw new Error(`token exchange failed: ${res.status}`);
  const { access_token, expires_in } = await res.json();
  await chrome.storage.local.set({ auth: { token: access_token, expires: Date.now() + expires_in * 1000 } });
  return access_token;
}

export async function apiFetch(path, init = {}) {
  const { auth } = await chrome.storage.local.get('auth');
  if (!auth || auth.expires < Date.now()) throw new Error('not signed in');
  const res = await fetch(`${API_BASE}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers || {}), Authorization: `Bearer ${auth.token}` },
  });
  if (!res.ok) throw new Error(`${init.method || 'GET'} ${path} -> ${res.status}`);
  return res.status === 204 ? null : res.json();
}

export async function currentUser() {
  return apiFetch('/me');
}
