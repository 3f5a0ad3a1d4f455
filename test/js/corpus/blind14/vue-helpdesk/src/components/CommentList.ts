import { defineComponent, h, type PropType } from 'vue';
import type { Comment } from '@/api/tickets';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function highlightTerms(text: string, term: string): string {
  const safe = escapeHtml(text);
  if (!term) return safe;
  const re = new RegExp(`(${term})`, 'gi'); //@vuln CWE-1333
  return safe.replace(re, '<mark>$1</mark>');
}

export default defineComponent({
  name: 'CommentList',
  props: {
    comments: { type: Array as PropType<Comment[]>, required: true },
    highlight: { type: String, default: '' },
  },
  setup(props) {
    return () =>
      h(
        'ul',
        { class: 'comments' },
        props.comments.map((c) =>
          h('li', { key: c.id, class: ['comment', c.internal && 'internal'] }, [
            h('div', { class: 'meta' }, `${c.author} · ${new Date(c.createdAt).toLocaleString()}`),
            h('div', { class: 'text', innerHTML: highlightTerms(c.text, props.highlight) }), //@safe
          ])
        )
      );
  },
});
