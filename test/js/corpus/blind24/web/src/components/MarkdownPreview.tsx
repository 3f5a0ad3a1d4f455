import { useMemo } from 'react';
import { marked } from 'marked';
import DOMPurify from 'dompurify';
import type { Comment } from '../api/client';

marked.setOptions({ gfm: true, breaks: true });

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface MarkdownPreviewProps {
  source: string;
  className?: string;
}

/** Live preview next to the project description editor. Also used on the public project page. */
export function MarkdownPreview({ source, className = 'prose prose-slate' }: MarkdownPreviewProps) {
  const html = useMemo(() => marked.parse(source, { async: false }) as string, [source]);
  return (
    <div
      className={className}
      dangerouslySetInnerHTML={{ __html: html }} //@vuln CWE-79
    />
  );
}

export function SanitizedMarkdown({ source, className = 'prose prose-slate' }: MarkdownPreviewProps) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(source, { async: false }) as string), [source]);
  return (
    <div
      className={className}
      dangerouslySetInnerHTML={{ __html: html }} //@safe
    />
  );
}

function Highlight({ text, query }: { text: string; query: string }) {
  if (!query) return <>{text}</>;
  const re = new RegExp(`(${escapeRegExp(query)})`, 'gi'); //@safe
  return (
    <>
      {text.split(re).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : <span key={i}>{part}</span>))}
    </>
  );
}

export function CommentItem({ comment, query = '' }: { comment: Comment; query?: string }) {
  return (
    <article className="flex gap-3 py-3">
      <img src={comment.author.avatarUrl} alt="" className="h-8 w-8 rounded-full" />
      <div className="min-w-0 flex-1">
        <header className="text-sm">
          {comment.author.website ? (
            <a
              href={comment.author.website} //@vuln CWE-79
              target="_blank"
              rel="noreferrer"
              className="font-medium hover:underline"
            >
              {comment.author.name}
            </a>
          ) : (
            <span className="font-medium">{comment.author.name}</span>
          )}
          <time className="ml-2 text-slate-500">{new Date(comment.createdAt).toLocaleString()}</time>
        </header>
        <p className="sr-only">
          <Highlight text={comment.body} query={query} />
        </p>
        <div
          className="prose prose-sm"
          dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.bodyHtml, { USE_PROFILES: { html: true } }) }} //@safe
        />
      </div>
    </article>
  );
}
