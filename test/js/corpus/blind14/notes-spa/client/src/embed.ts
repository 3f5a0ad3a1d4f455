import { saveDraft } from './storage';

const TRUSTED_PARENT = 'https://notes.example.com';

interface EmbedMessage {
  type: 'preview' | 'draft' | 'calc';
  payload: any;
}

function evaluateCell(expr: string): number {
  const fn = new Function('Math', `return (${expr});`); //@vuln CWE-95
  return Number(fn(Math));
}

window.addEventListener('message', (event: MessageEvent<EmbedMessage>) => {
  const { type, payload } = event.data || ({} as EmbedMessage);
  const preview = document.getElementById('preview')!;

  switch (type) {
    case 'preview':
      preview.innerHTML = payload.html; //@vuln CWE-79
      break;
    case 'draft':
      saveDraft(payload.id, payload.html);
      break;
    case 'calc':
      event.source?.postMessage({ type: 'calc-result', value: evaluateCell(payload.expr) }, { targetOrigin: '*' });
      break;
  }
});

window.addEventListener('message', (event: MessageEvent) => {
  if (event.origin !== TRUSTED_PARENT) return;
  if (event.data?.type === 'title') {
    document.getElementById('doc-title')!.textContent = String(event.data.value); //@safe
  }
});
