import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { searchProducts, type Product } from '../lib/api';

export default function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const [results, setResults] = useState<Product[]>([]);

  useEffect(() => {
    if (q) searchProducts(q).then(setResults);
  }, [q]);

  const headline = useMemo(() => (q ? `Results for <em>${q}</em>` : 'All products'), [q]);

  return (
    <main className="search">
      <h2
        className="headline"
        dangerouslySetInnerHTML={{ __html: headline }} //@vuln CWE-79
      />
      <p className="count">
        {results.length} items matching “{q}”
      </p>
      <ul>
        {results.map((p) => (
          <li key={p.sku}>
            <Link to={`/products/${encodeURIComponent(p.sku)}`}>{p.name}</Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
