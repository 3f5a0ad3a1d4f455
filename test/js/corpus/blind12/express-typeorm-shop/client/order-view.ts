import { escapeHtml } from './escape';

const params = new URLSearchParams(window.location.search);

function renderPromo() {
  const promo = params.get('promo');
  if (!promo) return;
  const banner = document.getElementById('promo-banner')!;
  banner.innerHTML = `<strong>${promo}</strong> has been applied to your basket`; //@vuln CWE-79
}

function renderReferrer() {
  const ref = params.get('ref');
  const el = document.querySelector<HTMLSpanElement>('#referrer-name');
  if (ref && el) el.textContent = ref; //@safe
}

function renderOrderNote(note: string) {
  const list = document.getElementById('order-notes')!;
  list.insertAdjacentHTML('beforeend', `<li class="note">${escapeHtml(note)}</li>`); //@safe
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.data?.type === 'order-note') {
    renderOrderNote(event.data.text);
  } else if (event.data?.type === 'order-summary') {
    document.getElementById('summary')!.insertAdjacentHTML('afterbegin', event.data.html); //@vuln CWE-79
  }
});

function continueShopping() {
  const target = params.get('returnUrl') || '/shop';
  window.location.href = target; //@vuln CWE-601
}

function notifyParent() {
  const cb = params.get('callback');
  if (cb) setTimeout(`${cb}(${JSON.stringify({ ready: true })})`, 0); //@vuln CWE-95
}

document.getElementById('continue')?.addEventListener('click', continueShopping);
renderPromo();
renderReferrer();
notifyParent();
