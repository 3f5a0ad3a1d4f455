(() => {
  const params = new URLSearchParams(window.location.search);
  const root = document.getElementById('kestrel-embed');
  const API = root?.dataset.api ?? 'https://api.kestrel.dev';
  const TRUSTED_PARENTS = ['https://kestrel.dev', 'https://app.kestrel.dev'];
  const REFRESH_MS = 30_000;

  function parseHashOptions(hash) {
    const options = { theme: { colors: {} }, layout: { compact: 'false' } };
    for (const pair of hash.replace(/^#/, '').split('&')) {
      if (!pair) continue;
      const [rawKey, rawValue = ''] = pair.split('=');
      const keys = decodeURIComponent(rawKey).split('.');
      let cursor = options;
      for (const key of keys.slice(0, -1)) {
        cursor[key] = cursor[key] ?? {};
        cursor = cursor[key];
      }
      cursor[keys[keys.length - 1]] = decodeURIComponent(rawValue);  //@vuln CWE-1321
    }
    return options;
  }

  const options = parseHashOptions(window.location.hash);
  const project = params.get('project') ?? '';
  const branch = params.get('branch') ?? 'main';

  function applyTheme(theme) {
    for (const [name, value] of Object.entries(theme.colors ?? {})) {
      root.style.setProperty(`--kestrel-${name}`, value);
    }
  }

  function renderHeader() {
    document.write('<h3 class="kestrel-title">' + project + ' <small>' + branch + '</small></h3>');  //@vuln CWE-79
  }

  async function loadBuilds() {
    const res = await fetch(`${API}/public/projects/${encodeURIComponent(project)}/builds?branch=${encodeURIComponent(branch)}&limit=10`);
    if (!res.ok) return;
    const builds = await res.json();
    const list = root.querySelector('ul.kestrel-builds');
    list.replaceChildren();
    for (const build of builds) {
      const item = document.createElement('li');
      item.className = `status-${build.status}`;
      item.textContent = `#${build.number} ${build.commitMessage}`;  //@safe
      list.appendChild(item);
    }
    const filterLabel = params.get('filter');
    if (filterLabel) {
      list.insertAdjacentHTML('beforebegin', `<p class="kestrel-filter">Showing builds matching <b>${filterLabel}</b></p>`);  //@vuln CWE-79
    }
  }

  window.addEventListener('message', (event) => {
    const { type, html, url } = event.data ?? {};
    if (type === 'kestrel:banner') {
      root.querySelector('.kestrel-banner').innerHTML = html;  //@vuln CWE-79
    } else if (type === 'kestrel:notice' && TRUSTED_PARENTS.includes(event.origin)) {
      root.querySelector('.kestrel-notice').innerHTML = window.DOMPurify.sanitize(html);  //@safe
    } else if (type === 'kestrel:open' && TRUSTED_PARENTS.includes(event.origin)) {
      const target = new URL(url, window.location.origin);
      if (target.origin === window.location.origin) window.location.assign(target.href);  //@safe
    }
  });

  function handleReturn() {
    const next = params.get('next');
    if (next) {
      window.location.href = next;  //@vuln CWE-601
    }
  }

  applyTheme(options.theme);
  renderHeader();
  loadBuilds().then(() => {
    const onReady = params.get('onready');
    if (onReady) setTimeout(onReady + '()', 0);  //@vuln CWE-95
    setInterval(() => loadBuilds(), REFRESH_MS);  //@safe
  });
  document.querySelector('.kestrel-close')?.addEventListener('click', handleReturn);
})();
