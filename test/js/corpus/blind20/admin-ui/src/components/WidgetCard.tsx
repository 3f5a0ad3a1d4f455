import { useQuery } from '@tanstack/react-query';
import DOMPurify from 'dompurify';
import { useSearchParams } from 'react-router-dom';
import { reportsApi } from '../api/client';

export function WidgetCard({ widgetId }: { widgetId: string }) {
  const { data: widget, isLoading } = useQuery({
    queryKey: ['widget', widgetId],
    queryFn: () => reportsApi.widget(widgetId),
    staleTime: 60_000,
  });
  const [params] = useSearchParams();
  const previewNote = params.get('note');

  if (isLoading || !widget) {
    return <div className="widget-card widget-card--loading" />;
  }

  return (
    <section className="widget-card">
      <h3>{widget.title}</h3>
      <div
        className="widget-card__description"
        dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(widget.descriptionHtml) }} //@safe
      />
      {previewNote && (
        <div
          className="widget-card__note"
          dangerouslySetInnerHTML={{ __html: previewNote }} //@vuln CWE-79
        />
      )}
    </section>
  );
}
