import { notFound } from "next/navigation";
import type { Metadata } from "next";
import DOMPurify from "isomorphic-dompurify";
import { prisma } from "@/lib/db";
import { AddToCart } from "@/components/add-to-cart";
import { formatPrice } from "@/lib/format";

type Props = { params: { slug: string }; searchParams: { hl?: string } };

async function getProduct(slug: string) {
  return prisma.product.findUnique({
    where: { slug },
    include: { reviews: { take: 20, orderBy: { createdAt: "desc" } } },
  });
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProduct(params.slug);
  return { title: product ? `${product.name} | Storefront` : "Not found" };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const product = await getProduct(params.slug);
  if (!product) notFound();

  const description = DOMPurify.sanitize(product.descriptionHtml, { USE_PROFILES: { html: true } });
  // highlight the search term coming from /search?q=...
  const title = searchParams.hl ? product.name.replace(searchParams.hl, `<mark>${searchParams.hl}</mark>`) : product.name;
  const jsonLd = JSON.stringify({
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    offers: { "@type": "Offer", price: product.priceCents / 100, priceCurrency: "USD" },
  });

  return (
    <main className="container mx-auto max-w-4xl py-10">
      <h1
        className="text-3xl font-bold tracking-tight"
        dangerouslySetInnerHTML={{ __html: title }} //@vuln CWE-79
      />
      <p className="mt-2 text-xl text-muted-foreground">{formatPrice(product.priceCents)}</p>
      <div
        className="prose mt-6"
        dangerouslySetInnerHTML={{ __html: description }} //@safe
      />
      <AddToCart productId={product.id} />

      <section className="mt-12 space-y-6">
        <h2 className="text-xl font-semibold">Reviews ({product.reviews.length})</h2>
        {product.reviews.map((r) => (
          <article key={r.id} className="rounded border p-4">
            <div className="flex justify-between text-sm">
              <strong>{r.authorName}</strong>
              <span>{"★".repeat(r.rating)}</span>
            </div>
            <div
              className="prose-sm mt-2"
              dangerouslySetInnerHTML={{ __html: r.bodyHtml }} //@vuln CWE-79
            />
          </article>
        ))}
      </section>

      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: jsonLd.replace(/</g, "\\u003c") }} //@safe
      />
    </main>
  );
}
