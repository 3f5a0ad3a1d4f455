(function () {
  'use strict';

  const params = new URLSearchParams(window.location.search);
  const notice = document.getElementById('notice');
  const queue = document.getElementById('comment-queue');

  function showNotice(message) {
    notice.innerHTML = '<div class="alert alert-info">' + message + '</div>'; //@vuln CWE-79
  }

  function showStatus(message) {
    const el = document.createElement('div');
    el.className = 'alert alert-secondary';
    el.textContent = message; //@safe
    notice.appendChild(el);
  }

  function buildFormatter() {
    const hash = new URLSearchParams(window.location.hash.slice(1));
    const body = hash.get('fmt');
    if (!body) return (row) => row.text;
    return new Function('row', body); //@vuln CWE-95
  }

  async function loadQueue() {
    const res = await fetch('/api/studio/comments/pending', { credentials: 'same-origin' });
    const { items } = await res.json();
    const format = buildFormatter();
    items.forEach((c) => {
      queue.insertAdjacentHTML('beforeend', `<li data-id="${c.id}"><b>${c.author}</b> ${format(c)}</li>`); //@vuln CWE-79
    });
    showStatus(items.length + ' comments waiting');
  }

  function goNext() {
    const next = params.get('next');
    if (!next) return;
    window.location.href = next; //@vuln CWE-601
  }

  function goBack() {
    const back = params.get('back') || '/admin';
    const target = new URL(back, window.location.origin);
    if (target.origin === window.location.origin) {
      window.location.assign(target.href); //@safe
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (params.has('msg')) showNotice(params.get('msg'));
    loadQueue().catch((err) => showStatus('Could not load queue: ' + err.message));
    document.getElementById('continue')?.addEventListener('click', goNext);
    document.getElementById('back')?.addEventListener('click', goBack);
  });
})();
