import Link from "next/link";
import DOMPurify from "isomorphic-dompurify";
import { prisma } from "@/lib/server";

type SearchParams = { q?: string; city?: string; guests?: string };

export const dynamic = "force-dynamic";

export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { q = "", city = "", guests = "2" } = await searchParams;

  const hotels = await prisma.hotel.findMany({
    where: {
      city: city || undefined,
      maxOccupancy: { gte: Number(guests) || 1 },
      OR: q ? [{ name: { contains: q, mode: "insensitive" } }, { tags: { has: q.toLowerCase() } }] : undefined,
    },
    include: { reviews: { take: 3, orderBy: { createdAt: "desc" } } },
    take: 24,
  });

  const summary = `${hotels.length} stays matching <strong>${q || "anything"}</strong>${city ? ` in ${city}` : ""}`;

  return (
    <main className="search">
      <p
        className="search-summary"
        dangerouslySetInnerHTML={{ __html: summary }}  //@vuln CWE-79
      />
      <ul className="results">
        {hotels.map((hotel) => (
          <li key={hotel.id} className="hotel-card">
            <h2>
              <Link href={`/hotels/${hotel.slug}`}>{hotel.name}</Link>
            </h2>
            <div
              className="hotel-description"
              dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(hotel.descriptionHtml) }}  //@safe
            />
            <ul className="reviews">
              {hotel.reviews.map((review) => (
                <li key={review.id}>
                  <span aria-label={`${review.rating} stars`}>{"★".repeat(review.rating)}</span>
                  <blockquote>{review.body}</blockquote>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </main>
  );
}
