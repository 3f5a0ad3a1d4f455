import DOMPurify from 'dompurify';

const APP_ORIGIN = 'https://app.postwise.app';
const TOAST_ROOT_ID = 'postwise-toast-root';
const SHARE_BAR_SELECTORS = ['article footer', '.share-bar', '[data-testid="share-toolbar"]'];

type ToastMessage = { type: 'postwise:toast'; message: string; level?: 'info' | 'success' | 'error' };
type Draft = { id: string; caption: string; network: string; previewHtml?: string };

function toastRoot(): HTMLElement {
  let root = document.getElementById(TOAST_ROOT_ID);
  if (!root) {
    root = document.createElement('div');
    root.id = TOAST_ROOT_ID;
    root.className = 'pw-toast-root';
    document.body.appendChild(root);
  }
  return root;
}

// The web app posts status messages to the extension when it is open in a tab
window.addEventListener('message', (event: MessageEvent<ToastMessage>) => {
  const data = event.data;
  if (!data || data.type !== 'postwise:toast') return;
  toastRoot().insertAdjacentHTML('beforeend', `<div class="pw-toast pw-${data.level ?? 'info'}">${data.message}</div>`);  //@vuln CWE-79
  setTimeout(() => toastRoot().firstElementChild?.remove(), 4000);
});

window.addEventListener('message', (event: MessageEvent) => {
  if (event.origin !== APP_ORIGIN || event.data?.type !== 'postwise:connected') return;
  const badge = document.createElement('span');
  badge.className = 'pw-badge';
  badge.textContent = `Connected as ${event.data.user}`;  //@safe
  toastRoot().appendChild(badge);
});

function pageMetadata() {
  const og = (property: string) => document.querySelector<HTMLMetaElement>(`meta[property="${property}"]`)?.content;
  return {
    url: location.href,
    title: og('og:title') ?? document.title,
    description: og('og:description') ?? '',
    image: og('og:image'),
  };
}

function showDraftPanel(draft: Draft) {
  document.querySelector('.pw-panel')?.remove();
  const panel = document.createElement('aside');
  panel.className = 'pw-panel';
  panel.innerHTML = `<header>Draft for ${draft.network}</header><p class="pw-caption">${draft.caption}</p>`;  //@vuln CWE-79

  if (draft.previewHtml) {
    const preview = document.createElement('section');
    preview.className = 'pw-preview';
    preview.innerHTML = DOMPurify.sanitize(draft.previewHtml);  //@safe
    panel.appendChild(preview);
  }

  document.body.appendChild(panel);
}

function injectShareButton(container: Element) {
  if (container.querySelector('.pw-share')) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'pw-share';
  button.textContent = 'Schedule';
  button.addEventListener('click', async () => {
    const selection = window.getSelection()?.toString().trim() ?? '';
    const response = await chrome.runtime.sendMessage({ type: 'create-draft', ...pageMetadata(), selection });
    if (response?.draft) showDraftPanel(response.draft as Draft);
  });
  container.appendChild(button);
}

function scan() {
  document.querySelectorAll(SHARE_BAR_SELECTORS.join(', ')).forEach(injectShareButton);
}

// Links from the Postwise analytics view add ?pw_highlight=<term> so the matching paragraphs stand out
const highlight = new URLSearchParams(location.search).get('pw_highlight');
if (highlight) {
  const pattern = new RegExp(`(${highlight})`, 'i');  //@vuln CWE-1333
  document.querySelectorAll('article p, article li').forEach((node) => {
    if (pattern.test(node.textContent ?? '')) node.classList.add('pw-highlight');
  });
}

chrome.runtime.onMessage.addListener((message) => {
  if (message?.type === 'draft-created') showDraftPanel(message.draft as Draft);
});

new MutationObserver(() => scan()).observe(document.body, { childList: true, subtree: true });
scan();
