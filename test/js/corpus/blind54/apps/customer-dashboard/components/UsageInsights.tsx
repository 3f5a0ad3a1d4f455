import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/router';
import DOMPurify from 'dompurify';

interface Insight {
  id: string;
  title: string;
  bodyHtml: string;
  severity: 'info' | 'warn' | 'saving';
  estimatedSavingPence?: number;
}

interface Props {
  accountId: string;
}

const formatPounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;

export default function UsageInsights({ accountId }: Props) {
  const router = useRouter();
  const tipRef = useRef<HTMLDivElement>(null);
  const [insights, setInsights] = useState<Insight[]>([]);
  const [loading, setLoading] = useState(true);

  const highlight = typeof router.query.highlight === 'string' ? router.query.highlight : '';
  const tip = typeof router.query.tip === 'string' ? router.query.tip : '';

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/insights?account=${encodeURIComponent(accountId)}`)
      .then((res) => (res.ok ? res.json() : []))
      .then((data: Insight[]) => {
        if (!cancelled) setInsights(data);
      })
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [accountId]);

  useEffect(() => {
    if (tipRef.current && tip) {
      tipRef.current.innerHTML = `<strong>Tip:</strong> ${tip}`;  //@vuln CWE-79
    }
  }, [tip]);

  const heading = highlight ? `Insights about <mark>${highlight}</mark>` : 'Your energy insights';

  if (loading) return <p className="insights__loading">Loading insights…</p>;

  return (
    <section className="insights">
      <h2
        className="insights__title"
        dangerouslySetInnerHTML={{ __html: heading }}  //@vuln CWE-79
      />
      <div className="insights__tip" ref={tipRef} />
      {insights.map((insight) => (
        <article key={insight.id} className={`insight insight--${insight.severity}`}>
          <h3>{insight.title}</h3>
          <div
            className="insight__body"
            dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(insight.bodyHtml) }}  //@safe
          />
          {insight.estimatedSavingPence ? (
            <p className="insight__saving">Could save {formatPounds(insight.estimatedSavingPence)} a year</p>
          ) : null}
        </article>
      ))}
    </section>
  );
}
