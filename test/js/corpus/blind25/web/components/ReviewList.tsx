import { FormEvent, useEffect, useState } from 'react';
import { useRouter } from 'next/router';
import type { Review } from '../pages/api/reviews';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export default function ReviewList({ productId }: { productId: string }) {
  const router = useRouter();
  const [reviews, setReviews] = useState<Review[]>([]);
  const [draft, setDraft] = useState({ author: '', website: '', rating: 5, body: '' });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const order = typeof router.query.order === 'string' ? router.query.order : 'created_at DESC';
    fetch(`/api/reviews?productId=${encodeURIComponent(productId)}&order=${encodeURIComponent(order)}`)
      .then((r) => r.json())
      .then(setReviews)
      .catch(() => setError('Could not load reviews'));
  }, [productId, router.query.order]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const resp = await fetch('/api/reviews', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...draft, productId }),
    });
    if (!resp.ok) return setError('Could not save review');
    const next = typeof router.query.next === 'string' ? router.query.next : `/products/${productId}#reviews`;
    window.location.assign(next); //@vuln CWE-601
  }

  return (
    <section id="reviews">
      <h2>Reviews ({reviews.length})</h2>
      {error && <p className="error">{error}</p>}
      <ul>
        {reviews.map((r) => (
          <li key={r.id}>
            <a
              className="author"
              href={r.website ?? '#'} //@vuln CWE-79
              rel="nofollow noopener"
            >
              {r.author}
            </a>
            <span className="stars">{'★'.repeat(r.rating)}</span>
            <p
              className="body"
              dangerouslySetInnerHTML={{ __html: escapeHtml(r.body).replace(/\n/g, '<br/>') }} //@safe
            />
          </li>
        ))}
      </ul>
      <form onSubmit={submit}>
        <input placeholder="Name" value={draft.author} onChange={(e) => setDraft({ ...draft, author: e.target.value })} />
        <input placeholder="Website" value={draft.website} onChange={(e) => setDraft({ ...draft, website: e.target.value })} />
        <input type="number" min={1} max={5} value={draft.rating} onChange={(e) => setDraft({ ...draft, rating: Number(e.target.value) })} />
        <textarea value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />
        <button type="submit">Post review</button>
      </form>
    </section>
  );
}
