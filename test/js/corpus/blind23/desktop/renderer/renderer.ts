import { marked } from 'marked';
import DOMPurify from 'dompurify';

interface Note { id: string; title: string; body: string; updatedAt: string }
interface SearchHit { noteId: string; title: string; snippet: string }

declare global {
  interface Window { notedesk: any }
}

const $ = <T extends HTMLElement>(sel: string) => document.querySelector(sel) as T;
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

let current: Note | null = null;

export function showNote(note: Note) {
  current = note;
  $('#note-title').textContent = note.title;
  $('#note-meta').insertAdjacentHTML('beforeend', `<span class="ts">${escapeHtml(note.updatedAt)}</span>`); //@safe
  $('#note-preview').innerHTML = DOMPurify.sanitize(marked.parse(note.body) as string); //@safe
}

// Shared notes arrive from other users over sync
export function showSharedNote(note: Note, sharedBy: string) {
  $('#shared-banner').innerHTML = `Shared by <b>${sharedBy}</b>: ${note.title}`; //@vuln CWE-79
  $('#note-preview').innerHTML = marked.parse(note.body) as string; //@vuln CWE-79
}

async function runSearch(q: string) {
  const { hits } = (await window.notedesk.search(q)) as { hits: SearchHit[] };
  const list = $('#search-results');
  list.innerHTML = '';
  for (const hit of hits) {
    list.innerHTML += `<li data-id="${escapeHtml(hit.noteId)}">${escapeHtml(hit.title)}<small>${hit.snippet}</small></li>`; //@vuln CWE-79
  }
}

function handleDeepLink() {
  const params = new URLSearchParams(window.location.search);
  const next = params.get('next');
  if (next) window.location.href = next; //@vuln CWE-601
}

document.addEventListener('DOMContentLoaded', () => {
  handleDeepLink();
  $('#search').addEventListener('input', (e) => runSearch((e.target as HTMLInputElement).value));
  $('#export').addEventListener('click', () => current && window.notedesk.exportNote(current.title, current.body));
  $('#note-preview').addEventListener('click', (e) => {
    const a = (e.target as HTMLElement).closest('a');
    if (a) {
      e.preventDefault();
      window.notedesk.openLink(a.href);
    }
  });
});
