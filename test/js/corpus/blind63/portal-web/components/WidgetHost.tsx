import { useEffect, useRef, useState } from 'react';
import DOMPurify from 'dompurify';

const WIDGET_ORIGINS = new Set([
  'https://widgets.carebridge-health.com',
  'https://labs.carebridge-health.com',
]);

type WidgetMessage =
  | { type: 'resize'; height: number }
  | { type: 'legend'; html: string }
  | { type: 'summary'; html: string }
  | { type: 'navigate'; url: string }
  | { type: 'metric'; label: string; formula: string; values: Record<string, number> };

interface WidgetHostProps {
  src: string;
  patientMrn: string;
}

export default function WidgetHost({ src, patientMrn }: WidgetHostProps) {
  const frameRef = useRef<HTMLIFrameElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [metrics, setMetrics] = useState<Record<string, number>>({});

  useEffect(() => {
    function handleWidgetMessage(event: MessageEvent<WidgetMessage>) {
      const data = event.data;
      if (!data || typeof data !== 'object' || !('type' in data)) return;

      switch (data.type) {
        case 'resize':
          if (frameRef.current) frameRef.current.style.height = `${Math.min(Math.max(data.height, 200), 2400)}px`;
          break;

        case 'legend':
          if (!WIDGET_ORIGINS.has(event.origin) || !legendRef.current) return;
          legendRef.current.innerHTML = DOMPurify.sanitize(data.html, { USE_PROFILES: { html: true } });  //@safe
          break;

        case 'summary':
          if (summaryRef.current) summaryRef.current.innerHTML = data.html;  //@vuln CWE-79
          break;

        case 'navigate':
          window.location.assign(data.url);  //@vuln CWE-601
          break;

        case 'metric': {
          const names = Object.keys(data.values);
          const evaluate = new Function(...names, `return (${data.formula});`);  //@vuln CWE-94
          const value = Number(evaluate(...names.map((n) => data.values[n])));
          setMetrics((prev) => ({ ...prev, [data.label]: value }));
          break;
        }

        default:
          break;
      }
    }

    window.addEventListener('message', handleWidgetMessage);
    return () => window.removeEventListener('message', handleWidgetMessage);
  }, []);

  function handleLoad() {
    const targetOrigin = new URL(src).origin;
    if (!WIDGET_ORIGINS.has(targetOrigin)) return;
    frameRef.current?.contentWindow?.postMessage({ type: 'init', mrn: patientMrn, theme: 'light' }, targetOrigin);
  }

  return (
    <section className="widget-host">
      <iframe
        ref={frameRef}
        src={src}
        title="Lab results"
        sandbox="allow-scripts allow-same-origin"
        onLoad={handleLoad}
      />
      <div ref={legendRef} className="widget-host__legend" />
      <div ref={summaryRef} className="widget-host__summary" />
      {Object.keys(metrics).length > 0 && (
        <dl className="widget-host__metrics">
          {Object.entries(metrics).map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{Number.isFinite(value) ? value.toFixed(1) : '—'}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
