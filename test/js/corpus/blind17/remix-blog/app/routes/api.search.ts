import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { searchPosts } from "~/models/post.server";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const pattern = url.searchParams.get("pattern");
  const posts = await searchPosts(q);

  const filter = pattern ? new RegExp(pattern, "i") : null; //@vuln CWE-1333
  const termRe = new RegExp(escapeRegExp(q), "gi"); //@safe

  return json(
    posts
      .filter((p) => (filter ? filter.test(p.title) : true))
      .map((p) => ({ ...p, hits: (p.title.match(termRe) ?? []).length }))
  );
}
