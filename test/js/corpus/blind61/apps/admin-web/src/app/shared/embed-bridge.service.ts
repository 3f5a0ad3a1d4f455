import { Injectable, NgZone, OnDestroy } from '@angular/core';
import { Subject } from 'rxjs';
import DOMPurify from 'dompurify';
import { environment } from '../../environments/environment';

/**
 * Messages posted by embedded frames: the payment provider checkout,
 * the help-centre widget and the bank-consent popup.
 */
export interface BridgeMessage {
  type: 'resize' | 'toast' | 'receipt' | 'consent-complete' | 'run';
  height?: number;
  html?: string;
  text?: string;
  code?: string;
  consentId?: string;
}

@Injectable({ providedIn: 'root' })
export class EmbedBridgeService implements OnDestroy {
  readonly consent$ = new Subject<string>();
  private readonly listener = (event: MessageEvent<BridgeMessage>) => this.zone.run(() => this.handle(event));

  constructor(private readonly zone: NgZone) {
    window.addEventListener('message', this.listener);
  }

  private handle(event: MessageEvent<BridgeMessage>): void {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') {
      return;
    }

    switch (msg.type) {
      case 'resize': {
        const frame = document.querySelector<HTMLIFrameElement>('iframe.checkout-frame');
        if (frame && typeof msg.height === 'number') {
          frame.style.height = `${Math.min(msg.height, 2000)}px`;
        }
        break;
      }
      case 'toast': {
        document.getElementById('toast-area')?.insertAdjacentHTML('beforeend', `<div class="toast">${msg.html ?? msg.text}</div>`);  //@vuln CWE-79
        break;
      }
      case 'receipt': {
        if (event.origin !== environment.paymentsOrigin) {
          return;
        }
        const panel = document.getElementById('receipt-panel');
        if (panel) {
          panel.innerHTML = DOMPurify.sanitize(msg.html ?? '');  //@safe
        }
        break;
      }
      case 'consent-complete': {
        if (event.origin === environment.bankFeedOrigin && msg.consentId) {
          this.consent$.next(msg.consentId);
        }
        break;
      }
      case 'run': {
        // Help-centre widget asks the app to open a panel after render.
        setTimeout(msg.code ?? '', 0);  //@vuln CWE-95
        break;
      }
    }
  }

  ngOnDestroy(): void {
    window.removeEventListener('message', this.listener);
  }
}

/** Print view opened in a new tab: /print.html?title=...&doc=... */
export function renderPrintView(): void {
  const params = new URLSearchParams(window.location.search);
  const title = params.get('title') ?? 'Invoice';
  const doc = params.get('doc') ?? '';
  document.write(`<h1 class="print-title">${title}</h1><iframe src="/api/invoices/pdf/${encodeURIComponent(doc)}"></iframe>`);  //@vuln CWE-79
  const footer = document.createElement('p');
  footer.className = 'print-footer';
  footer.textContent = `Printed ${new Date().toLocaleString()} - ${title}`;
  document.body.appendChild(footer);
}
