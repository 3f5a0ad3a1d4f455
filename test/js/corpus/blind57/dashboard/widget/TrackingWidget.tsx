import React, { useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import DOMPurify from 'dompurify';

// Embeddable "where is my delivery" widget that shippers drop into their own order pages

interface Shipment {
  reference: string;
  status: 'scheduled' | 'in_transit' | 'delivered' | 'exception';
  etaIso: string | null;
  lastLocation: { city: string; lat: number; lng: number } | null;
  notesHtml: string;
  driverFirstName: string;
}

interface WidgetProps {
  apiBase: string;
  reference: string;
  brandColor?: string;
}

const STATUS_LABEL: Record<Shipment['status'], string> = {
  scheduled: 'Scheduled',
  in_transit: 'On the way',
  delivered: 'Delivered',
  exception: 'Delayed',
};

function formatEta(iso: string | null): string {
  if (!iso) return 'Unknown';
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function TrackingWidget({ apiBase, reference, brandColor = '#0f766e' }: WidgetProps) {
  const [shipment, setShipment] = useState<Shipment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useMemo(() => new URLSearchParams(window.location.search), []);
  const greeting = query.get('greeting') ?? '';

  useEffect(() => {
    let cancelled = false;
    fetch(`${apiBase}/v1/public/track/${encodeURIComponent(reference)}`)
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then((data: Shipment) => !cancelled && setShipment(data))
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [apiBase, reference]);

  if (error) {
    return <div className="flt-widget flt-error">We could not load tracking for {reference}: {error}</div>;
  }
  if (!shipment) {
    return <div className="flt-widget flt-loading">Loading…</div>;
  }

  return (
    <div className="flt-widget" style={{ borderColor: brandColor }}>
      {greeting && (
        <div className="flt-greeting" dangerouslySetInnerHTML={{ __html: greeting }}  //@vuln CWE-79
        />
      )}
      <h3>
        Shipment {shipment.reference} — {STATUS_LABEL[shipment.status]}
      </h3>
      <p>Estimated arrival: {formatEta(shipment.etaIso)}</p>
      {shipment.lastLocation && <p>Last seen near {shipment.lastLocation.city}</p>}
      <p>Your driver today is {shipment.driverFirstName}.</p>
      <div className="flt-notes" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(shipment.notesHtml) }}  //@safe
      />
    </div>
  );
}

export function mount(el: HTMLElement): void {
  const props: WidgetProps = {
    apiBase: el.dataset.apiBase ?? 'https://api.fleetline.io',
    reference: el.dataset.reference ?? '',
    brandColor: el.dataset.brandColor,
  };
  createRoot(el).render(<TrackingWidget {...props} />);
}

document.querySelectorAll<HTMLElement>('[data-fleetline-tracking]').forEach(mount);
