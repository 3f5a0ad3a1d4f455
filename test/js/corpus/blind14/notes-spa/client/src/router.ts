import { renderNote, renderSearchResults, openPrintView } from './views';
import { restoreDraft } from './storage';
import { api } from './api';

type Route = { name: string; params: URLSearchParams };

function parseHash(): Route {
  const raw = location.hash.replace(/^#\/?/, '');
  const [name, query = ''] = raw.split('?');
  return { name: name || 'home', params: new URLSearchParams(query) };
}

export async function dispatch(): Promise<void> {
  const { name, params } = parseHash();
  const outlet = document.getElementById('outlet') as HTMLElement;

  switch (name) {
    case 'note': {
      const id = params.get('id') ?? '';
      const note = await api.getNote(id);
      renderNote(outlet, note);
      if (params.has('draft')) restoreDraft(id, outlet.querySelector('article')!);
      break;
    }
    case 'search': {
      const term = params.get('q') ?? '';
      const results = await api.search(term);
      renderSearchResults(outlet, term, results);
      break;
    }
    case 'print': {
      const note = await api.getNote(params.get('id') ?? '');
      openPrintView(params.get('title') ?? note.title, note);
      break;
    }
    default:
      outlet.textContent = 'Select a note from the sidebar.';
  }
}

window.addEventListener('hashchange', () => void dispatch());
window.addEventListener('DOMContentLoaded', () => void dispatch());
