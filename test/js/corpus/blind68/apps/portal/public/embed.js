(function (window, document) {
  'use strict';

  var script = document.currentScript;
  var API_ORIGIN = 'https://careers.talentloop.io';
  var company = (script && script.getAttribute('data-company')) || 'acme';
  var container = document.getElementById('tl-jobs');
  if (!container) {
    container = document.createElement('div');
    container.id = 'tl-jobs';
    script.parentNode.insertBefore(container, script);
  }

  // Supports nested filters such as ?filter[department]=Engineering&filter[remote]=1
  function parseQuery(search) {
    var result = {};
    search.replace(/^\?/, '').split('&').forEach(function (pair) {
      if (!pair) return;
      var parts = pair.split('=');
      var keys = decodeURIComponent(parts[0]).replace(/\]/g, '').split('[');
      var value = decodeURIComponent((parts[1] || '').replace(/\+/g, ' '));
      var cursor = result;
      for (var i = 0; i < keys.length - 1; i++) {
        cursor[keys[i]] = cursor[keys[i]] || {};
        cursor = cursor[keys[i]];
      }
      cursor[keys[keys.length - 1]] = value;  //@vuln CWE-1321
    });
    return result;
  }

  var query = parseQuery(window.location.search);
  var filter = query.filter || {};

  if (query.theme) {
    document.write('<link rel="stylesheet" href="' + query.theme + '">');  //@vuln CWE-79
  }

  var heading = document.createElement('div');
  heading.className = 'tl-heading';
  heading.innerHTML = '<h2>Open roles' + (filter.department ? ' in ' + filter.department : '') + '</h2>';  //@vuln CWE-79
  container.appendChild(heading);

  var list = document.createElement('ul');
  list.className = 'tl-job-list';
  container.appendChild(list);

  var status = document.createElement('p');
  status.className = 'tl-status';
  container.appendChild(status);

  function renderJobs(jobs) {
    list.textContent = '';
    jobs
      .filter(function (job) {
        return !filter.department || job.department === filter.department;
      })
      .forEach(function (job) {
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = API_ORIGIN + '/careers/' + encodeURIComponent(company) + '/jobs/' + encodeURIComponent(job.id);
        link.textContent = job.title;
        link.target = '_blank';
        link.rel = 'noopener';
        item.appendChild(link);
        list.appendChild(item);
      });
  }

  fetch(API_ORIGIN + '/careers/' + encodeURIComponent(company) + '/jobs.json', { credentials: 'include' })
    .then(function (res) {
      return res.json();
    })
    .then(renderJobs)
    .catch(function () {
      status.textContent = 'Unable to load open roles right now.';
    });

  window.addEventListener('message', function (event) {
    var data = event.data || {};
    if (data.type === 'tl:applied' && event.origin === API_ORIGIN) {
      status.textContent = 'Thanks, ' + data.name + '! Your application for ' + data.jobTitle + ' was received.';  //@safe
    }
    if (data.type === 'tl:track' && data.onTrack) {
      setTimeout(data.onTrack, 0);  //@vuln CWE-95
    }
  });
})(window, document);
