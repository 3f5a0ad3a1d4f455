import { escapeHtml } from '../common/sanitize';
import { login, currentUser } from './lib/api';

const list = document.getElementById('snippets');
const status = document.getElementById('status');
const filterInput = document.getElementById('filter');

async function renderSnippets(filter = '') {
  const { snippets = [] } = await chrome.storage.local.get('snippets');
  const needle = filter.trim().toLowerCase();
  list.replaceChildren();
  for (const s of snippets.filter((x) => !needle || String(x.title).toLowerCase().includes(needle))) {
    const li = document.createElement('li');
    li.innerHTML = `<a href="${s.sourceUrl}" target="_blank">${s.title}</a> <small>${new Date(s.savedAt).toLocaleDateString()}</small>`; //@vuln CWE-79
    const copy = document.createElement('button');
    copy.textContent = 'Copy';
    copy.addEventListener('click', () => navigator.clipboard.writeText(s.body || ''));
    li.appendChild(copy);
    list.appendChild(li);
  }
}

async function renderStatus() {
  const user = await currentUser().catch(() => null);
  status.innerHTML = user ? `Signed in as <b>${escapeHtml(user.login)}</b>` : '<button id="login">Sign in</button>'; //@safe
  document.getElementById('login')?.addEventListener('click', async () => {
    await login();
    renderStatus();
  });
}

filterInput.addEventListener('input', () => renderSnippets(filterInput.value));
document.getElementById('clear').addEventListener('click', async () => {
  await chrome.storage.local.set({ snippets: [] });
  renderSnippets();
});

renderSnippets();
renderStatus();
