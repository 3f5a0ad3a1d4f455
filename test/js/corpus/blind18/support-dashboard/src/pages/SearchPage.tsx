import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { searchTickets, TicketSummary } from '../api/client';
import { highlight } from '../utils/highlight';

export default function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const [results, setResults] = useState<TicketSummary[]>([]);
  const summaryRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (q) searchTickets(q).then(setResults).catch(() => setResults([]));
  }, [q]);

  useEffect(() => {
    if (!summaryRef.current) return;
    summaryRef.current.innerHTML = results.length ? `${results.length} tickets matching <em>${q}</em>` : `No tickets match <em>${q}</em>`; //@vuln CWE-79
  }, [results, q]);

  return (
    <section className="search">
      <p ref={summaryRef} className="search-summary" />
      <ul>
        {results.map((t) => (
          <li key={t.id}>
            <Link to={`/tickets/${t.id}`}>
              <span
                className="subject"
                dangerouslySetInnerHTML={{ __html: highlight(t.subject, q) }} //@safe
              />
            </Link>
            <span className={`badge badge-${t.status}`}>{t.status}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
