import React, { useEffect, useMemo, useRef, useState } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';

type Comment = {
  id: string;
  author: string;
  bodyHtml: string;
  bodyMarkdown: string;
  website?: string;
};

type EmbedMessage = { kind: 'prefill' | 'highlight' | 'auth'; value: string };

const EMBED_HOST_ORIGIN = 'https://blog.example.com';

export function CommentBody({ comment }: { comment: Comment }) {
  return <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />; //@vuln CWE-79
}

export function CommentBodySanitized({ comment }: { comment: Comment }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(comment.bodyMarkdown) as string), [comment.bodyMarkdown]);
  return <div className="comment-body" dangerouslySetInnerHTML={{ __html: html }} />; //@safe
}

export function SearchEcho() {
  const q = new URLSearchParams(window.location.search).get('q') ?? '';
  return <p dangerouslySetInnerHTML={{ __html: `You searched for <b>${q}</b>` }} />; //@vuln CWE-79
}

export function SearchEchoText() {
  const q = new URLSearchParams(window.location.search).get('q') ?? '';
  return (
    <p>
      You searched for <b>{q}</b>
    </p>
  );
}

export function AuthorCard({ comment }: { comment: Comment }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) {
      ref.current.innerHTML = `<span class="author">${comment.author}</span>`; //@vuln CWE-79
    }
  }, [comment.author]);
  return <div ref={ref} />;
}

export function AuthorCardSafe({ comment }: { comment: Comment }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.textContent = comment.author; //@safe
  }, [comment.author]);
  return <div ref={ref} />;
}

export function CommentThread({ comments, sessionToken }: { comments: Comment[]; sessionToken: string }) {
  const [draft, setDraft] = useState('');
  const [highlight, setHighlight] = useState('');
  const previewRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onMessage = (e: MessageEvent<EmbedMessage>) => {
      if (e.data?.kind === 'prefill') setDraft(e.data.value);
      if (e.data?.kind === 'highlight' && previewRef.current) {
        previewRef.current.innerHTML = e.data.value; //@vuln CWE-79|CWE-345
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  useEffect(() => {
    const onTrusted = (e: MessageEvent<EmbedMessage>) => {
      if (e.origin !== EMBED_HOST_ORIGIN) return;
      if (e.data?.kind === 'highlight') setHighlight(e.data.value);
    };
    window.addEventListener('message', onTrusted);
    return () => window.removeEventListener('message', onTrusted);
  }, []);

  useEffect(() => {
    window.parent.postMessage({ kind: 'auth', value: sessionToken }, '*'); //@vuln CWE-201|CWE-345|CWE-359
    window.parent.postMessage({ kind: 'height', value: document.body.scrollHeight }, EMBED_HOST_ORIGIN); //@safe
  }, [sessionToken]);

  const preview = useMemo(() => DOMPurify.sanitize(draft), [draft]);
  const printDraft = () => document.write(`<h1>${draft}</h1>`); //@vuln CWE-79

  return (
    <section>
      {highlight && <mark>{highlight}</mark>}
      {comments.map((c) => (
        <article key={c.id}>
          <CommentBody comment={c} />
          <footer>{c.author}</footer>
        </article>
      ))}
      <textarea value={draft} onChange={(e) => setDraft(e.target.value)} />
      <div ref={previewRef} dangerouslySetInnerHTML={{ __html: preview }} />
      <button onClick={printDraft}>Print</button>
    </section>
  );
}
