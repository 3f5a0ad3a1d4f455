import React, { useEffect, useState } from 'react';
import DOMPurify from 'dompurify';
import { getReviews } from '../api';

function Stars({ n }) {
  return <span className="stars">{'★'.repeat(n)}{'☆'.repeat(5 - n)}</span>;
}

function Review({ review }) {
  return (
    <li className="review">
      <Stars n={review.rating} />
      {review.website ? (
        <a href={review.website} rel="nofollow">{review.author}</a> //@vuln CWE-79
      ) : (
        <strong>{review.author}</strong>
      )}
      <p>{review.body}</p>
    </li>
  );
}

export default function ProductView({ product, preview }) {
  const [reviews, setReviews] = useState([]);

  useEffect(() => {
    if (!product) return;
    getReviews(product.id).then(setReviews).catch(() => setReviews([]));
  }, [product]);

  if (!product) return <p>Loading…</p>;

  // preview = the "edit description" box, Dave wanted it sanitised
  // the live page shows exactly what the supplier feed sent (it has tables + inline styles)
  const description = preview ? (
    <div className="desc preview" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(product.description) }} /> //@safe
  ) : (
    <div className="desc" dangerouslySetInnerHTML={{ __html: product.description }} /> //@vuln CWE-79
  );

  return (
    <div className="product-view">
      <h2>{product.name}</h2>
      <p className="sku">SKU: {product.sku}</p>
      {description}
      <h3>Reviews ({reviews.length})</h3>
      <ul className="reviews">
        {reviews.map((r) => (
          <Review key={r.id} review={r} />
        ))}
      </ul>
    </div>
  );
}
