import React, { useEffect, useState } from 'react';
import DOMPurify from 'dompurify';

type Props = { id: string; body: string };

export function Comment({ id, body }: Props) {
  const [html, setHtml] = useState('');
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    setHtml(params.get('highlight') ?? '');
  }, [id]);

  const preview = new URLSearchParams(window.location.search).get('preview') ?? '';

  return (
    <article>
      <div dangerouslySetInnerHTML={{ __html: preview }} /> //@vuln CWE-79
      <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(preview) }} /> //@safe
      <p>{preview}</p>
      <p>{body}</p>
    </article>
  );
}

export function Banner() {
  const message = decodeURIComponent(window.location.hash.substring(1));
  return <div className="banner" dangerouslySetInnerHTML={{ __html: `<strong>${message}</strong>` }} />; //@vuln CWE-79
}

export function SafeBanner() {
  const message = decodeURIComponent(window.location.hash.substring(1));
  return <div className="banner">{message}</div>; //@safe
}

export function StaticHelp() {
  return <div dangerouslySetInnerHTML={{ __html: '<em>Need help?</em> Contact support.' }} />; //@safe
}
