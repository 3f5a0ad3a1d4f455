import Link from "next/link";
import DOMPurify from "isomorphic-dompurify";
import { searchProducts } from "@/lib/products";
import SearchBox from "@/components/SearchBox";

type PageProps = {
  searchParams: { q?: string; sort?: string; page?: string; promo?: string };
};

function formatPrice(cents: number) {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
}

export default async function SearchPage({ searchParams }: PageProps) {
  const q = searchParams.q ?? "";
  const page = Number(searchParams.page ?? 1);
  const results = q ? await searchProducts({ term: q, sort: searchParams.sort, page }) : [];
  const promoBanner = searchParams.promo
    ? `Promo <strong>${searchParams.promo}</strong> will be applied at checkout`
    : null;

  return (
    <main className="mx-auto max-w-5xl p-6">
      <SearchBox initial={q} />
      {promoBanner && (
        <div
          className="rounded bg-amber-50 p-3 text-sm"
          dangerouslySetInnerHTML={{ __html: promoBanner }} //@vuln CWE-79
        />
      )}
      <h1 className="mt-4 text-xl font-semibold">Results for “{q}”</h1>
      <ul className="mt-4 grid grid-cols-3 gap-4">
        {results.map((p) => (
          <li key={p.id} className="rounded border p-3">
            <Link href={`/products/${p.id}`}>{p.name}</Link>
            <p>{formatPrice(p.price_cents)}</p>
            <div
              className="prose text-xs"
              dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(p.description_html ?? "") }} //@safe
            />
          </li>
        ))}
      </ul>
    </main>
  );
}
