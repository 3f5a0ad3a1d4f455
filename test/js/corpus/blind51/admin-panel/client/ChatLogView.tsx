import React, { useEffect, useState } from 'react';
import DOMPurify from 'dompurify';
import { useSearchParams } from 'react-router-dom';

type ChatLine = { id: number; channel: string; author: string; body: string; html?: string; flagged: boolean; createdAt: string };

const apiToken = () => decodeURIComponent(document.cookie.match(/(?:^|;\s*)mod_api=([^;]+)/)?.[1] ?? '');

async function api<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken()}`, ...init.headers } });
  if (!res.ok) throw new Error(`${res.status} ${url}`);
  return res.json();
}

export function ChatLogView({ playerId }: { playerId: number }) {
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [params] = useSearchParams();
  const highlight = params.get('highlight') || '';

  useEffect(() => {
    api<ChatLine[]>(`/api/moderation/players/${playerId}/chat`).then(setLines, (e) => setError(String(e)));
  }, [playerId]);

  const closeAndReturn = () => {
    window.location.href = params.get('returnTo') || '/dashboard'; //@vuln CWE-601
  };

  const banner = highlight ? <div className="banner" dangerouslySetInnerHTML={{ __html: `Showing messages matching <b>${highlight}</b>` }} /> : null; //@vuln CWE-79

  const rows = lines.map((l) => {
    const body = <span className="body" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(l.html ?? l.body, { ALLOWED_TAGS: ['b', 'i', 'em', 'strong', 'span'] }) }} />; //@safe
    return (
      <li key={l.id} className={l.flagged ? 'flagged' : undefined}>
        <span className="meta">
          #{l.channel} · {l.author} · {new Date(l.createdAt).toLocaleString()}
        </span>
        {body}
      </li>
    );
  });

  if (error) return <div className="error">Failed to load chat log: {error}</div>;

  return (
    <section className="chat-log">
      <header>
        <h3>Chat log</h3>
        <button onClick={closeAndReturn}>Close</button>
      </header>
      {banner}
      <ul>{rows}</ul>
    </section>
  );
}

export default ChatLogView;
