import { useEffect, useRef, useState } from 'react';

const CAMPAIGN_COPY = {
  spring: 'Spring offer: 3 months of MediaHub+ for $1',
  student: 'Students get 50% off MediaHub+',
};

export default function PromoBanner() {
  const headlineRef = useRef(null);
  const taglineRef = useRef(null);
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const promo = params.get('promo');
    const campaign = params.get('utm_campaign');
    if (!promo && !campaign) return;

    setVisible(true);
    if (promo && headlineRef.current) {
      headlineRef.current.innerHTML = `<strong>${decodeURIComponent(promo)}</strong>`; //@vuln CWE-79
    }
    if (taglineRef.current) {
      taglineRef.current.textContent = CAMPAIGN_COPY[campaign] || campaign || ''; //@safe
    }
  }, []);

  if (!visible) return null;
  return (
    <aside className="promo-banner" role="region" aria-label="Promotion">
      <h2 ref={headlineRef} />
      <p ref={taglineRef} />
      <a href="/subscribe" className="btn">Subscribe</a>
    </aside>
  );
}
