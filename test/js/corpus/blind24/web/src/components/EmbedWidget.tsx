import { useEffect, useRef, useState } from 'react';
import DOMPurify from 'dompurify';
import { API_BASE } from '../api/client';

const APP_ORIGIN = import.meta.env.VITE_APP_ORIGIN ?? 'https://app.launchpad.dev';

interface EmbedConfig {
  name: string;
  embed: {
    theme?: 'light' | 'dark';
    ctaLabel?: string;
    ctaUrl?: string;
    videoUrl?: string;
    supportUrl?: string;
  };
}

function isHttpUrl(value: string | undefined): value is string {
  if (!value) return false;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * <launchpad-embed data-project="acme"> is rendered by this component on customer sites.
 * The parent page can push announcement banners into it via postMessage.
 */
export function EmbedWidget({ slug }: { slug: string }) {
  const [config, setConfig] = useState<EmbedConfig | null>(null);
  const bannerRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    fetch(`${API_BASE}/embed/${encodeURIComponent(slug)}/config`, { credentials: 'include', signal: ctrl.signal })
      .then((r) => (r.ok ? r.json() : null))
      .then(setConfig)
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [slug]);

  useEffect(() => {
    function onMessage(event: MessageEvent) {
      const data = event.data as { type?: string; html?: string; height?: number };
      if (data?.type === 'launchpad:banner' && bannerRef.current) {
        bannerRef.current.innerHTML = data.html ?? ''; //@vuln CWE-79
      }
      if (data?.type === 'launchpad:status' && event.origin === APP_ORIGIN && statusRef.current) {
        statusRef.current.innerHTML = DOMPurify.sanitize(data.html ?? ''); //@safe
      }
    }
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  if (!config) return <div className="lp-embed lp-embed--loading" aria-busy="true" />;

  const { embed } = config;
  return (
    <div className={`lp-embed lp-embed--${embed.theme ?? 'light'}`}>
      <div ref={bannerRef} className="lp-embed__banner" />
      <div ref={statusRef} className="lp-embed__status" />
      <h3 className="lp-embed__title">{config.name}</h3>
      {embed.videoUrl && (
        <iframe
          title={`${config.name} video`}
          src={embed.videoUrl} //@vuln CWE-79
          allow="autoplay; fullscreen"
          className="lp-embed__video"
        />
      )}
      {embed.ctaLabel && (
        <a
          className="lp-embed__cta"
          href={isHttpUrl(embed.ctaUrl) ? embed.ctaUrl : '#'} //@safe
          target="_blank"
          rel="noopener noreferrer"
        >
          {embed.ctaLabel}
        </a>
      )}
      {isHttpUrl(embed.supportUrl) && <a href={embed.supportUrl}>Need help?</a>}
    </div>
  );
}
