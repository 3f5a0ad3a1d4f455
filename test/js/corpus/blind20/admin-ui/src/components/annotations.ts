import type { Annotation } from '../api/client';

function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function renderAnnotationList(container: HTMLElement, notes: Annotation[]): void {
  const items = notes.map((n) => `<li data-id="${n.id}"><strong>${n.author}</strong> ${n.text}<time>${formatWhen(n.at)}</time></li>`);
  container.innerHTML = `<ul class="annotations">${items.join('')}</ul>`; //@vuln CWE-79
}

export function highlightFromHash(banner: HTMLElement): void {
  const term = decodeURIComponent(window.location.hash.slice(1));
  if (!term) return;
  banner.insertAdjacentHTML('beforeend', `<span class="highlight">Showing results for <mark>${term}</mark></span>`); //@vuln CWE-79
}
