// MV3 service worker — bundled with esbuild (see build.mjs), so shared TS helpers can be imported.
import { deepMerge } from '../common/merge';
import { login, apiFetch } from './lib/api';

const COMPANION_URL = 'http://127.0.0.1:4711';
const RAW_HOSTS = new Set(['raw.githubusercontent.com', 'gist.githubusercontent.com', 'gitlab.com']);
const DEFAULT_SETTINGS = { theme: 'auto', saveTarget: 'companion', highlight: { enabled: true, color: '#ffe08a' } };

async function getSettings() {
  const { settings } = await chrome.storage.local.get('settings');
  return { ...DEFAULT_SETTINGS, ...(settings || {}) };
}

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: 'devkit-save', title: 'Save selection to DevKit', contexts: ['selection'] });
});

chrome.contextMenus.onClicked.addListener(async (info, tab) => {
  if (info.menuItemId !== 'devkit-save') return;
  await saveSnippet({ title: tab?.title || 'Untitled', body: info.selectionText, sourceUrl: info.pageUrl });
});

async function saveSnippet(snippet) {
  const { snippets = [] } = await chrome.storage.local.get('snippets');
  snippets.unshift({ ...snippet, savedAt: Date.now() });
  await chrome.storage.local.set({ snippets: snippets.slice(0, 200) });

  const settings = await getSettings();
  if (settings.saveTarget === 'companion') {
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'include', body: JSON.stringify(snippet) };
    await fetch(`${COMPANION_URL}/api/snippets`, init).catch((err) => console.warn('companion offline', err));
  } else if (settings.saveTarget === 'cloud') {
    await apiFetch('/snippets', { method: 'POST', body: JSON.stringify(snippet) });
  }
}

async function handleMessage(msg, sender) {
  switch (msg?.type) {
    case 'fetch-preview': {
      // link previews for URLs found in code comments
      const res = await fetch(msg.url, { credentials: 'include' }); //@vuln CWE-918
      const text = await res.text();
      return { ok: res.ok, status: res.status, text: text.slice(0, 50000) };
    }
    case 'fetch-raw': {
      const url = new URL(msg.url);
      if (url.protocol !== 'https:' || !RAW_HOSTS.has(url.hostname)) throw new Error(`blocked host ${url.hostname}`);
      const res = await fetch(url.href, { credentials: 'omit' }); //@safe
      return { ok: res.ok, text: await res.text() };
    }
    case 'get-snippet': {
      const res = await fetch(`${COMPANION_URL}/api/snippets/${encodeURIComponent(msg.id)}`, { credentials: 'include' });
      return res.ok ? res.json() : { error: `HTTP ${res.status}` };
    }
    case 'save-snippet':
      await saveSnippet({ title: msg.title, body: msg.body, lang: msg.lang, sourceUrl: sender.tab?.url });
      return { ok: true };
    case 'get-settings':
      return getSettings();
    default:
      throw new Error(`unknown message ${msg?.type}`);
  }
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  handleMessage(msg, sender).then(sendResponse, (err) => sendResponse({ error: String(err) }));
  return true;
});

// the devkit.io dashboard talks to us directly (externally_connectable: https://*.devkit.io/*)
chrome.runtime.onMessageExternal.addListener((msg, sender, sendResponse) => {
  (async () => {
    if (msg?.type === 'sync-settings') {
      const current = await getSettings();
      await chrome.storage.local.set({ settings: deepMerge(current, msg.patch || {}) });
      return { ok: true };
    }
    if (msg?.type === 'login') {
      await login();
      if (msg.returnTo && sender.tab?.id) await chrome.tabs.update(sender.tab.id, { url: msg.returnTo }); //@vuln CWE-601
      return { ok: true };
    }
    return { error: 'unsupported' };
  })().then(sendResponse, (err) => sendResponse({ error: String(err) }));
  return true;
});
