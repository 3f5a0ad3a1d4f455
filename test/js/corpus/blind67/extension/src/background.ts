// MV3 service worker: talks to the Ledgerly API on behalf of content scripts.

const API_BASE = 'https://api.ledgerly.io';
const EXTENSION_CLIENT_ID = 'ext-chrome-prod';
const EXTENSION_CLIENT_SECRET = 'lx_cs_6e0b8f3d2a9c4e71b5d0f8a2c3e19d47';  //@vuln CWE-798

const LOGO_HOSTS = ['logos.plaid.com', 'static.ledgerly.io'];

interface CategoriseMessage {
  type: 'categorise';
  rows: Array<{ date: string; merchant: string; amount: string }>;
}

interface DownloadStatementMessage {
  type: 'download-statement';
  url: string;
  filename: string;
}

interface LogoMessage {
  type: 'logo';
  url: string;
}

type ExtensionMessage = CategoriseMessage | DownloadStatementMessage | LogoMessage | { type: 'pair' };

async function getAccessToken(): Promise<string | null> {
  const { accessToken, expiresAt } = await chrome.storage.session.get(['accessToken', 'expiresAt']);
  if (accessToken && expiresAt > Date.now()) return accessToken;
  const { refreshToken } = await chrome.storage.local.get('refreshToken');
  if (!refreshToken) return null;
  const res = await fetch(`${API_BASE}/api/auth/token/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Client-Id': EXTENSION_CLIENT_ID, 'X-Client-Secret': EXTENSION_CLIENT_SECRET },
    body: JSON.stringify({ refreshToken }),
  });
  if (!res.ok) return null;
  const body = await res.json();
  await chrome.storage.session.set({ accessToken: body.accessToken, expiresAt: Date.now() + 14 * 60_000 });
  return body.accessToken;
}

async function categorise(rows: CategoriseMessage['rows']) {
  const token = await getAccessToken();
  if (!token) return { categories: [] };
  const res = await fetch(`${API_BASE}/api/extension/categorise`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ rows }),
  });
  return res.json();
}

async function downloadStatement(message: DownloadStatementMessage) {
  const res = await fetch(message.url, { credentials: 'include' });  //@vuln CWE-918
  const blob = await res.blob();
  const token = await getAccessToken();
  const form = new FormData();
  form.append('statement', blob, message.filename);
  await fetch(`${API_BASE}/api/statements/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  return { uploaded: true, size: blob.size };
}

async function fetchLogo(rawUrl: string) {
  const url = new URL(rawUrl);
  if (url.protocol !== 'https:' || !LOGO_HOSTS.includes(url.hostname)) return { dataUrl: null };
  const res = await fetch(url.href, { credentials: 'omit' });  //@safe
  const buffer = await res.arrayBuffer();
  const base64 = btoa(String.fromCharCode(...new Uint8Array(buffer)));
  return { dataUrl: `data:${res.headers.get('content-type') ?? 'image/png'};base64,${base64}` };
}

function createPairingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));  //@safe
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('').toUpperCase();
}

chrome.runtime.onMessage.addListener((message: ExtensionMessage, _sender, sendResponse) => {
  const handle = async () => {
    switch (message.type) {
      case 'categorise':
        return categorise(message.rows);
      case 'download-statement':
        return downloadStatement(message);
      case 'logo':
        return fetchLogo(message.url);
      case 'pair': {
        const code = createPairingCode();
        await chrome.storage.session.set({ pairingCode: code });
        return { code };
      }
    }
  };
  handle().then(sendResponse, (err) => sendResponse({ error: String(err) }));
  return true;
});
