(function () {
  const params = new URLSearchParams(window.location.search);
  const banner = document.getElementById('banner');
  const crumb = document.getElementById('crumb');
  const widget = document.querySelector('#widget');
  const TRUSTED_ORIGINS = ['https://widgets.example.com'];

  function greet(name) {
    banner.innerHTML = `<h2>Welcome back, ${name}</h2>`; //@vuln CWE-79
  }

  greet(params.get('name') || 'friend');
  crumb.textContent = params.get('section') || 'Overview'; //@safe

  fetch('/svc/billing/status')
    .then((r) => r.json())
    .then((s) => document.getElementById('status').classList.toggle('degraded', s.status !== 'ok'))
    .catch(() => {});

  window.addEventListener('message', (ev) => {
    const msg = ev.data || {};
    if (msg.type === 'widget:html') {
      widget.insertAdjacentHTML('beforeend', msg.html); //@vuln CWE-79
    } else if (msg.type === 'widget:refresh') {
      setTimeout(msg.callback, msg.delay || 500); //@vuln CWE-95
    }
  });

  window.addEventListener('message', (ev) => {
    if (!TRUSTED_ORIGINS.includes(ev.origin)) return;
    if (ev.data && ev.data.type === 'widget:title') {
      document.getElementById('widget-title').textContent = String(ev.data.title); //@safe
    }
  });

  const returnTo = params.get('returnTo');
  document.getElementById('done').addEventListener('click', () => {
    window.location.href = returnTo || '/dashboard'; //@vuln CWE-601
  });
})();
