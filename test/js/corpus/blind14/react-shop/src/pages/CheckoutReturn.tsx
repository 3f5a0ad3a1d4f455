import { useEffect } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { confirmOrder } from '../lib/api';

const ALLOWED_RETURN_HOSTS = ['shop.example.com', 'checkout.example.com'];

function safeReturnTarget(raw: string | null): string {
  if (!raw) return '/';
  try {
    const u = new URL(raw, window.location.origin);
    return u.protocol === 'https:' && ALLOWED_RETURN_HOSTS.includes(u.hostname) ? u.toString() : '/';
  } catch {
    return '/';
  }
}

export default function CheckoutReturn() {
  const [params] = useSearchParams();
  const { orderId = '' } = useParams();

  useEffect(() => {
    if (params.get('status') === 'cancelled') {
      window.location.assign(params.get('cancel_url') ?? '/cart'); //@vuln CWE-601
      return;
    }
    confirmOrder(orderId).then(() => {
      window.location.assign(safeReturnTarget(params.get('return_to'))); //@safe
    });
  }, [orderId, params]);

  return <p className="checkout-return">Finalising your order…</p>;
}
