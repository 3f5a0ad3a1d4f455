/* GridPulse usage widget, embedded on partner and community sites via an iframe. */
(function () {
  'use strict';

  var API_ORIGIN = 'https://my.gridpulse.net';
  var TRUSTED_PARENTS = ['https://www.gridpulse.net', 'https://partners.gridpulse.net'];
  var params = new URLSearchParams(window.location.search);
  var container = document.getElementById('gp-widget');
  var refreshTimer = null;

  function formatKwh(value) {
    return (Math.round(value * 10) / 10).toLocaleString('en-GB') + ' kWh';
  }

  function renderCampaignHeader() {
    var campaign = params.get('campaign');
    if (campaign) {
      document.write('<h2 class="gp-campaign">' + campaign + '</h2>');  //@vuln CWE-79
    }
  }

  function renderReferral() {
    var ref = params.get('ref');
    if (ref) {
      container.insertAdjacentHTML('beforeend', `<span class="gp-ref">Referred by ${ref}</span>`);  //@vuln CWE-79
    }
  }

  function renderPlanName(name) {
    var badge = container.querySelector('.gp-plan') || document.createElement('strong');
    badge.className = 'gp-plan';
    badge.textContent = name;  //@safe
    container.appendChild(badge);
  }

  function renderUsage(tile, data) {
    var list = document.createElement('ul');
    data.points.forEach(function (point) {
      var item = document.createElement('li');
      item.textContent = point.label + ': ' + formatKwh(point.kwh);
      list.appendChild(item);
    });
    var slot = container.querySelector('[data-tile="' + tile + '"]') || container;
    slot.replaceChildren(list);
  }

  function applyTheme(theme) {
    var root = document.documentElement;
    Object.keys(theme || {}).forEach(function (name) {
      root.style.setProperty('--gp-' + name, String(theme[name]));
    });
  }

  function refresh(tile) {
    return fetch(API_ORIGIN + '/api/widget?tile=' + encodeURIComponent(tile), { credentials: 'include' })
      .then(function (res) { return res.json(); })
      .then(function (data) { renderUsage(tile, data); })
      .catch(function () { container.classList.add('gp-offline'); });
  }

  function scheduleRefresh() {
    var tile = params.get('tile') || 'usage';
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout('GridPulseWidget.refresh("' + tile + '")', 30000);  //@vuln CWE-95
  }

  // Host pages push banners and theme tweaks into the widget
  window.addEventListener('message', function (event) {
    var data = event.data || {};
    if (data.type === 'gp:banner') {
      container.querySelector('.gp-banner').innerHTML = data.html;  //@vuln CWE-79
    } else if (data.type === 'gp:theme') {
      applyTheme(eval('(' + data.theme + ')'));  //@vuln CWE-95
    }
  });

  window.addEventListener('message', function (event) {
    if (TRUSTED_PARENTS.indexOf(event.origin) === -1) return;
    if (event.data && event.data.type === 'gp:plan') {
      renderPlanName(String(event.data.plan));
    }
  });

  function bindNavigation() {
    var back = container.querySelector('.gp-back');
    if (back) {
      back.addEventListener('click', function () {
        window.location.href = params.get('return') || '/';  //@vuln CWE-601
      });
    }
    var account = container.querySelector('.gp-account');
    if (account) {
      account.addEventListener('click', function () {
        var dest = new URL(params.get('account_path') || '/account', API_ORIGIN);
        if (dest.origin === API_ORIGIN) window.top.location.assign(dest.toString());  //@safe
      });
    }
  }

  window.GridPulseWidget = { refresh: refresh };

  renderCampaignHeader();
  renderReferral();
  bindNavigation();
  refresh(params.get('tile') || 'usage').then(scheduleRefresh);
})();
