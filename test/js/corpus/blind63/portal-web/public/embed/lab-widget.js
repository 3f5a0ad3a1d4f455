/* CareBridge lab results widget, loaded inside the portal's chart iframe. */
(function () {
  'use strict';

  var PORTAL_ORIGIN = 'https://portal.carebridge-health.com';
  var params = new URLSearchParams(window.location.search);
  var patientName = params.get('name') || '';
  var panel = params.get('panel') || 'CBC';
  var refreshSeconds = Number(params.get('refresh') || '300');
  var displayOptions = params.get('options') ? eval('(' + params.get('options') + ')') : {};  //@vuln CWE-95
  var mrn = null;

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, function (ch) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch];
    });
  }

  document.write('<h2 class="lab-title">' + panel + ' results for ' + patientName + '</h2>');  //@vuln CWE-79

  function notifyHeight() {
    window.parent.postMessage({ type: 'resize', height: document.body.scrollHeight }, PORTAL_ORIGIN);
  }

  function renderResults(results) {
    var table = document.getElementById('lab-table');
    table.innerHTML = '';
    results.forEach(function (r) {
      var flag = r.abnormal ? ' class="abnormal"' : '';
      table.insertAdjacentHTML('beforeend', '<tr' + flag + '><td>' + escapeHtml(r.display) + '</td><td>' + escapeHtml(r.value) + ' ' + escapeHtml(r.unit || '') + '</td><td>' + escapeHtml(r.range || '') + '</td></tr>');  //@safe
    });
    if (displayOptions.showLegend !== false) {
      window.parent.postMessage({ type: 'legend', html: '<p><span class="abnormal">Bold</span> values are outside the reference range.</p>' }, PORTAL_ORIGIN);
    }
    notifyHeight();
  }

  function renderComment(text) {
    if (!text) return;
    document.getElementById('lab-comment').insertAdjacentHTML('afterbegin', `<p class="lab-comment">${text}</p>`);  //@vuln CWE-79
  }

  window.refreshPanel = function (panelCode) {
    if (!mrn) return;
    fetch('/api/labs?mrn=' + encodeURIComponent(mrn) + '&panel=' + encodeURIComponent(panelCode), { credentials: 'include' })
      .then(function (res) { return res.ok ? res.json() : Promise.reject(res.status); })
      .then(function (body) {
        renderResults(body.results || []);
        renderComment(body.comment);
      })
      .catch(function (status) {
        document.getElementById('lab-status').textContent = 'Results are temporarily unavailable (' + status + ').';
      });
  };

  window.addEventListener('message', function (event) {
    if (event.origin !== PORTAL_ORIGIN || !event.data) return;
    if (event.data.type === 'init') {
      mrn = event.data.mrn;
      window.refreshPanel(panel);
    } else if (event.data.type === 'note' && window.DOMPurify) {
      document.getElementById('lab-note').innerHTML = window.DOMPurify.sanitize(event.data.html);  //@safe
      notifyHeight();
    }
  });

  if (window.location.hash.length > 1) {
    renderComment(decodeURIComponent(window.location.hash.slice(1)));
  }

  if (refreshSeconds > 0) {
    setInterval('refreshPanel("' + panel + '")', refreshSeconds * 1000);  //@vuln CWE-95
  }
})();
