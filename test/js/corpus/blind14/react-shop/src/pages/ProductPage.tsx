import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import DOMPurify from 'dompurify';
import { getProduct, type Product } from '../lib/api';

export default function ProductPage() {
  const { sku = '' } = useParams();
  const [searchParams] = useSearchParams();
  const [product, setProduct] = useState<Product | null>(null);
  const promo = searchParams.get('promo');

  useEffect(() => {
    getProduct(sku).then(setProduct);
  }, [sku]);

  if (!product) return <p className="loading">Loading…</p>;

  return (
    <article className="product">
      <h1>{product.name}</h1>
      <p className="price">{product.price.toFixed(2)} €</p>
      {promo && (
        <div
          className="promo"
          dangerouslySetInnerHTML={{ __html: promo }} //@vuln CWE-79
        />
      )}
      <section
        className="description"
        dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(product.descriptionHtml) }} //@safe
      />
    </article>
  );
}
