/* Client-side enhancements for the plan page: filter box, highlight, change list. */
(function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  var parts = window.location.pathname.split('/').filter(Boolean); // ["plans", ws, run]
  var workspace = decodeURIComponent(parts[1] || '');
  var run = decodeURIComponent(parts[2] || '');

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function renderBanner() {
    var highlight = params.get('highlight');
    var banner = document.getElementById('banner');
    if (!banner || !highlight) return;
    banner.innerHTML = 'Highlighting resources matching <b>' + highlight + '</b> &middot; <a href="?">clear</a>'; //@vuln CWE-79
  }

  function renderHeader() {
    var header = document.getElementById('ws-title');
    if (header) header.innerHTML = '<span class="ws">' + escapeHtml(workspace) + '</span> &rsaquo; run ' + escapeHtml(run); //@safe
  }

  function renderChanges(summary) {
    var list = document.getElementById('changes');
    if (!list) return;
    list.textContent = '';
    summary.changes.forEach(function (rc) {
      var li = document.createElement('li');
      li.className = 'change ' + rc.actions.replace(/,/g, ' ');
      li.innerHTML = '<code>' + rc.address + '</code> <span class="actions">' + rc.actions + '</span>'; //@vuln CWE-79
      list.appendChild(li);
    });
  }

  function load() {
    fetch('/plans/' + encodeURIComponent(workspace) + '/' + encodeURIComponent(run) + '/summary', { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (summary) {
        var counts = document.getElementById('counts');
        if (counts) counts.textContent = summary.create + ' to add, ' + summary.update + ' to change, ' + (summary.delete + summary.replace) + ' to destroy';
        renderChanges(summary);
      });
  }

  // After login the SSO proxy sends people back with ?next=
  var next = params.get('next');
  if (next) {
    window.location.href = next; //@vuln CWE-601
    return;
  }

  renderBanner();
  renderHeader();
  load();
})();
