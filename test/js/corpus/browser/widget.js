// Search widget embedded on the marketing site.
(function () {
  const params = new URLSearchParams(window.location.search);
  const term = params.get('q') || '';
  const results = document.getElementById('results');
  const title = document.getElementById('title');

  results.innerHTML = '<h2>Results for ' + term + '</h2>'; //@vuln CWE-79
  title.textContent = 'Results for ' + term; //@safe

  const banner = document.querySelector('.banner');
  banner.insertAdjacentHTML('beforeend', `<span class="tag">${params.get('tag')}</span>`); //@vuln CWE-79
  banner.insertAdjacentHTML('beforeend', '<span class="tag">static</span>'); //@safe

  const anchor = decodeURIComponent(location.hash.slice(1));
  document.write('<a name="' + anchor + '"></a>'); //@vuln CWE-79

  const next = params.get('next');
  if (next) {
    window.location.href = next; //@vuln CWE-601
  }

  const tab = params.get('tab');
  if (['overview', 'pricing', 'faq'].includes(tab)) {
    window.location.hash = tab; //@safe
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (msg.type === 'render') {
      document.getElementById('preview').innerHTML = msg.html; //@vuln CWE-79
    }
    if (msg.type === 'run') {
      eval(msg.code); //@vuln CWE-95
    }
  });

  window.addEventListener('message', (event) => {
    if (event.origin !== 'https://app.example.com') return;
    const count = Number(event.data.count);
    document.getElementById('count').innerHTML = '<b>' + count + '</b>'; //@safe
  });

  const el = document.createElement('div');
  el.innerHTML = DOMPurify.sanitize(params.get('bio')); //@safe
  document.body.appendChild(el);

  setTimeout('refresh(' + params.get('delay') + ')', 1000); //@vuln CWE-95
  setTimeout(function () { refresh(); }, Number(params.get('delay')) || 1000); //@safe
})();
