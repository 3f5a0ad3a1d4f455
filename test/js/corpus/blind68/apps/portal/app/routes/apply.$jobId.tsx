import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect, unstable_parseMultipartFormData, unstable_createMemoryUploadHandler } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { API_URL, requireCandidate, safeReturnPath, sessionStorage } from '~/session.server';

interface JobDetail {
  id: string;
  title: string;
  location: string | null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const candidate = await requireCandidate(request);
  const res = await fetch(`${API_URL}/portal/jobs/${encodeURIComponent(params.jobId!)}`, {
    headers: { Authorization: `Bearer ${candidate.token}` },
  });
  if (!res.ok) {
    throw new Response('Job not found', { status: 404 });
  }
  const job: JobDetail = await res.json();
  const returnTo = new URL(request.url).searchParams.get('returnTo') ?? '/applications';
  return json({ job, returnTo, email: candidate.email });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const candidate = await requireCandidate(request);
  const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: 10_000_000 }));
  const intent = form.get('intent');

  const upstream = new FormData();
  upstream.append('jobId', params.jobId!);
  upstream.append('coverLetter', String(form.get('coverLetter') ?? ''));
  upstream.append('draft', intent === 'save-draft' ? 'true' : 'false');
  const resume = form.get('resume');
  if (resume instanceof Blob) {
    upstream.append('resume', resume);
  }

  const res = await fetch(`${API_URL}/portal/applications`, {
    method: 'POST',
    body: upstream,
    headers: { Authorization: `Bearer ${candidate.token}` },
  });
  if (!res.ok) {
    return json({ error: 'We could not submit your application. Please try again.' }, { status: 400 });
  }

  if (intent === 'save-draft') {
    return redirect(safeReturnPath(form.get('next'), '/applications/drafts'));  //@safe
  }

  const session = await sessionStorage.getSession(request.headers.get('Cookie'));
  session.flash('notice', 'Your application was submitted.');
  const returnTo = String(form.get('returnTo') ?? '/applications');
  return redirect(returnTo, { headers: { 'Set-Cookie': await sessionStorage.commitSession(session) } });  //@vuln CWE-601
}

export default function Apply() {
  const { job, returnTo, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <main className="apply">
      <h1>Apply for {job.title}</h1>
      <p className="meta">Applying as {email}</p>
      {actionData?.error ? <p role="alert">{actionData.error}</p> : null}
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="next" value="/applications/drafts" />
        <label>
          Resume (PDF or Word)
          <input type="file" name="resume" accept=".pdf,.doc,.docx,.odt,.rtf" required />
        </label>
        <label>
          Cover letter
          <textarea name="coverLetter" rows={8} />
        </label>
        <button type="submit" name="intent" value="submit" disabled={navigation.state !== 'idle'}>
          Submit application
        </button>
        <button type="submit" name="intent" value="save-draft">
          Save draft
        </button>
      </Form>
    </main>
  );
}
