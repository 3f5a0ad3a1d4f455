import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import DOMPurify from 'isomorphic-dompurify';
import { API_URL } from '~/session.server';

interface JobSummary {
  id: string;
  title: string;
  department: string | null;
  location: string | null;
  teaserHtml: string;
}

export const meta: MetaFunction = () => [{ title: 'Open roles' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = url.searchParams.get('q') ?? '';
  const company = url.searchParams.get('company') ?? process.env.DEFAULT_TENANT_SLUG ?? 'acme';
  const res = await fetch(`${API_URL}/careers/${encodeURIComponent(company)}/jobs.json`);
  if (!res.ok) {
    throw new Response('Company not found', { status: 404 });
  }
  const jobs: JobSummary[] = await res.json();
  const matcher = q ? new RegExp(q, 'i') : null;  //@vuln CWE-1333
  const visible = matcher ? jobs.filter((job) => matcher.test(job.title) || matcher.test(job.department ?? '')) : jobs;
  return json({ q, company, jobs: visible });
}

function SearchSummary({ q, count }: { q: string; count: number }) {
  return <p className="search-summary" dangerouslySetInnerHTML={{ __html: `${count} open roles matching <em>${q}</em>` }} />;  //@vuln CWE-79
}

function JobTeaser({ html }: { html: string }) {
  return <div className="job-teaser" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;  //@safe
}

export default function JobsIndex() {
  const { q, company, jobs } = useLoaderData<typeof loader>();
  return (
    <main className="jobs">
      <Form method="get" className="job-search">
        <input type="hidden" name="company" value={company} />
        <input type="search" name="q" defaultValue={q} placeholder="Search roles" aria-label="Search roles" />
        <button type="submit">Search</button>
      </Form>
      {q ? <SearchSummary q={q} count={jobs.length} /> : null}
      <ul className="job-list">
        {jobs.map((job) => (
          <li key={job.id}>
            <h3>
              <Link to={`/apply/${job.id}?returnTo=${encodeURIComponent(`/jobs?company=${company}`)}`}>{job.title}</Link>
            </h3>
            <span className="meta">
              {job.department ?? 'General'} &middot; {job.location ?? 'Remote'}
            </span>
            <JobTeaser html={job.teaserHtml} />
          </li>
        ))}
      </ul>
    </main>
  );
}
