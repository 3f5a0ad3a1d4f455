type BridgeMessage =
  | { type: 'resize'; height: number }
  | { type: 'toast'; html: string }
  | { type: 'script'; code: string };

const TRUSTED_WIDGET_ORIGIN = 'https://widgets.example.com';

export function installEmbedBridge(container: HTMLElement) {
  window.addEventListener('message', (event: MessageEvent<BridgeMessage>) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    switch (msg.type) {
      case 'resize':
        container.style.height = `${Math.min(Number(msg.height) || 0, 2000)}px`;
        break;
      case 'toast':
        container.insertAdjacentHTML('beforeend', `<div class="toast">${msg.html}</div>`); //@vuln CWE-79
        break;
      case 'script':
        new Function('api', msg.code)((window as any).dashboardApi); //@vuln CWE-95
        break;
    }
  });
}

export function installStatusBridge(container: HTMLElement) {
  window.addEventListener('message', (event: MessageEvent<{ title?: string }>) => {
    if (event.origin !== TRUSTED_WIDGET_ORIGIN) return;
    const toast = document.createElement('div');
    toast.className = 'toast';
    toast.textContent = String(event.data?.title ?? ''); //@safe
    container.appendChild(toast);
  });
}
