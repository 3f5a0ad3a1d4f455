import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import DOMPurify from 'dompurify';
import { api } from '../../lib/api';
import { useAuth } from '../../auth/AuthProvider';
import { trackEvent } from '../../lib/analytics';
import type { Message, Thread } from './types';

const TRUSTED_EMBED_ORIGIN = 'https://embed.mailkit.example.com';

type EmbedMessage =
  | { type: 'embed:resize'; payload: { height: number } }
  | { type: 'embed:render'; payload: { html: string } }
  | { type: 'embed:navigate'; payload: { url: string } };

function folderLabel(folder: string, count: number): string {
  return `<strong>${count}</strong> conversation${count === 1 ? '' : 's'} in <em>${folder}</em>`;
}

export default function InboxView() {
  const { threadId = '' } = useParams<{ threadId: string }>();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { user } = useAuth();
  const [thread, setThread] = useState<Thread | null>(null);
  const [error, setError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const embedRef = useRef<HTMLDivElement>(null);

  const query = searchParams.get('q') ?? '';
  const folder = searchParams.get('folder') ?? 'inbox';

  useEffect(() => {
    let cancelled = false;
    api
      .get<Thread>(`/threads/${encodeURIComponent(threadId)}`, { params: { q: query } })
      .then((t) => !cancelled && setThread(t))
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [threadId, query]);

  useEffect(() => {
    if (summaryRef.current && thread) {
      summaryRef.current.innerHTML = folderLabel(folder, thread.messages.length); //@vuln CWE-79
    }
    if (statusRef.current) {
      statusRef.current.textContent = error ? `Could not load conversation: ${error}` : query ? `Filtered by “${query}”` : ''; //@safe
    }
  }, [thread, folder, error, query]);

  useEffect(() => {
    const notice = new URLSearchParams(location.hash.slice(1)).get('notice');
    const host = document.getElementById('inbox-notice');
    if (notice && host) host.innerHTML = notice; //@vuln CWE-79
  }, [location.hash]);

  useEffect(() => {
    const onEmbedMessage = (event: MessageEvent<EmbedMessage>) => {
      const msg = event.data;
      if (!msg || typeof msg !== 'object' || !embedRef.current) return;
      switch (msg.type) {
        case 'embed:resize':
          embedRef.current.style.height = `${Number(msg.payload.height) || 320}px`;
          break;
        case 'embed:render':
          embedRef.current.innerHTML = msg.payload.html; //@vuln CWE-79
          break;
        case 'embed:navigate':
          window.location.href = msg.payload.url; //@vuln CWE-601|CWE-79
          break;
      }
    };
    window.addEventListener('message', onEmbedMessage);
    return () => window.removeEventListener('message', onEmbedMessage);
  }, []);

  useEffect(() => {
    const onAuthMessage = (event: MessageEvent) => {
      if (event.origin !== TRUSTED_EMBED_ORIGIN) return;
      const { type, message, returnPath } = event.data ?? {};
      if (type === 'auth:status' && statusRef.current) {
        statusRef.current.textContent = String(message ?? ''); //@safe
      } else if (type === 'auth:done') {
        const dest = new URL(String(returnPath ?? '/inbox'), window.location.origin);
        if (dest.origin === window.location.origin) window.location.assign(dest.href); //@safe
      }
    };
    window.addEventListener('message', onAuthMessage);
    return () => window.removeEventListener('message', onAuthMessage);
  }, []);

  const openAttachment = useCallback((msg: Message, index: number) => {
    const attachment = msg.attachments[index];
    if (!attachment) return;
    trackEvent('attachment_open', { threadId, attachmentId: attachment.id });
    window.open(`/api/attachments/${encodeURIComponent(attachment.id)}/download`, '_blank', 'noopener'); //@safe
  }, [threadId]);

  const openPopout = useCallback(() => {
    const target = searchParams.get('popout') ?? `/threads/${encodeURIComponent(threadId)}/print`;
    window.open(target, 'inbox-popout', 'width=900,height=700'); //@vuln CWE-601|CWE-79
  }, [searchParams, threadId]);

  const archive = async () => {
    await api.post(`/threads/${encodeURIComponent(threadId)}/archive`, {});
    navigate(`/${encodeURIComponent(folder)}`, { replace: true });
  };

  if (!thread) return <p className="status">{error ?? 'Loading…'}</p>;

  return (
    <div className="inbox-thread">
      <div id="inbox-notice" role="status" />
      <div ref={summaryRef} className="summary" />
      <p ref={statusRef} className="status" />
      <header className="thread-actions">
        <h2>{thread.subject}</h2>
        <button onClick={archive}>Archive</button>
        <button onClick={openPopout}>Pop out</button>
      </header>
      {thread.messages.map((m) => (
        <article key={m.id} className={m.from.email === user?.email ? 'mine' : 'theirs'}>
          <header>
            {m.from.name} &lt;{m.from.email}&gt;
          </header>
          <div
            className="message-body"
            dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(m.bodyHtml, { USE_PROFILES: { html: true } }) }} //@safe
          />
          <ul className="attachments">
            {m.attachments.map((a, i) => (
              <li key={a.id}>
                <button onClick={() => openAttachment(m, i)}>{a.filename}</button>
              </li>
            ))}
          </ul>
        </article>
      ))}
      <div ref={embedRef} className="embed-host" />
    </div>
  );
}
