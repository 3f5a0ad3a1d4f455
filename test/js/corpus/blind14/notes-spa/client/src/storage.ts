const DRAFT_PREFIX = 'notes.draft:';

export function saveDraft(id: string, html: string): void {
  localStorage.setItem(DRAFT_PREFIX + id, html);
}

export function restoreDraft(id: string, target: HTMLElement): void {
  const html = localStorage.getItem(DRAFT_PREFIX + id);
  if (html == null) return;
  target.innerHTML = html; //@vuln CWE-79
  target.classList.add('is-draft');
}
