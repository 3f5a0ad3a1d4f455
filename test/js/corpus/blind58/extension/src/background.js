// Service worker for the Postwise browser extension (Manifest V3)
const API_BASE = 'https://api.postwise.app';
const APP_ORIGIN = 'https://app.postwise.app';
const EXTENSION_CLIENT_ID = 'postwise-extension';
const EXTENSION_CLIENT_SECRET = 'pwx_cs_7d1e0f8a92b44c6fa3e5b1c0';  //@vuln CWE-798
const PREVIEW_HOSTS = new Set(['www.youtube.com', 'vimeo.com', 'open.spotify.com', 'www.tiktok.com']);

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomState() {
  return Math.random().toString(36).substring(2) + Date.now().toString(36);  //@vuln CWE-338
}

function pkceVerifier() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));  //@safe
  return base64url(bytes);
}

async function pkceChallenge(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(digest);
}

async function apiFetch(path, init = {}) {
  const { accessToken } = await chrome.storage.local.get('accessToken');
  return fetch(`${API_BASE}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${accessToken ?? ''}`,
      'x-client-id': EXTENSION_CLIENT_ID,
      'x-client-secret': EXTENSION_CLIENT_SECRET,
      ...(init.headers ?? {}),
    },
  });
}

async function login() {
  const state = randomState();
  const verifier = pkceVerifier();
  const redirectUri = chrome.identity.getRedirectURL('callback');
  await chrome.storage.session.set({ oauthState: state, verifier });

  const authUrl = new URL(`${API_BASE}/oauth/authorize`);
  authUrl.search = new URLSearchParams({
    client_id: EXTENSION_CLIENT_ID,
    response_type: 'code',
    state,
    redirect_uri: redirectUri,
    code_challenge: await pkceChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();

  const resultUrl = await chrome.identity.launchWebAuthFlow({ url: authUrl.toString(), interactive: true });
  const params = new URL(resultUrl).searchParams;
  if (params.get('state') !== state) throw new Error('OAuth state mismatch');
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), code_verifier: verifier, redirect_uri: redirectUri, client_id: EXTENSION_CLIENT_ID, client_secret: EXTENSION_CLIENT_SECRET });
  const tokens = await (await fetch(`${API_BASE}/oauth/token`, { method: 'POST', body })).json();
  await chrome.storage.local.set({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token });
}

async function fetchEmbed(url) {
  const target = new URL(url);
  if (target.protocol !== 'https:' || !PREVIEW_HOSTS.has(target.hostname)) {
    return { ok: false, error: 'host not allowed' };
  }
  try {
    const res = await fetch(target.toString(), { credentials: 'omit' });  //@safe
    return { ok: res.ok, html: await res.text() };
  } catch (err) {
    return { ok: false, error: String(err) };
  }
}

async function createDraft(message, tab) {
  const caption = message.selection ? `“${message.selection}”\n\n${message.title}` : message.title;
  const res = await apiFetch('/v1/posts/drafts', {
    method: 'POST',
    body: JSON.stringify({ caption: `${caption}\n${message.url}`, network: 'linkedin' }),
  });
  if (!res.ok) throw new Error(`draft failed: ${res.status}`);
  const draft = await res.json();
  await chrome.action.setBadgeText({ tabId: tab?.id, text: '✓' });
  return draft;
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.type === 'create-draft') {
    createDraft(message, sender.tab).then((draft) => sendResponse({ draft }), (err) => sendResponse({ error: String(err) }));
    return true;
  }
  if (message?.type === 'fetch-embed-local') {
    fetchEmbed(message.url).then(sendResponse);
    return true;
  }
  if (message?.type === 'login') {
    login().then(() => sendResponse({ ok: true }), (err) => sendResponse({ ok: false, error: String(err) }));
    return true;
  }
  return false;
});

// The web app (listed in externally_connectable) asks the extension to fetch pages that block CORS
chrome.runtime.onMessageExternal.addListener((message, sender, sendResponse) => {
  if (message?.type === 'fetch-page') {
    fetch(message.url, { credentials: 'include' })  //@vuln CWE-918
      .then((res) => res.text())
      .then((html) => sendResponse({ ok: true, html }))
      .catch((err) => sendResponse({ ok: false, error: String(err) }));
    return true;
  }
  if (message?.type === 'fetch-embed' && sender.origin === APP_ORIGIN) {
    fetchEmbed(message.url).then(sendResponse);
    return true;
  }
  return false;
});

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: 'pw-schedule-selection', title: 'Schedule with Postwise', contexts: ['selection', 'link'] });
});

chrome.contextMenus.onClicked.addListener(async (info, tab) => {
  const draft = await createDraft({ selection: info.selectionText ?? '', title: tab?.title ?? '', url: info.linkUrl ?? info.pageUrl }, tab);
  if (tab?.id) chrome.tabs.sendMessage(tab.id, { type: 'draft-created', draft });
});
