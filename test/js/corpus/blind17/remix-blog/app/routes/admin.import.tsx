import { json, type ActionFunctionArgs } from "@remix-run/node";
import yaml from "js-yaml";
import libxmljs from "libxmljs";
import { knex } from "~/models/post.server";
import { requireAdmin } from "~/utils/session.server";

type ImportedPost = { slug: string; title: string; body_html: string; tags?: string[] };

function parseFrontMatter(source: string): Partial<ImportedPost> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  return match ? (yaml.safeLoad(match[1]) as Partial<ImportedPost>) : {}; //@safe
}

function parseYamlExport(text: string): ImportedPost[] {
  const doc = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }) as { posts: ImportedPost[] }; //@vuln CWE-502
  return doc.posts ?? [];
}

function parseWordpressExport(xml: string): ImportedPost[] {
  const doc = libxmljs.parseXml(xml, { noent: true, nonet: false }); //@vuln CWE-611
  return doc.find("//item").map((item) => ({
    slug: item.get("wp:post_name", { wp: "http://wordpress.org/export/1.2/" })?.text() ?? "",
    title: item.get("title")?.text() ?? "",
    body_html: item.get("content:encoded", { content: "http://purl.org/rss/1.0/modules/content/" })?.text() ?? "",
  }));
}

export async function action({ request }: ActionFunctionArgs) {
  const adminId = await requireAdmin(request);
  const form = await request.formData();
  const upload = form.get("export") as File;
  const text = await upload.text();

  const posts = upload.name.endsWith(".xml")
    ? parseWordpressExport(text)
    : upload.name.endsWith(".md")
      ? [{ ...parseFrontMatter(text), body_html: text } as ImportedPost]
      : parseYamlExport(text);

  await knex("posts")
    .insert(posts.map((p) => ({ ...p, author_id: adminId })))
    .onConflict("slug")
    .merge();
  return json({ imported: posts.length });
}
