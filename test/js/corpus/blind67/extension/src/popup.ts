import { formatDistanceToNow } from 'date-fns';

interface AccountSummary {
  id: string;
  name: string;
  mask: string;
  balanceCents: number;
  currency: string;
  syncedAt: string;
}

const params = new URLSearchParams(location.search);

function formatMoney(cents: number, currency: string) {
  return new Intl.NumberFormat(navigator.language, { style: 'currency', currency }).format(cents / 100);
}

async function loadAccounts(): Promise<AccountSummary[]> {
  const { accessToken } = await chrome.storage.session.get('accessToken');
  if (!accessToken) return [];
  const res = await fetch('https://api.ledgerly.io/widgets/balance', { headers: { Authorization: `Bearer ${accessToken}` } });
  return res.ok ? res.json() : [];
}

function renderHeader() {
  const header = document.getElementById('popup-header')!;
  const linked = params.get('linked');
  if (linked) {
    header.innerHTML = `<h2>Connected ${linked}</h2><p>Your transactions will appear in a few minutes.</p>`;  //@vuln CWE-79
  }
}

function renderAccounts(accounts: AccountSummary[]) {
  const list = document.getElementById('account-list')!;
  list.replaceChildren();
  for (const account of accounts) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'account-name';
    name.textContent = `${account.name} ••${account.mask}`;
    const balance = document.createElement('span');
    balance.className = 'account-balance';
    balance.textContent = formatMoney(account.balanceCents, account.currency);
    const synced = document.createElement('small');
    synced.textContent = `synced ${formatDistanceToNow(new Date(account.syncedAt))} ago`;
    item.append(name, balance, synced);
    list.appendChild(item);
  }
}

function printSummary(accounts: AccountSummary[]) {
  const title = params.get('title') ?? 'Balance summary';
  const win = window.open('', '_blank', 'width=600,height=800');
  if (!win) return;
  const rows = accounts
    .map((a) => `<tr><td>${a.name}</td><td>${formatMoney(a.balanceCents, a.currency)}</td></tr>`)
    .join('');
  win.document.write(`<html><head><title>${title}</title></head><body><h1>${title}</h1><table>${rows}</table></body></html>`);  //@vuln CWE-79
  win.document.close();
  win.print();
}

document.addEventListener('DOMContentLoaded', async () => {
  const next = params.get('next');
  if (next) {
    window.location.href = next;  //@vuln CWE-601
    return;
  }
  renderHeader();
  const accounts = await loadAccounts();
  renderAccounts(accounts);
  document.getElementById('print-summary')?.addEventListener('click', () => printSummary(accounts));
  document.getElementById('open-app')?.addEventListener('click', () => chrome.tabs.create({ url: 'https://app.ledgerly.io/dashboard' }));
});
