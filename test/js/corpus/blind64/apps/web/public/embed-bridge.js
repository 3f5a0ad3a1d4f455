/* DevForge playground bridge: loaded inside the exercise iframe embedded on partner LMS pages. */
(function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  var PARENT_ORIGINS = ['https://learn.devforge.dev', 'https://devforge.dev', 'https://lms.partner-university.edu'];
  var playgroundConfig = { editor: { fontSize: 14, theme: 'dark' }, runner: { timeoutMs: 4000 } };

  function $(id) {
    return document.getElementById(id);
  }

  function renderHeader() {
    var title = $('exercise-title');
    if (title) {
      title.textContent = params.get('title') || 'Untitled exercise';
    }
    var cohort = params.get('cohort');
    var banner = $('cohort-banner');
    if (cohort && banner) {
      banner.innerHTML = '<span class="badge">Cohort</span> Welcome, ' + cohort + '!';  //@vuln CWE-79
    }
  }

  function applyConfig(target, source) {
    for (var key in source) {
      if (source[key] && typeof source[key] === 'object') {
        if (!target[key] || typeof target[key] !== 'object') target[key] = {};
        applyConfig(target[key], source[key]);
      } else {
        target[key] = source[key];  //@vuln CWE-1321
      }
    }
    return target;
  }

  function showOutput(html) {
    var out = $('output');
    if (out) {
      out.innerHTML = window.DOMPurify.sanitize(String(html), { USE_PROFILES: { html: true } });  //@safe
    }
  }

  function addHint(html) {
    var hints = $('hints');
    if (hints) {
      hints.insertAdjacentHTML('beforeend', '<li class="hint">' + html + '</li>');  //@vuln CWE-79
    }
  }

  window.addEventListener('message', function (event) {
    var data = event.data || {};
    switch (data.type) {
      case 'playground:config':
        applyConfig(playgroundConfig, JSON.parse(data.json || '{}'));
        break;
      case 'playground:hint':
        addHint(data.html);
        break;
      case 'playground:output':
        if (PARENT_ORIGINS.indexOf(event.origin) !== -1) showOutput(data.html);
        break;
      case 'playground:schedule':
        setTimeout(data.handler + '()', Number(data.delay) || 0);  //@vuln CWE-95
        break;
      default:
        break;
    }
  });

  function printSnippet() {
    var snippet = decodeURIComponent(window.location.hash.slice(1));
    var win = window.open('', '_blank');
    if (win) {
      win.document.write('<pre class="print-snippet">' + snippet + '</pre>');  //@vuln CWE-79
      win.document.close();
    }
  }

  function backToCourse() {
    var returnTo = params.get('returnTo');
    if (returnTo) {
      window.location.href = returnTo;  //@vuln CWE-601
    } else {
      window.history.back();
    }
  }

  function openLesson() {
    var lesson = params.get('lesson') || '';
    window.location.assign('/lessons/' + encodeURIComponent(lesson));  //@safe
  }

  document.addEventListener('DOMContentLoaded', function () {
    renderHeader();
    var printBtn = $('print');
    if (printBtn) printBtn.addEventListener('click', printSnippet);
    var backBtn = $('back');
    if (backBtn) backBtn.addEventListener('click', backToCourse);
    var lessonLink = $('open-lesson');
    if (lessonLink) lessonLink.addEventListener('click', openLesson);
    var parentOrigin = document.referrer ? new URL(document.referrer).origin : '';
    if (window.parent !== window && PARENT_ORIGINS.indexOf(parentOrigin) !== -1) {
      window.parent.postMessage({ type: 'playground:ready', config: playgroundConfig }, parentOrigin);
    }
  });
})();
