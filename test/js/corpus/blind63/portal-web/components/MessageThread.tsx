import { useEffect, useMemo, useState, type FormEvent } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';

export interface PortalMessage {
  id: string;
  author: string;
  authorRole: 'patient' | 'clinician' | 'system';
  bodyHtml: string;
  signature?: string;
  sentAt: string;
}

interface MessageThreadProps {
  messages: PortalMessage[];
  highlight: string | null;
  onSent?: (message: PortalMessage) => void;
}

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'blockquote', 'mark'];

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function highlightTerms(html: string, term: string | null): string {
  if (!term) return html;
  const pattern = new RegExp(`(${escapeRegExp(term)})`, 'gi');  //@safe
  return html.replace(pattern, '<mark>$1</mark>');
}

export default function MessageThread({ messages, highlight, onSent }: MessageThreadProps) {
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const quoted = params.get('reply');
    if (quoted) setDraft(`> ${quoted}\n\n`);
  }, []);

  const previewHtml = useMemo(() => marked.parse(draft, { async: false }) as string, [draft]);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim()) return;
    setSending(true);
    try {
      const res = await fetch('/api/messages', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ markdown: draft }),
      });
      if (res.ok) {
        onSent?.((await res.json()) as PortalMessage);
        setDraft('');
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="message-thread" aria-label="Secure messages">
      {messages.map((message) => (
        <article key={message.id} className={`message message--${message.authorRole}`}>
          <header>
            <strong>{message.author}</strong>
            <time dateTime={message.sentAt}>{new Date(message.sentAt).toLocaleString()}</time>
          </header>
          <div
            className="message__body"
            dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(highlightTerms(message.bodyHtml, highlight), { ALLOWED_TAGS }) }}  //@safe
          />
          {message.signature && (
            <footer
              className="message__signature"
              dangerouslySetInnerHTML={{ __html: message.signature }}  //@vuln CWE-79
            />
          )}
        </article>
      ))}

      <form className="message-compose" onSubmit={send}>
        <label htmlFor="draft">Reply to your care team</label>
        <textarea id="draft" value={draft} rows={6} onChange={(e) => setDraft(e.target.value)} />
        <div
          className="message-compose__preview"
          dangerouslySetInnerHTML={{ __html: previewHtml }}  //@vuln CWE-79
        />
        <button type="submit" disabled={sending}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </form>
    </section>
  );
}
