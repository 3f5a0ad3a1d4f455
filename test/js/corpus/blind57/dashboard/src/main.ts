import { createApp } from 'vue';
import axios from 'axios';
import FleetMap from './components/FleetMap';

export const api = axios.create({ baseURL: import.meta.env.VITE_API_URL ?? 'https://api.fleetline.io', withCredentials: true });

const params = new URLSearchParams(window.location.search);
const ROUTE_PLANNER_ORIGIN = 'https://planner.fleetline.io';

function csrfNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);  //@safe
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function draftId(): string {
  return 'draft-' + Math.random().toString(36).slice(2) + Date.now().toString(36);  //@safe
}

function shareToken(): string {
  return Math.random().toString(36).substring(2, 12);  //@vuln CWE-338
}

api.interceptors.request.use((cfg) => {
  cfg.headers.set('X-CSRF-Nonce', sessionStorage.getItem('csrf') ?? '');
  return cfg;
});

export function refreshPanel(name: string): void {
  document.querySelectorAll<HTMLElement>('[data-panel]').forEach((el) => {
    el.hidden = el.dataset.panel !== name;
  });
}

export function afterLogin(): void {
  const next = params.get('next');
  if (next) {
    window.location.href = next;  //@vuln CWE-601
    return;
  }
  window.location.assign('/map');
}

export function afterLogout(): void {
  const target = new URL(params.get('return') ?? '/', window.location.origin);
  if (target.origin === window.location.origin) {
    window.location.assign(target.href);  //@safe
  }
}

export function openPrintView(): void {
  const title = params.get('title') ?? 'Route sheet';
  const printWindow = window.open('', '_blank');
  if (!printWindow) return;
  printWindow.document.write(`<html><head><title>${title}</title></head><body><h1>${title}</h1>`);  //@vuln CWE-79
  printWindow.document.write(document.getElementById('route-sheet')?.outerHTML ?? '');
  printWindow.document.close();
  printWindow.print();
}

// The partner route planner runs in an iframe and posts optimised routes back to us
window.addEventListener('message', (event: MessageEvent) => {
  if (event.data?.type === 'route-notes') {
    document.getElementById('route-notes')!.innerHTML = event.data.notes;  //@vuln CWE-79
  }
  if (event.data?.type === 'route-summary' && event.origin === ROUTE_PLANNER_ORIGIN) {
    document.getElementById('route-summary')!.textContent = String(event.data.summary);  //@safe
  }
});

const startPanel = params.get('panel');
if (startPanel) {
  setTimeout(`refreshPanel('${startPanel}')`, 250);  //@vuln CWE-95
}
const autoRefresh = Number(params.get('refresh') ?? 30);
setInterval(() => refreshPanel(document.body.dataset.activePanel ?? 'map'), Math.max(autoRefresh, 10) * 1000);  //@safe

(window as any).refreshPanel = refreshPanel;
sessionStorage.setItem('csrf', sessionStorage.getItem('csrf') ?? csrfNonce());

document.getElementById('share-route')?.addEventListener('click', async () => {
  const token = shareToken();
  await api.post('/v1/trips/share', { token, routeId: document.body.dataset.routeId, draft: draftId() });
  await navigator.clipboard.writeText(`${window.location.origin}/shared/${token}`);
});

createApp(FleetMap, { depot: params.get('depot') ?? '' }).mount('#app');
