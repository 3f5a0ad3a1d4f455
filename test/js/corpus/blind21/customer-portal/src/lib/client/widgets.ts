export function initSearchBanner(el: HTMLElement) {
  const params = new URLSearchParams(window.location.search);
  const q = params.get('q');
  if (q) {
    el.insertAdjacentHTML('afterbegin', `<div class="banner">Results for <b>${q}</b></div>`); //@vuln CWE-79
  }
}

export function initCarrierNotice(el: HTMLElement) {
  const msg = new URLSearchParams(location.hash.slice(1)).get('msg');
  if (!msg) return;
  const div = document.createElement('div');
  div.className = 'notice';
  div.textContent = msg; //@safe
  el.appendChild(div);
}

export function continueToReturnUrl(fallback = '/') {
  const ret = new URLSearchParams(location.search).get('return');
  window.location.href = ret || fallback; //@vuln CWE-601
}
