import type { LoaderFunctionArgs } from "@remix-run/node";
import { listPosts } from "~/models/post.server";

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const tag = params.tag ?? "";
  const order = new URL(request.url).searchParams.get("order");
  const posts = await listPosts({ tag, order });

  const items = posts
    .map((p) => `<li><a href="/posts/${encodeURIComponent(p.slug)}">${escapeHtml(p.title)}</a></li>`) //@safe
    .join("");
  const page = `<!doctype html><html><head><title>Posts tagged ${tag}</title></head>
<body><h1>Posts tagged ${tag}</h1><ul>${items}</ul></body></html>`;

  return new Response(page, { headers: { "Content-Type": "text/html; charset=utf-8" } }); //@vuln CWE-79
}
