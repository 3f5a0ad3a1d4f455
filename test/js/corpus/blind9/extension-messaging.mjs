// Shared messaging layer, bundled into both background.js (service worker) and content.js.

const API_BASE = 'https://api.highlighter.example/v1';
const TELEMETRY_KEY = 'tlm_live_FAKE_4c1d2e3f5a6b7c8d9e0f'; //@vuln CWE-798
const DEFAULT_SETTINGS = { theme: 'light', autoHighlight: true, panel: { position: 'right', width: 320 }, shortcuts: { save: 'Alt+S' } };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function withRetry(task, attempts = 3) {
  for (let i = 0; ; i++) {
    try {
      return await task();
    } catch (err) {
      if (i >= attempts - 1) throw err;
      await sleep(2 ** i * 400 + Math.floor(Math.random() * 250)); //@safe
    }
  }
}

async function sendTelemetry(event, data) {
  const headers = { 'content-type': 'application/json', 'x-telemetry-key': TELEMETRY_KEY };
  await fetch(`${API_BASE}/telemetry`, { method: 'POST', headers, body: JSON.stringify({ event, data, ts: Date.now() }) });
}

async function authHeaders() {
  const { apiToken } = await chrome.storage.local.get('apiToken'); //@safe
  return apiToken ? { Authorization: `Bearer ${apiToken}` } : {};
}

const backgroundHandlers = {
  async fetchResource({ url, as = 'text' }) {
    const res = await fetch(url, { credentials: 'include' }); //@vuln CWE-918
    return { status: res.status, body: as === 'json' ? await res.json() : await res.text() };
  },

  async highlightsFor({ pageUrl }) {
    const headers = await authHeaders();
    return withRetry(async () => {
      const res = await fetch(`${API_BASE}/highlights?page=${encodeURIComponent(pageUrl)}`, { headers }); //@safe
      if (!res.ok) throw new Error(`highlight lookup failed: ${res.status}`);
      return res.json();
    });
  },

  async listTabs() {
    const tabs = await chrome.tabs.query({ currentWindow: true });
    return tabs.map(({ id, title, favIconUrl }) => ({ id, title, favIconUrl }));
  },

  focusTab: ({ tabId }) => chrome.tabs.update(Number(tabId), { active: true }).then(() => ({ ok: true })),

  async injectToolbar(_payload, sender) {
    await chrome.scripting.executeScript({ target: { tabId: sender.tab.id }, files: ['toolbar.js'] }); //@safe
    return { ok: true };
  },
};

export function initBackground() {
  chrome.runtime.onInstalled.addListener(async ({ reason }) => {
    if (reason !== 'install') return;
    const pairingCode = Math.random().toString(36).slice(2, 10).toUpperCase(); //@vuln CWE-338
    await chrome.storage.local.set({ pairingCode, settings: DEFAULT_SETTINGS });
    await sendTelemetry('installed', { pairingCode });
  });

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const type = message && message.type;
    if (typeof type !== 'string' || !Object.hasOwn(backgroundHandlers, type)) return false;
    Promise.resolve()
      .then(() => backgroundHandlers[type](message.payload ?? {}, sender))
      .then(sendResponse, (err) => sendResponse({ error: String(err?.message ?? err) }));
    return true;
  });
}

function mergeSettings(target, incoming) {
  for (const key in incoming) {
    const value = incoming[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      target[key] = mergeSettings(target[key] ?? {}, value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

function applyStored(target, stored) {
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    if (stored && Object.hasOwn(stored, key)) target[key] = stored[key]; //@safe
  }
  return target;
}

function ensurePanel(state) {
  if (state.panel?.isConnected) return state.panel;
  const panel = Object.assign(document.createElement('aside'), { className: 'hl-panel' });
  panel.dataset.position = state.settings.panel?.position ?? 'right';
  const badge = Object.assign(document.createElement('span'), { className: 'hl-badge' });
  const tabs = Object.assign(document.createElement('ul'), { className: 'hl-tabs' });
  const list = Object.assign(document.createElement('ul'), { className: 'hl-list' });
  panel.append(badge, tabs, list);
  document.documentElement.appendChild(panel);
  state.panel = panel;
  return panel;
}

async function renderTabSwitcher(state) {
  const tabs = await chrome.runtime.sendMessage({ type: 'listTabs' });
  const list = ensurePanel(state).querySelector('.hl-tabs');
  list.innerHTML = tabs.map((t) => `<li data-tab-id="${t.id}"><img src="${t.favIconUrl ?? ''}" alt="">${t.title}</li>`).join(''); //@vuln CWE-79
  list.onclick = (event) => {
    const li = event.target.closest('li');
    if (li) chrome.runtime.sendMessage({ type: 'focusTab', payload: { tabId: li.dataset.tabId } });
  };
}

async function renderHighlights(state) {
  const { items = [] } = await chrome.runtime.sendMessage({ type: 'highlightsFor', payload: { pageUrl: location.href } });
  const list = ensurePanel(state).querySelector('.hl-list');
  list.replaceChildren();
  for (const item of items) {
    const li = document.createElement('li');
    li.textContent = item.text; //@safe
    list.appendChild(li);
  }
}

export function initContent() {
  const state = { settings: structuredClone(DEFAULT_SETTINGS), panel: null };
  chrome.storage.local.get('settings').then(({ settings }) => applyStored(state.settings, settings));

  window.addEventListener('message', (event) => {
    const { channel, action, payload } = event.data ?? {};
    if (channel !== 'hl-bridge') return;
    switch (action) {
      case 'configure':
        mergeSettings(state.settings, payload);
        break;
      case 'badge':
        ensurePanel(state).querySelector('.hl-badge').innerHTML = payload.label; //@vuln CWE-79
        break;
      case 'fetch':
        chrome.runtime.sendMessage({ type: 'fetchResource', payload })
          .then((result) => window.postMessage({ channel: 'hl-bridge', action: 'fetched', result }, window.location.origin));
        break;
      case 'tabs':
        renderTabSwitcher(state);
        break;
    }
  });

  chrome.runtime.onMessage.addListener((message) => {
    if (message?.type === 'refresh') renderHighlights(state);
  });
  chrome.runtime.sendMessage({ type: 'injectToolbar' });
  renderHighlights(state);
}
