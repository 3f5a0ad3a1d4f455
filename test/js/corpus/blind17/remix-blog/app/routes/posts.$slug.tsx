import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getPostBySlug, recordView } from "~/models/post.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const post = await getPostBySlug(params.slug!);
  if (!post) throw new Response("Not Found", { status: 404 });
  const url = new URL(request.url);
  const highlight = url.searchParams.get("hl");
  await recordView(post.id, request.headers.get("referer"));
  return json({ post, highlight });
}

function withHighlight(html: string, term: string | null) {
  if (!term) return html;
  return `<p class="search-hit">Matches for <mark>${term}</mark></p>${html}`;
}

export default function PostPage() {
  const { post, highlight } = useLoaderData<typeof loader>();
  return (
    <article className="prose mx-auto">
      <h1>{post.title}</h1>
      <div
        className="post-body"
        dangerouslySetInnerHTML={{ __html: withHighlight(post.body_html, highlight) }} //@vuln CWE-79
      />
    </article>
  );
}
