/* VulnShop browser client: contact widget, search echo and support chat.
 * Loaded on every page by layout.ejs. No framework, jQuery is already on the page. */
(function (window, document, $) {
  'use strict';

  var FIXED = document.body.getAttribute('data-lesson-mode') === 'fixed';
  var SUPPORT_ORIGIN = 'https://support.vulnshop.local';
  var params = new URLSearchParams(window.location.search);

  function el(id) {
    return document.getElementById(id);
  }

  function getJSON(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }

  // ---- search echo -------------------------------------------------------
  function renderSearchEcho() {
    var q = params.get('q');
    var target = el('search-echo');
    if (!q || !target) return;
    if (FIXED) {
      target.textContent = 'Results for "' + q + '"';
    } else {
      target.innerHTML = 'Results for "<b>' + q + '</b>"'; //@vuln CWE-79
    }
  }

  // ---- promo banner ----------------------------------------------------------
  function renderPromo() {
    var promo = params.get('promo');
    if (!promo) return;
    if (FIXED) {
      $('#promo-banner').text(promo);
    } else {
      $('#promo-banner').html(promo).show(); //@vuln CWE-79
    }
  }

  // ---- latest public messages (the "wall") -------------------------------
  function renderWall() {
    var list = el('message-wall');
    if (!list) return;
    getJSON('/api/v2/messages/recent').then(function (messages) {
      messages.forEach(function (m) {
        var li = document.createElement('li');
        if (FIXED) {
          li.innerHTML = '<b></b> ' + window.DOMPurify.sanitize(m.body); //@safe
          li.querySelector('b').textContent = m.name;
        } else {
          li.innerHTML = '<b>' + m.name + '</b> ' + m.body; //@vuln CWE-79
        }
        list.appendChild(li);
      });
    }).catch(function (err) {
      console.warn('wall unavailable', err);
    });
  }

  // ---- support chat iframe talks to us via postMessage ---------------------
  function onSupportMessage(event) {
    var box = el('support-chat');
    if (!box || !event.data) return;
    if (FIXED) {
      if (event.origin !== SUPPORT_ORIGIN) return;
      var p = document.createElement('p');
      p.textContent = String(event.data.text || '');
      box.appendChild(p);
      return;
    }
    box.insertAdjacentHTML('beforeend', '<p>' + event.data.html + '</p>'); //@vuln CWE-79
    if (event.data.action) {
      setTimeout(event.data.action, 0); //@vuln CWE-95
    }
  }

  // ---- after login the server sends people back with ?next= ----------------
  function followNext() {
    var next = params.get('next');
    if (!next) return;
    if (FIXED) {
      var url = new URL(next, window.location.origin);
      window.location.assign(url.origin === window.location.origin ? url.pathname.replace(/^[/\\]+/, '/') + url.search : '/'); //@safe
    } else {
      window.location.assign(next); //@vuln CWE-601
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    renderSearchEcho();
    renderPromo();
    renderWall();
    followNext();
    window.addEventListener('message', onSupportMessage);
  });
})(window, document, window.jQuery);
