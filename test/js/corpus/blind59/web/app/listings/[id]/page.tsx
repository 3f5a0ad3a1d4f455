import DOMPurify from "isomorphic-dompurify";
import { notFound } from "next/navigation";
import { getListing, openHouses, priceHistory, recordView } from "@/lib/listings-repo";
import { getSession } from "@/lib/auth";
import ListingGallery from "@/app/components/ListingGallery";

type Props = {
  params: { id: string };
  searchParams: { [key: string]: string | undefined };
};

const currency = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

export default async function ListingPage({ params, searchParams }: Props) {
  const listing = await getListing(params.id);
  if (!listing) notFound();

  const session = getSession();
  await recordView(listing.id, session?.sub ?? null);

  const [history, upcoming] = listing.mls_number
    ? await Promise.all([priceHistory(listing.mls_number), openHouses(listing.mls_number, new Date().toISOString())])
    : [[], []];

  const sharedBy = searchParams.ref;

  return (
    <main className="listing">
      {sharedBy && (
        <div
          className="banner banner--shared"
          dangerouslySetInnerHTML={{ __html: `<strong>${sharedBy}</strong> thought you'd like this home`,  //@vuln CWE-79
          }}
        />
      )}

      <header className="listing__header">
        <h1>{listing.title}</h1>
        <p className="listing__price">{currency.format(listing.price)}</p>
        <p className="listing__meta">
          {listing.bedrooms} bd · {listing.city}
        </p>
      </header>

      <ListingGallery listingId={listing.id} photos={listing.photos} tourOrigin="https://my.matterport.com" />

      <section
        className="listing__description"
        dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(listing.description_html ?? ""),  //@safe
        }}
      />

      {history.length > 0 && (
        <section className="listing__history">
          <h2>Price history</h2>
          <table>
            <tbody>
              {history.map((row) => (
                <tr key={row.changed_at}>
                  <td>{row.changed_at.slice(0, 10)}</td>
                  <td>{currency.format(row.new_price)}</td>
                  <td>{row.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {Array.isArray(upcoming) && upcoming.length > 0 && (
        <section className="listing__open-houses">
          <h2>Open houses</h2>
          <ul>
            {(upcoming as { starts_at: string; ends_at: string }[]).map((oh) => (
              <li key={oh.starts_at}>
                {oh.starts_at} – {oh.ends_at}
              </li>
            ))}
          </ul>
        </section>
      )}

      <aside className="listing__agent">
        <p>Listed by {listing.agentName}</p>
        {listing.agentPhone && <a href={`tel:${listing.agentPhone}`}>{listing.agentPhone}</a>}
      </aside>
    </main>
  );
}
