const STOREFRONT_ORIGIN = 'https://sellers.example-market.test';

type BridgeMessage = { type: 'resize'; height: number } | { type: 'track'; snippet: string };

export function installStorefrontBridge(frame: HTMLIFrameElement) {
  window.addEventListener('message', (event: MessageEvent<BridgeMessage>) => {
    const msg = event.data;
    if (msg?.type === 'resize' && event.origin === STOREFRONT_ORIGIN) {
      frame.style.height = `${Math.min(Number(msg.height) || 0, 4000)}px`; //@safe
    } else if (msg?.type === 'track') {
      window.setTimeout(msg.snippet, 0); //@vuln CWE-95
    }
  });
}
