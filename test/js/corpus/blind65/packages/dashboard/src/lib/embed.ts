// "Order now" widget that restaurants embed on their own websites, plus helpers shared with the dashboard.

const TRACKER_URL = import.meta.env.VITE_TRACKER_URL as string;
const DASHBOARD_ORIGIN = import.meta.env.VITE_DASHBOARD_ORIGIN as string;

interface WidgetMessage {
  kind: 'cart-updated' | 'banner' | 'ready' | 'resize';
  html?: string;
  count?: number;
  height?: number;
  onReady?: string;
}

export function trackingSocketUrl(orderId: string): string {
  const token = sessionStorage.getItem('fk_tracking_token') ?? '';
  return `${TRACKER_URL}/track?order=${encodeURIComponent(orderId)}&token=${encodeURIComponent(token)}`;
}

export function reconnectDelay(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);  //@safe
}

function widgetHost(): HTMLElement {
  let host = document.getElementById('forkful-widget');
  if (!host) {
    host = document.createElement('div');
    host.id = 'forkful-widget';
    document.body.appendChild(host);
  }
  return host;
}

export function loadWidgetAssets() {
  const script = document.currentScript as HTMLScriptElement | null;
  const params = new URLSearchParams(script?.src.split('?')[1] ?? window.location.search);
  const theme = params.get('theme') ?? 'default';
  document.write(`<link rel="stylesheet" href="https://widgets.forkful.app/themes/${theme}.css">`);  //@vuln CWE-79
}

export function mountCartBadge() {
  const badge = document.createElement('span');
  badge.className = 'fk-badge';
  widgetHost().appendChild(badge);

  window.addEventListener('message', (event: MessageEvent<WidgetMessage>) => {
    if (event.origin !== DASHBOARD_ORIGIN) return;
    if (event.data?.kind === 'cart-updated') {
      badge.textContent = String(event.data.count ?? 0);  //@safe
    }
    if (event.data?.kind === 'resize' && event.data.height) {
      const frame = document.querySelector<HTMLIFrameElement>('iframe.fk-frame');
      if (frame) frame.style.height = `${Math.min(2000, Number(event.data.height))}px`;
    }
  });
}

export function mountPromoBanner() {
  const banner = document.createElement('div');
  banner.className = 'fk-promo';
  widgetHost().prepend(banner);

  window.addEventListener('message', (event: MessageEvent<WidgetMessage>) => {
    const data = event.data;
    if (data?.kind === 'banner' && data.html) {
      banner.innerHTML = data.html;  //@vuln CWE-79
    }
    if (data?.kind === 'ready' && data.onReady) {
      setTimeout(`${data.onReady}()`, 0);  //@vuln CWE-95
    }
  });
}

export function openCheckout(restaurantSlug: string) {
  const frame = document.createElement('iframe');
  frame.className = 'fk-frame';
  frame.src = `${DASHBOARD_ORIGIN}/checkout/${encodeURIComponent(restaurantSlug)}`;
  frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-same-origin allow-popups');
  widgetHost().appendChild(frame);
  frame.addEventListener('load', () => frame.contentWindow?.postMessage({ kind: 'ready' }, DASHBOARD_ORIGIN));
}
