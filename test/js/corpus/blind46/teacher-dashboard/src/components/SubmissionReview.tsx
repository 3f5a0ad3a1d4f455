import React, { useEffect, useMemo, useRef, useState } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { api, Rubric, Submission } from '../api';

interface Props {
  assignmentId: number;
  lesson: { title: string; bodyMd: string };
  rubricId?: number;
}

function safeHref(url: string): string {
  try {
    const u = new URL(url, window.location.origin);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : '#';
  } catch {
    return '#';
  }
}

export function SubmissionReview({ assignmentId, lesson, rubricId }: Props) {
  const [subs, setSubs] = useState<Submission[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [rubric, setRubric] = useState<Rubric | null>(null);
  const rubricRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    api<Submission[]>(`/api/submissions/${assignmentId}?status=submitted,late`).then(setSubs).catch(console.error);
  }, [assignmentId]);

  useEffect(() => {
    if (rubricId) api<Rubric>(`/api/rubrics/${rubricId}`).then(setRubric).catch(console.error);
  }, [rubricId]);

  // legacy rubric widget (shared with the old jQuery gradebook stylesheet)
  useEffect(() => {
    if (!rubric || !rubricRef.current) return;
    rubricRef.current.innerHTML = rubric.criteria.map((c) => `<li><strong>${c.label}</strong> (${c.points} pts)<p>${c.description}</p></li>`).join(''); //@vuln CWE-79
  }, [rubric]);

  const current = useMemo(() => subs.find((s) => s.userId === selected) ?? null, [subs, selected]);

  return (
    <div className="review">
      <aside className="review__list">
        {subs.map((s) => (
          <button key={s.userId} className={s.userId === selected ? 'active' : ''} onClick={() => setSelected(s.userId)}>
            {s.student.name} <small>{s.status}</small>
          </button>
        ))}
      </aside>

      <section className="review__lesson">
        <h2>{lesson.title}</h2>
        <div
          className="lesson-body"
          dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(marked.parse(lesson.bodyMd, { async: false }) as string) }} //@safe
        />
      </section>

      {current && (
        <section className="review__detail">
          <header>
            <h3>{current.student.name}</h3>
            {current.student.portfolioUrl && (
              <a
                href={current.student.portfolioUrl} //@vuln CWE-79
                target="_blank"
                rel="noreferrer"
              >
                Portfolio
              </a>
            )}
            <a
              href={safeHref(current.fileUrl)} //@safe
              download
            >
              {current.fileName}
            </a>
          </header>

          <ul className="rubric" ref={rubricRef} />

          <div className="comments">
            {current.comments.map((c) => (
              <article key={c.id} className="comment">
                <span className="comment__author">{c.author}</span>
                <div
                  className="comment__body"
                  dangerouslySetInnerHTML={{ __html: c.bodyHtml }} //@vuln CWE-79
                />
              </article>
            ))}
          </div>

        </section>
      )}
    </div>
  );
}
