import React, { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import DOMPurify from 'dompurify';

type Network = 'x' | 'linkedin' | 'mastodon';

interface Draft {
  id: string;
  caption: string;
  network: Network;
}

const LIMITS: Record<Network, number> = { x: 280, linkedin: 3000, mastodon: 500 };

function formatCaption(caption: string): string {
  return caption
    .replace(/#(\w+)/g, '<span class="tag">#$1</span>')
    .replace(/@(\w+)/g, '<span class="mention">@$1</span>')
    .replace(/\n/g, '<br>');
}

function CaptionPreview({ caption }: { caption: string }) {
  return <p className="caption" dangerouslySetInnerHTML={{ __html: formatCaption(caption) }} />;  //@vuln CWE-79
}

function EmbedPreview({ html }: { html: string }) {
  return <div className="embed" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html, { USE_PROFILES: { html: true } }) }} />;  //@safe
}

function Popup() {
  const [tab, setTab] = useState<chrome.tabs.Tab | null>(null);
  const [caption, setCaption] = useState('');
  const [network, setNetwork] = useState<Network>('linkedin');
  const [embed, setEmbed] = useState<string | null>(null);
  const [saved, setSaved] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    chrome.tabs.query({ active: true, currentWindow: true }).then(([active]) => {
      if (!active) return;
      setTab(active);
      setCaption(`${active.title ?? ''}\n${active.url ?? ''}`);
    });
  }, []);

  useEffect(() => {
    if (!tab?.url) return;
    const host = new URL(tab.url).hostname;
    if (!['www.youtube.com', 'vimeo.com'].includes(host)) return;
    chrome.runtime.sendMessage({ type: 'fetch-embed-local', url: tab.url }).then((res) => res?.ok && setEmbed(res.html));
  }, [tab]);

  async function save() {
    setError(null);
    const response = await chrome.runtime.sendMessage({ type: 'create-draft', title: caption, url: '', selection: '' });
    if (response?.error) setError(response.error);
    else setSaved({ ...(response.draft as Draft), network });
  }

  const remaining = LIMITS[network] - caption.length;

  return (
    <main className="popup">
      <h1>Schedule this page</h1>
      <select value={network} onChange={(e) => setNetwork(e.target.value as Network)}>
        {(Object.keys(LIMITS) as Network[]).map((n) => <option key={n} value={n}>{n}</option>)}
      </select>
      <textarea value={caption} onChange={(e) => setCaption(e.target.value)} rows={6} />
      <small className={remaining < 0 ? 'over' : ''}>{remaining} characters left</small>
      <section className="preview">
        <CaptionPreview caption={caption} />
        {embed && <EmbedPreview html={embed} />}
      </section>
      {error && <p className="error">{error}</p>}
      {saved ? (
        <a href={`https://app.postwise.app/compose?draft=${encodeURIComponent(saved.id)}`} target="_blank" rel="noreferrer">Open composer</a>
      ) : (
        <button type="button" onClick={save} disabled={remaining < 0}>Save draft</button>
      )}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Popup />);
