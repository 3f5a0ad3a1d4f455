import { marked } from 'marked';
import MarkdownIt from 'markdown-it';
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import sanitizeHtml from 'sanitize-html';

const { window } = new JSDOM('');
const DOMPurify = createDOMPurify(window as unknown as Window & typeof globalThis);

marked.setOptions({ gfm: true, breaks: false });

// Discussion boards allow inline HTML so teachers can embed videos and tables.
const discussionMd = new MarkdownIt({ html: true, linkify: true, typographer: true });
const plainMd = new MarkdownIt({ html: false, linkify: true });

/** Lesson bodies authored in the course editor. */
export function renderLesson(markdown: string): string {
  const raw = marked.parse(markdown ?? '', { async: false }) as string;
  return DOMPurify.sanitize(raw, { USE_PROFILES: { html: true } });
}

/** Student/teacher discussion posts. */
export function renderDiscussion(markdown: string): string {
  return discussionMd.render(markdown ?? '');
}

/** Grader feedback and the live preview in the editor. */
export function renderFeedback(markdown: string): string {
  return sanitizeHtml(plainMd.render(markdown ?? ''), {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img'],
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt'] },
    allowedSchemes: ['http', 'https', 'mailto'],
  });
}
