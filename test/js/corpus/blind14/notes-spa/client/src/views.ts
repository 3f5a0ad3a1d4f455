export interface Note { id: string; title: string; body: string; tags: string[]; author: string }

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderNote(outlet: HTMLElement, note: Note): void {
  const title = document.createElement('h2');
  title.textContent = note.title;
  const body = document.createElement('article');
  body.textContent = note.body;
  const footer = document.createElement('footer');
  const tags = note.tags.map((t) => `<span class="tag">${escapeHtml(t)}</span>`).join('');
  footer.innerHTML = tags; //@safe
  outlet.replaceChildren(title, body, footer);
}

export function renderSearchResults(outlet: HTMLElement, term: string, results: Note[]): void {
  outlet.innerHTML = '';
  outlet.insertAdjacentHTML('afterbegin', `<p class="summary">Results for <em>${term}</em></p>`); //@vuln CWE-79
  const list = document.createElement('ul');
  for (const r of results) {
    const li = document.createElement('li');
    li.innerHTML = `<a href="#/note?id=${encodeURIComponent(r.id)}">${escapeHtml(r.title)}</a>`; //@safe
    list.appendChild(li);
  }
  outlet.appendChild(list);
}

export function openPrintView(title: string, note: Note): void {
  const win = window.open('', '_blank');
  if (!win) return;
  win.document.write(`<!doctype html><title>${title}</title><h1>${title}</h1><pre>${escapeHtml(note.body)}</pre>`); //@vuln CWE-79
  win.document.close();
  win.print();
}
