import { useEffect, useMemo, useState } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import AnsiToHtml from 'ansi-to-html';

interface LogLine {
  ts: string;
  step: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

interface BuildDetails {
  id: string;
  number: number;
  branch: string;
  status: string;
  commitMessage: string;
  releaseNotes?: string;
}

interface Props {
  buildId: string;
  apiBase: string;
}

const ansi = new AnsiToHtml({ escapeXML: false, newline: false, stream: false });

export default function BuildLog({ buildId, apiBase }: Props) {
  const [build, setBuild] = useState<BuildDetails | null>(null);
  const [lines, setLines] = useState<LogLine[]>([]);
  const [filter, setFilter] = useState('');
  const [follow, setFollow] = useState(true);

  useEffect(() => {
    const controller = new AbortController();
    fetch(`${apiBase}/v1/builds/${encodeURIComponent(buildId)}`, { credentials: 'include', signal: controller.signal })
      .then((res) => (res.ok ? res.json() : null))
      .then((data) => data && setBuild(data))
      .catch(() => undefined);

    const stream = new EventSource(`${apiBase}/v1/builds/${encodeURIComponent(buildId)}/stream`, { withCredentials: true });
    stream.onmessage = (event) => {
      const line = JSON.parse(event.data) as LogLine;
      setLines((prev) => (prev.length > 20_000 ? [...prev.slice(-10_000), line] : [...prev, line]));
    };
    return () => {
      controller.abort();
      stream.close();
    };
  }, [buildId, apiBase]);

  useEffect(() => {
    if (follow) window.scrollTo({ top: document.body.scrollHeight });
  }, [lines, follow]);

  const notesHtml = useMemo(() => (build?.releaseNotes ? DOMPurify.sanitize(marked.parse(build.releaseNotes, { async: false }) as string) : ''), [build?.releaseNotes]);

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle ? lines.filter((l) => l.message.toLowerCase().includes(needle)) : lines;
  }, [lines, filter]);

  const renderLine = (line: LogLine, index: number) => <li key={index} className={`log-line level-${line.level}`} data-step={line.step} dangerouslySetInnerHTML={{ __html: ansi.toHtml(line.message) }} />;  //@vuln CWE-79

  const commitLine = <p className="commit-message">{build?.commitMessage}</p>;
  const notes = notesHtml ? <div className="release-notes" dangerouslySetInnerHTML={{ __html: notesHtml }} /> : null;  //@safe

  return (
    <section className="build-log">
      <header>
        <h2>
          #{build?.number} &middot; {build?.branch} <span className={`status status-${build?.status}`}>{build?.status}</span>
        </h2>
        {commitLine}
      </header>
      {notes}
      <div className="toolbar">
        <input type="search" placeholder="Filter log" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
      </div>
      <ol className="log-lines">{visible.map(renderLine)}</ol>
    </section>
  );
}
