import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import ClauseEditor from "~/components/ClauseEditor";
import { highlightTerm, safeRedirect, sanitizeClauseHtml } from "~/utils/richText";

const API_URL = process.env.LEXBRIDGE_API_URL ?? "http://localhost:4000";

interface ClauseView {
  id: string;
  heading: string;
  body: string;
}

interface CommentView {
  id: string;
  author: string;
  html: string;
}

interface ContractView {
  id: string;
  title: string;
  status: string;
  counterparty: string;
  clauses: ClauseView[];
  comments: CommentView[];
}

async function api(request: Request, path: string, init: RequestInit = {}) {
  const response = await fetch(`${API_URL}${path}`, {
    ...init,
    headers: { ...init.headers, cookie: request.headers.get("cookie") ?? "", "content-type": "application/json" },
  });
  if (response.status === 401) throw redirect(`/login?returnTo=${encodeURIComponent(new URL(request.url).pathname)}`);
  if (!response.ok) throw new Response("Upstream error", { status: response.status });
  return response;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.contract.title} · LexBridge` : "LexBridge" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const response = await api(request, `/api/contracts/${encodeURIComponent(params.contractId!)}`);
  const contract = (await response.json()) as ContractView;
  return json({ contract });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = form.get("intent");
  const contractId = encodeURIComponent(params.contractId!);

  if (intent === "save-clause") {
    await api(request, `/api/contracts/${contractId}/clauses/${form.get("clauseId")}`, {
      method: "PUT",
      body: JSON.stringify({ body: form.get("body") }),
    });
    return redirect(String(form.get("redirectTo") ?? `/contracts/${contractId}`));  //@vuln CWE-601
  }

  if (intent === "send-for-signature") {
    await api(request, `/api/contracts/${contractId}/signature`, { method: "POST" });
    return redirect(safeRedirect(form.get("redirectTo"), `/contracts/${contractId}`));  //@safe
  }

  return json({ error: "Unknown action" }, { status: 400 });
}

export default function ContractRoute() {
  const { contract } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const term = searchParams.get("q");

  return (
    <main className="contract-page">
      <header>
        <h1>{contract.title}</h1>
        <p className="muted">
          {contract.counterparty} · {contract.status}
        </p>
      </header>

      <section className="clauses">
        {contract.clauses.map((clause) => (
          <article key={clause.id} id={`clause-${clause.id}`}>
            <h3>{clause.heading}</h3>
            <div
              className="clause-body"
              dangerouslySetInnerHTML={{ __html: highlightTerm(clause.body, term) }}  //@vuln CWE-79
            />
            <ClauseEditor clauseId={clause.id} initialText={clause.body} />
          </article>
        ))}
      </section>

      <aside className="comments">
        <h2>Comments</h2>
        {contract.comments.map((comment) => (
          <div key={comment.id} className="comment">
            <strong>{comment.author}</strong>
            <div
              className="comment-body"
              dangerouslySetInnerHTML={{ __html: sanitizeClauseHtml(comment.html) }}  //@safe
            />
          </div>
        ))}
      </aside>

      <Form method="post">
        <input type="hidden" name="intent" value="send-for-signature" />
        <input type="hidden" name="redirectTo" value={searchParams.get("back") ?? ""} />
        <button type="submit">Send for signature</button>
      </Form>
    </main>
  );
}
