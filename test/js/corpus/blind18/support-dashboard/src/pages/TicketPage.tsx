import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import DOMPurify from 'dompurify';
import { getTicket, Ticket } from '../api/client';

export default function TicketPage() {
  const { ticketId } = useParams();
  const [searchParams] = useSearchParams();
  const quoted = searchParams.get('quote');
  const [ticket, setTicket] = useState<Ticket | null>(null);

  useEffect(() => {
    if (ticketId) getTicket(ticketId).then(setTicket);
  }, [ticketId]);

  if (!ticket) return <p className="loading">Loading…</p>;

  return (
    <article className="ticket">
      <h1>{ticket.subject}</h1>
      <div
        className="ticket-body"
        dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(ticket.bodyHtml) }} //@safe
      />
      <ol className="comments">
        {ticket.comments.map((c) => (
          <li key={c.id}><strong>{c.author}</strong> <p>{c.body}</p></li>
        ))}
      </ol>
      {quoted && (
        <blockquote
          className="reply-quote"
          dangerouslySetInnerHTML={{ __html: quoted }} //@vuln CWE-79
        />
      )}
    </article>
  );
}
