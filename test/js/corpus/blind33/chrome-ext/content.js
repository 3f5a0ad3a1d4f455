import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/common';
import { escapeHtml } from '../common/sanitize';

const PANEL_ID = 'devkit-helper-panel';
let panel = null;
let marks = [];

function ensurePanel() {
  if (panel && document.body.contains(panel)) return panel;
  panel = document.createElement('aside');
  panel.id = PANEL_ID;
  panel.innerHTML = '<header><span class="title"></span><button class="close" title="Close">×</button></header><div class="body"></div><pre class="code"></pre>';
  panel.querySelector('.close').addEventListener('click', () => panel.remove());
  document.body.appendChild(panel);
  return panel;
}

function showPreview(result) {
  const p = ensurePanel();
  p.querySelector('.title').textContent = `Preview (${result.status})`;
  p.querySelector('.body').innerHTML = result.text; //@vuln CWE-79
}

function showSnippet(snippet) {
  const p = ensurePanel();
  p.querySelector('.title').innerHTML = `<strong>${snippet.title}</strong> <small>${snippet.lang || ''}</small>`; //@vuln CWE-79
  p.querySelector('.code').innerHTML = DOMPurify.sanitize(hljs.highlightAuto(snippet.body || '').value); //@safe
}

function clearMarks() {
  for (const m of marks) m.replaceWith(document.createTextNode(m.textContent));
  marks = [];
}

function highlightMatches(pattern, flags) {
  clearMarks();
  const re = new RegExp(pattern, flags || 'gi'); //@vuln CWE-1333
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const hits = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement?.closest(`#${PANEL_ID}`)) continue;
    re.lastIndex = 0;
    if (re.test(node.nodeValue)) hits.push(node);
  }
  for (const node of hits.slice(0, 500)) {
    const mark = document.createElement('mark');
    mark.className = 'devkit-hit';
    node.replaceWith(mark);
    mark.appendChild(node);
    marks.push(mark);
  }
  return hits.length;
}

// Pages with the DevKit embed script (docs sites, internal wikis) drive the helper via postMessage.
window.addEventListener('message', async (event) => {
  const data = event.data;
  if (!data || data.source !== 'devkit-page') return;
  if (data.type === 'preview-link') {
    const result = await chrome.runtime.sendMessage({ type: 'fetch-preview', url: data.url });
    if (!result?.error) showPreview(result);
  } else if (data.type === 'find') {
    const count = highlightMatches(data.pattern, data.flags);
    window.postMessage({ source: 'devkit-helper', type: 'find-result', count }, '*');
  } else if (data.type === 'open-snippet') {
    const snippet = await chrome.runtime.sendMessage({ type: 'get-snippet', id: data.id });
    if (!snippet?.error) showSnippet(snippet);
  }
});

function decorateCodeBlocks() {
  const blocks = document.querySelectorAll('pre > code');
  blocks.forEach((code) => {
    if (code.dataset.devkit) return;
    code.dataset.devkit = '1';
    const btn = document.createElement('button');
    btn.className = 'devkit-save';
    btn.textContent = 'Save';
    btn.addEventListener('click', () =>
      chrome.runtime.sendMessage({ type: 'save-snippet', title: document.title, body: code.innerText, lang: code.className.replace(/^language-/, '') }),
    );
    code.parentElement.style.position = 'relative';
    code.parentElement.appendChild(btn);
  });

  const badge = document.getElementById('devkit-badge') || document.body.appendChild(Object.assign(document.createElement('div'), { id: 'devkit-badge' }));
  badge.innerHTML = `<span class="count">${escapeHtml(String(blocks.length))}</span> snippets`; //@safe
}

decorateCodeBlocks();
new MutationObserver(() => decorateCodeBlocks()).observe(document.body, { childList: true, subtree: true });
