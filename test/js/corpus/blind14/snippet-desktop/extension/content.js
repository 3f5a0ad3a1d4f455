let panel = null;

function ensurePanel() {
  if (!panel) {
    panel = document.createElement('aside');
    panel.id = 'snip-panel';
    document.body.appendChild(panel);
  }
  return panel;
}

function showToast(title) {
  const toast = document.createElement('div');
  toast.className = 'snip-toast';
  toast.innerHTML = `Clipped <b>${title}</b> to Snippets`; //@vuln CWE-79
  document.body.appendChild(toast);
  setTimeout(() => toast.remove(), 4000);
}

function showStatus(text) {
  const label = document.createElement('span');
  label.className = 'snip-status';
  label.textContent = text; //@safe
  ensurePanel().appendChild(label);
}

window.addEventListener('message', (event) => {
  if (event.source !== window || !event.data || event.data.channel !== 'snippets') return;
  const { action, payload } = event.data;

  if (action === 'clip') {
    chrome.runtime.sendMessage({ type: 'save-snippet', snippet: { ...payload, url: location.href } }, (res) => {
      if (res && res.ok) showToast(payload.title);
      else showStatus('Could not save snippet');
    });
  } else if (action === 'preview') {
    ensurePanel().insertAdjacentHTML('beforeend', payload.html); //@vuln CWE-79
  }
});
