import { useEffect, useMemo, useRef, useState } from 'react';
import { MenuItem, MenuItemCard } from '../components/MenuItemCard';
import { trackingSocketUrl } from '../lib/embed';

interface CourierPosition {
  lat: number;
  lng: number;
  heading?: number;
  etaMinutes?: number;
}

type TrackerMessage =
  | { type: 'status'; label: string; step: number }
  | { type: 'position'; position: CourierPosition }
  | { type: 'courier-note'; courierName: string; text: string }
  | { type: 'delivered' };

const API_BASE = import.meta.env.VITE_API_BASE as string;

export default function OrderTracking() {
  const params = useMemo(() => new URLSearchParams(window.location.search), []);
  const orderId = params.get('order') ?? '';
  const restaurantId = params.get('restaurant') ?? '';
  const statusRef = useRef<HTMLDivElement>(null);
  const notesRef = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<CourierPosition | null>(null);
  const [suggestions, setSuggestions] = useState<MenuItem[]>([]);
  const [delivered, setDelivered] = useState(false);

  useEffect(() => {
    const ws = new WebSocket(trackingSocketUrl(orderId));
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data) as TrackerMessage;
      switch (msg.type) {
        case 'status':
          if (statusRef.current) statusRef.current.textContent = msg.label;
          break;
        case 'position':
          setPosition(msg.position);
          break;
        case 'courier-note':
          notesRef.current?.insertAdjacentHTML('beforeend', `<p class="note"><b>${msg.courierName}</b>: ${msg.text}</p>`);  //@vuln CWE-79
          break;
        case 'delivered':
          setDelivered(true);
          ws.close();
          break;
      }
    };
    return () => ws.close();
  }, [orderId]);

  useEffect(() => {
    const promo = params.get('promo');
    const banner = document.getElementById('promo-banner');
    if (promo && banner) {
      banner.innerHTML = `Your code <strong>${decodeURIComponent(promo)}</strong> has been applied!`;  //@vuln CWE-79
    }
  }, [params]);

  useEffect(() => {
    if (!restaurantId) return;
    fetch(`${API_BASE}/v1/restaurants/${encodeURIComponent(restaurantId)}/menu/under?price=800`, { credentials: 'include' })
      .then((r) => r.json())
      .then((items: MenuItem[]) => setSuggestions(items.slice(0, 4)))
      .catch(() => setSuggestions([]));
  }, [restaurantId]);

  function finish() {
    const next = params.get('returnUrl');
    window.location.href = next ?? '/orders';  //@vuln CWE-601
  }

  function openSupport() {
    const topic = params.get('topic') ?? 'delivery';
    const url = new URL('/help', window.location.origin);
    url.searchParams.set('topic', topic);
    url.searchParams.set('order', orderId);
    window.location.assign(url.toString());  //@safe
  }

  return (
    <main className="tracking">
      <div id="promo-banner" className="tracking__banner" />
      <div ref={statusRef} className="tracking__status" />
      {position && (
        <p className="tracking__eta">
          Courier is {position.etaMinutes ?? '?'} min away ({position.lat.toFixed(4)}, {position.lng.toFixed(4)})
        </p>
      )}
      <div ref={notesRef} className="tracking__notes" />
      {delivered && (
        <button type="button" onClick={finish}>
          Done
        </button>
      )}
      <button type="button" className="link" onClick={openSupport}>
        Need help?
      </button>
      <section className="tracking__upsell">
        <h2>Still hungry?</h2>
        {suggestions.map((item) => (
          <MenuItemCard key={item._id} item={item} highlight={params.get('q') ?? undefined} />
        ))}
      </section>
    </main>
  );
}
