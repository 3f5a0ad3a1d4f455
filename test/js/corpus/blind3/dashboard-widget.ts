// Browser bundle for the embeddable support widget
import DOMPurify from 'dompurify';

type WidgetMessage = {
  type: 'greeting' | 'theme' | 'navigate' | 'html';
  payload: string;
};

interface WidgetState {
  sessionToken: string;
  userName: string;
  parentOrigin: string;
}

const TRUSTED_PARENT = 'https://app.example.com';

const state: WidgetState = {
  sessionToken: localStorage.getItem('widget_token') || '',
  userName: '',
  parentOrigin: TRUSTED_PARENT,
};

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

export function renderGreeting(): void {
  const params = new URLSearchParams(window.location.search);
  const name = params.get('name') || 'there';
  state.userName = name;
  $('greeting').innerHTML = `<strong>Hello, ${name}!</strong>`; //@vuln CWE-79
}

export function renderGreetingSafely(): void {
  const params = new URLSearchParams(window.location.search);
  $('greeting-safe').textContent = `Hello, ${params.get('name') || 'there'}!`; //@safe
}

export function renderSearchBanner(): void {
  const q = decodeURIComponent(location.hash.slice(1));
  const banner = $('banner');
  banner.insertAdjacentHTML('beforeend', `<div class="q">Results for ${q}</div>`); //@vuln CWE-79
}

export function renderFaqAnswer(answerHtml: string): void {
  $('faq').innerHTML = DOMPurify.sanitize(answerHtml); //@safe
}

export function renderLegacyFooter(): void {
  const ref = new URLSearchParams(location.search).get('ref');
  document.write('<p class="ref">Referred by ' + ref + '</p>'); //@vuln CWE-79
}

export function replaceTitle(): void {
  const title = new URLSearchParams(location.search).get('title') ?? '';
  $('title').outerHTML = '<h2 id="title">' + title + '</h2>'; //@vuln CWE-79
}

// --- cross-window messaging ---

window.addEventListener('message', (event: MessageEvent<WidgetMessage>) => {
  const msg = event.data;
  if (msg.type === 'html') {
    $('content').innerHTML = msg.payload; //@vuln CWE-79|CWE-345
  } else if (msg.type === 'navigate') {
    window.location.href = msg.payload; //@vuln CWE-601|CWE-79|CWE-345
  }
});

window.addEventListener('message', (event: MessageEvent<WidgetMessage>) => {
  if (event.origin !== TRUSTED_PARENT) return;
  const msg = event.data;
  if (msg.type === 'theme') {
    document.body.dataset.theme = msg.payload;
  } else if (msg.type === 'greeting') {
    $('parent-greeting').innerText = msg.payload; //@safe
  }
});

export function announceReady(): void {
  window.parent.postMessage({ type: 'ready', token: state.sessionToken }, '*'); //@vuln CWE-201|CWE-345|CWE-359
}

export function announceHeight(): void {
  window.parent.postMessage({ type: 'resize', height: document.body.scrollHeight }, state.parentOrigin); //@safe
}

// --- navigation helpers ---

export function handleLoginReturn(): void {
  const next = new URLSearchParams(location.search).get('next');
  if (next) {
    window.location.assign(next); //@vuln CWE-601
  }
}

export function handleLogoutReturn(): void {
  const next = new URLSearchParams(location.search).get('next') || '/';
  const url = new URL(next, window.location.origin);
  if (url.origin === window.location.origin) {
    window.location.assign(url.pathname + url.search); //@safe
  }
}

export function scheduleRefresh(): void {
  const cb = new URLSearchParams(location.search).get('onrefresh') || 'void 0';
  setTimeout('window.widgetHooks.' + cb + '()', 30000); //@vuln CWE-95|CWE-94
}

export function schedulePoll(): void {
  setTimeout(() => { //@safe
    fetch('/widget/poll', { headers: { Authorization: `Bearer ${state.sessionToken}` } });
  }, 30000);
}

export function init(): void {
  renderGreeting();
  renderGreetingSafely();
  renderSearchBanner();
  renderLegacyFooter();
  replaceTitle();
  announceReady();
  announceHeight();
  handleLoginReturn();
  scheduleRefresh();
  schedulePoll();
}

document.addEventListener('DOMContentLoaded', init);
