import { notFound } from 'next/navigation';
import { marked } from 'marked';
import DOMPurify from 'isomorphic-dompurify';
import { getLeaderboard, getLesson, getMentorNotes } from '@/lib/data';

type PageProps = {
  params: { slug: string };
  searchParams: { [key: string]: string | string[] | undefined };
};

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export async function generateMetadata({ params }: PageProps) {
  const lesson = await getLesson(params.slug);
  return { title: lesson ? `${lesson.title} · DevForge` : 'Lesson · DevForge' };
}

export default async function LessonPage({ params, searchParams }: PageProps) {
  const lesson = await getLesson(params.slug);
  if (!lesson) notFound();

  const revision = first(searchParams.rev);
  const cohort = first(searchParams.cohort) ?? 'open';
  const sortBy = first(searchParams.sort) ?? 'points';

  const [notes, leaderboard] = await Promise.all([
    getMentorNotes(lesson.slug, revision),
    getLeaderboard(cohort, sortBy),
  ]);

  const bodyHtml = DOMPurify.sanitize(await marked.parse(lesson.body));

  return (
    <main className="lesson-layout">
      <article className="lesson">
        <p className="breadcrumb">{lesson.course.title}</p>
        <h1>{lesson.title}</h1>
        <div
          className="lesson-body prose"
          dangerouslySetInnerHTML={{ __html: bodyHtml }}  //@safe
        />
      </article>

      <aside className="mentor-notes">
        <h2>Mentor notes</h2>
        {notes.map((note) => (
          <section key={note.id} className="mentor-note">
            <header>
              {note.author} · {new Date(note.created_at).toLocaleDateString('en-US')}
            </header>
            <div
              className="prose prose-sm"
              dangerouslySetInnerHTML={{ __html: marked.parse(note.body, { async: false }) as string }}  //@vuln CWE-79
            />
          </section>
        ))}
      </aside>

      <aside className="leaderboard">
        <h2>Cohort leaderboard</h2>
        <ol>
          {leaderboard.map((row) => (
            <li key={row.user_name}>
              {row.user_name} <span>{row.points} pts</span>
            </li>
          ))}
        </ol>
      </aside>
    </main>
  );
}
