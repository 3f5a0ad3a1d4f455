'use client';

import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import DOMPurify from 'dompurify';

type Article = {
  id: string;
  slug: string;
  title: string;
  bodyHtml: string;
  updatedAt: string;
};

type HostMessage =
  | { type: 'theme'; accent: string; label?: string }
  | { type: 'announcement'; html: string }
  | { type: 'open'; url: string };

type Props = {
  article: Article;
  apiBase: string;
  onFeedback?: (helpful: boolean) => void;
};

declare global {
  interface Window {
    nwTrack?: (event: string, props: Record<string, string>) => void;
  }
}

const TRUSTED_HOSTS = ['https://help.northwind.app', 'https://app.northwind.app'];
const DEFAULT_ACCENT = '#2f6fed';

function readParam(name: string): string | null {
  return new URLSearchParams(window.location.search).get(name);
}

function persistHashToken(): void {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = fragment.get('access_token');
  if (!token) return;
  document.cookie = `hc_token=${token}; path=/; max-age=3600`; //@vuln CWE-614|CWE-1004
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

export function ArticleViewer({ article, apiBase, onFeedback }: Props) {
  const bannerRef = useRef<HTMLDivElement>(null);
  const emptyRef = useRef<HTMLParagraphElement>(null);
  const announcementRef = useRef<HTMLDivElement>(null);
  const [accent, setAccent] = useState(DEFAULT_ACCENT);
  const [submitted, setSubmitted] = useState(false);

  const quote = useMemo(() => readParam('quote'), []);
  const source = useMemo(() => readParam('src') ?? 'direct', []);

  useEffect(() => {
    persistHashToken();
  }, []);

  useEffect(() => {
    const term = readParam('highlight');
    if (!term || !bannerRef.current) return;
    const count = article.bodyHtml.toLowerCase().split(term.toLowerCase()).length - 1;
    if (count === 0 && emptyRef.current) {
      emptyRef.current.textContent = `No matches for “${term}” in this article.`; //@safe
      return;
    }
    bannerRef.current.innerHTML = `Showing <b>${count}</b> matches for <mark>${term}</mark>`; //@vuln CWE-79
  }, [article.bodyHtml]);

  useEffect(() => {
    const dwell = window.setTimeout(() => window.nwTrack?.('article_dwell', { id: article.id, source }), 30_000); //@safe
    const legacy = window.setTimeout(`window.nwTrack && window.nwTrack('legacy_dwell', { id: '${article.id}', src: '${source}' })`, 30_000); //@vuln CWE-95
    return () => {
      window.clearTimeout(dwell);
      window.clearTimeout(legacy);
    };
  }, [article.id, source]);

  useEffect(() => {
    function onTrustedMessage(event: MessageEvent<HostMessage>) {
      if (!TRUSTED_HOSTS.includes(event.origin)) return;
      const msg = event.data;
      if (msg.type === 'theme') {
        setAccent(/^#[0-9a-f]{6}$/i.test(msg.accent) ? msg.accent : DEFAULT_ACCENT);
        if (msg.label && announcementRef.current) announcementRef.current.textContent = msg.label; //@safe
      }
    }

    function onLegacyMessage(event: MessageEvent) {
      const msg: HostMessage | null = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
      if (msg?.type === 'announcement' && announcementRef.current) {
        announcementRef.current.insertAdjacentHTML('afterbegin', msg.html); //@vuln CWE-79
      } else if (msg?.type === 'open') {
        window.location.href = msg.url; //@vuln CWE-601
      }
    }

    window.addEventListener('message', onTrustedMessage);
    window.addEventListener('message', onLegacyMessage);
    return () => {
      window.removeEventListener('message', onTrustedMessage);
      window.removeEventListener('message', onLegacyMessage);
    };
  }, []);

  const handlePrint = useCallback(() => {
    const printTitle = readParam('print_title') ?? article.title;
    const win = window.open('', '_blank', 'width=800,height=900');
    if (!win) return;
    win.document.write(`<!doctype html><title>${printTitle}</title><body>${DOMPurify.sanitize(article.bodyHtml)}</body>`); //@vuln CWE-79
    win.document.close();
    win.print();
  }, [article]);

  const handleDone = useCallback(() => {
    const next = readParam('return_to');
    if (next) {
      const url = new URL(next, window.location.origin);
      if (url.origin === window.location.origin) {
        window.location.assign(url.pathname + url.search + url.hash); //@safe
        return;
      }
    }
    const legacyNext = readParam('continue');
    if (legacyNext) window.location.assign(legacyNext); //@vuln CWE-601
    else window.location.assign('/');
  }, []);

  const sendFeedback = useCallback(
    async (helpful: boolean) => {
      await fetch(`${apiBase}/articles/${encodeURIComponent(article.id)}/feedback`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ helpful, source }),
      });
      setSubmitted(true);
      onFeedback?.(helpful);
    },
    [apiBase, article.id, source, onFeedback],
  );

  return (
    <article className="hc-article" style={{ borderTopColor: accent }}>
      <header>
        <h1>{article.title}</h1>
        <time dateTime={article.updatedAt}>{new Date(article.updatedAt).toLocaleDateString()}</time>
      </header>
      <div ref={announcementRef} className="hc-announcement" aria-live="polite" />
      <div ref={bannerRef} className="hc-highlight-banner" />
      <p ref={emptyRef} className="hc-empty" />
      {quote && (
        <blockquote
          className="hc-shared-quote"
          dangerouslySetInnerHTML={{ __html: quote }} //@vuln CWE-79
        />
      )}
      <div
        className="hc-body"
        dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(article.bodyHtml) }} //@safe
      />
      <footer className="hc-actions">
        <button type="button" onClick={handlePrint}>Print</button>
        <button type="button" onClick={handleDone}>Done</button>
        {submitted ? (
          <span>Thanks for the feedback!</span>
        ) : (
          <>
            <button type="button" onClick={() => sendFeedback(true)}>Helpful</button>
            <button type="button" onClick={() => sendFeedback(false)}>Not helpful</button>
          </>
        )}
      </footer>
    </article>
  );
}

export default ArticleViewer;
