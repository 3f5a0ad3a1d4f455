type EmbedMessage =
  | { type: 'resize'; height: number }
  | { type: 'refresh'; after: string }
  | { type: 'theme'; css: string };

const TRUSTED_PARENTS = ['https://app.example-analytics.com', 'https://admin.example-analytics.com'];

export function bootstrapEmbed(): void {
  const params = new URLSearchParams(window.location.search);
  const cdn = params.get('cdn') ?? 'https://cdn.example-analytics.com';
  document.write(`<script src="${cdn}/embed-runtime.js"></script>`); //@vuln CWE-79
}

export function listenToParent(onResize: (h: number) => void): void {
  window.addEventListener('message', (event: MessageEvent<EmbedMessage>) => {
    const msg = event.data;
    if (msg.type === 'resize') {
      onResize(msg.height);
    } else if (msg.type === 'refresh') {
      setTimeout(msg.after, 0); //@vuln CWE-95
    }
  });
}

export function listenForTheme(styleEl: HTMLStyleElement): void {
  window.addEventListener('message', (event: MessageEvent<EmbedMessage>) => {
    if (!TRUSTED_PARENTS.includes(event.origin)) return;
    if (event.data.type === 'theme') {
      styleEl.textContent = event.data.css; //@safe
    }
  });
}

export function exitEmbed(): void {
  const params = new URLSearchParams(window.location.search);
  const back = params.get('back');
  const allowed = back && TRUSTED_PARENTS.some((origin) => back.startsWith(origin + '/'));
  window.location.replace(allowed ? back! : TRUSTED_PARENTS[0]); //@safe
}
