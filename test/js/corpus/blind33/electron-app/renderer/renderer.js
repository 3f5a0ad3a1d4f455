// Renderer bundle (vite). Talks to the main process through window.devkit (see preload.js).
import { marked } from 'marked';
import DOMPurify from 'dompurify';
import { escapeHtml } from '../../common/sanitize';

const COMPANION = 'http://127.0.0.1:4711';
const $ = (sel) => document.querySelector(sel);

async function openFile(rel) {
  const text = await window.devkit.readFile(rel);
  $('#viewer-title').textContent = rel;
  if (rel.endsWith('.md')) {
    $('#viewer').innerHTML = marked.parse(text); //@vuln CWE-79
  } else {
    $('#viewer').textContent = text;
  }
}

async function showHistory(ref = 'HEAD') {
  const commits = await window.devkit.gitLog(ref);
  $('#history').innerHTML = commits.map((c) => `<li data-sha="${c.sha}"><code>${c.sha}</code> ${c.subject}</li>`).join(''); //@vuln CWE-79
}

async function showSnippets() {
  const res = await fetch(`${COMPANION}/api/snippets`, { credentials: 'include' });
  if (!res.ok) return;
  const items = await res.json();
  $('#snippets').innerHTML = items.map((s) => `<article data-id="${escapeHtml(s._id)}"><h3>${escapeHtml(s.title)}</h3><pre>${escapeHtml(s.body)}</pre></article>`).join(''); //@safe
}

async function showNotice() {
  const res = await fetch('https://devkit.io/api/notices/latest').catch(() => null);
  if (!res || !res.ok) return;
  const notice = await res.json();
  $('#notice').innerHTML = DOMPurify.sanitize(notice.html); //@safe
}

async function openProject(dir) {
  const root = dir ? await window.devkit.setProject(dir) : await window.devkit.chooseProject();
  if (!root) return;
  $('#project').textContent = root;
  const session = await window.devkit.restoreSession();
  await openFile(session?.lastFile || 'README.md').catch(() => openFile('package.json'));
  await showHistory(session?.ref || 'HEAD');
}

$('#open').addEventListener('click', () => openProject());
$('#history').addEventListener('click', async (e) => {
  const li = e.target.closest('li[data-sha]');
  if (li) $('#commit').textContent = await window.devkit.gitShow(li.dataset.sha);
});
$('#ref').addEventListener('change', (e) => showHistory(e.target.value));
$('#snippets').addEventListener('click', async (e) => {
  const card = e.target.closest('article');
  if (!card) return;
  const body = card.querySelector('pre').textContent;
  const expanded = await window.devkit.expandSnippet(body, { project: $('#project').textContent });
  await navigator.clipboard.writeText(expanded);
});
window.addEventListener('beforeunload', () => {
  window.devkit.saveSession({ lastFile: $('#viewer-title').textContent, ref: $('#ref').value });
});
window.devkit.onProjectOpen((dir) => openProject(dir));

showSnippets();
showNotice();
