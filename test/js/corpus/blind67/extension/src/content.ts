import DOMPurify from 'dompurify';

// Content script for supported bank portals. Scrapes the visible transaction table,
// asks the background worker for Ledgerly categories and decorates each row.

const LEDGERLY_ORIGIN = 'https://app.ledgerly.io';

interface ScrapedRow {
  element: HTMLElement;
  date: string;
  merchant: string;
  amount: string;
}

interface OverlaySettings {
  [section: string]: Record<string, unknown>;
}

const settings: OverlaySettings = {
  overlay: { position: 'bottom-right', collapsed: false },
  badges: { showConfidence: true },
};

const SITE_SELECTORS: Record<string, { row: string; date: string; merchant: string; amount: string }> = {
  'online.chase.com': { row: 'tr.activity-row', date: '.date', merchant: '.description', amount: '.amount' },
  'www.barclays.co.uk': { row: '[data-test="transaction"]', date: 'time', merchant: '.txn-desc', amount: '.txn-amount' },
  'app.monzo.com': { row: '.feed-item', date: '.feed-item__date', merchant: '.feed-item__title', amount: '.feed-item__amount' },
};

function scrapeRows(): ScrapedRow[] {
  const selectors = SITE_SELECTORS[location.hostname];
  if (!selectors) return [];
  return Array.from(document.querySelectorAll<HTMLElement>(selectors.row)).map((element) => ({
    element,
    date: element.querySelector(selectors.date)?.textContent?.trim() ?? '',
    merchant: element.querySelector(selectors.merchant)?.textContent?.trim() ?? '',
    amount: element.querySelector(selectors.amount)?.textContent?.trim() ?? '',
  }));
}

function ensureOverlay(): HTMLElement {
  let overlay = document.getElementById('ledgerly-overlay');
  if (!overlay) {
    overlay = document.createElement('div');
    overlay.id = 'ledgerly-overlay';
    overlay.dataset.position = String(settings.overlay.position);
    document.body.appendChild(overlay);
  }
  return overlay;
}

async function decorateRows() {
  const rows = scrapeRows();
  if (!rows.length) return;
  const response = await chrome.runtime.sendMessage({
    type: 'categorise',
    rows: rows.map(({ date, merchant, amount }) => ({ date, merchant, amount })),
  });
  rows.forEach((row, index) => {
    const category = response?.categories?.[index] ?? 'Uncategorised';
    row.element.querySelector('.ledgerly-badge')?.remove();
    row.element.insertAdjacentHTML('beforeend', `<span class="ledgerly-badge" title="${row.merchant}">${category}</span>`);  //@vuln CWE-79
  });
}

function applySetting(section: string, key: string, value: unknown) {
  if (!settings[section]) settings[section] = {};
  settings[section][key] = value;  //@vuln CWE-1321
  chrome.storage.local.set({ overlaySettings: settings });
}

// Messages from the Ledgerly web app when it is open in an iframe on the bank page.
window.addEventListener('message', (event: MessageEvent) => {
  const data = event.data;
  if (!data || typeof data !== 'object') return;

  switch (data.type) {
    case 'ledgerly:notice': {
      const overlay = ensureOverlay();
      overlay.innerHTML = `<div class="ll-title">${data.title}</div><div class="ll-body">${data.message}</div>`;  //@vuln CWE-79
      break;
    }
    case 'ledgerly:setting':
      applySetting(data.section, data.key, data.value);
      break;
    case 'ledgerly:tip': {
      if (event.origin !== LEDGERLY_ORIGIN) return;
      const overlay = ensureOverlay();
      overlay.insertAdjacentHTML('afterbegin', DOMPurify.sanitize(String(data.html), { USE_PROFILES: { html: true } }));  //@safe
      break;
    }
  }
});

function scheduleRefresh() {
  const accountId = new URLSearchParams(location.search).get('accountId') ?? location.hash.slice(1);
  if (accountId) {
    setTimeout(`window.__ledgerlyRefresh && window.__ledgerlyRefresh('${accountId}')`, 1500);  //@vuln CWE-95
  }
  setTimeout(() => {  //@safe
    decorateRows().catch((err) => console.warn('[ledgerly] decorate failed', err));
  }, 750);
}

const observer = new MutationObserver(() => {
  if (!document.querySelector('.ledgerly-badge')) {
    decorateRows().catch(() => undefined);
  }
});

chrome.storage.local.get('overlaySettings').then((stored) => {
  Object.assign(settings, stored.overlaySettings ?? {});
  observer.observe(document.body, { childList: true, subtree: true });
  scheduleRefresh();
});
