const API_BASE = 'https://snippets.example.com/api';

async function saveSnippet(snippet) {
  const { token } = await chrome.storage.local.get('token');
  const res = await fetch(`${API_BASE}/snippets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ title: snippet.title, body: snippet.body, source: snippet.url }),
  });
  return { ok: res.ok };
}

function applyTransform(expression, text) {
  return eval(`(function (text) { return ${expression}; })`)(text); //@vuln CWE-95
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  switch (msg.type) {
    case 'fetch-resource':
      fetch(msg.url, { credentials: 'include' }) //@vuln CWE-918
        .then((r) => r.text())
        .then((text) => sendResponse({ ok: true, text }))
        .catch((e) => sendResponse({ ok: false, error: String(e) }));
      return true;
    case 'save-snippet':
      saveSnippet(msg.snippet).then(sendResponse);
      return true;
    case 'transform':
      sendResponse({ result: applyTransform(msg.expression, msg.text) });
      return false;
    default:
      return false;
  }
});
