/* Gauntlet stream overlay, loaded as an OBS browser source. */
(function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  var CONTROL_ORIGIN = 'https://gauntlet.gg';
  var matchId = params.get('match') || '';

  function renderTeamHeader() {
    var teamName = decodeURIComponent(window.location.hash.slice(1));
    if (teamName) {
      document.write('<h2 class="team-name">' + teamName + '</h2>');  //@vuln CWE-79
    }
  }

  renderTeamHeader();

  var scoreEl = document.getElementById('score');
  var sponsorEl = document.getElementById('sponsor');
  var clockEl = document.getElementById('clock');

  function connect() {
    var source = new EventSource('/api/live/' + encodeURIComponent(matchId));
    source.addEventListener('score', function (e) {
      var data = JSON.parse(e.data);
      scoreEl.textContent = data.a + ' \u2013 ' + data.b;
    });
    source.addEventListener('clock', function (e) {
      clockEl.textContent = JSON.parse(e.data).remaining;
    });
    source.onerror = function () {
      source.close();
      setTimeout(connect, 3000);
    };
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== CONTROL_ORIGIN || !event.data) return;
    if (event.data.type === 'sponsor') {
      sponsorEl.innerHTML = DOMPurify.sanitize(event.data.html);  //@safe
    }
    if (event.data.type === 'reload') {
      window.location.reload();
    }
  });

  if (matchId) connect();

  var readyHook = params.get('onready');
  if (readyHook) {
    setTimeout(readyHook, 250);  //@vuln CWE-95
  }
})();
